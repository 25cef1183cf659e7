"""Time the reminder sweep at scale: the first sweep after downtime, a rerun, a dry run.

    DATABASE_URL=postgres://.../cchc_scale .venv/bin/python benchmarks/reminders_benchmark.py \
        [--sizes 10000,100000] [--runs 3] [--databases postgres]

For each database and size (tasks in the database, ``harness.Layout``) it prints the median
seconds and the queries of: a sweep that finds everything new (every open task's current
threshold, as after a long downtime: the worst case, ledger rows and digests written and
e-mailed to the locmem backend, then rolled back), the same sweep run again (nothing new:
the steady state of the 15-minute beat), and ``send_reminders --dry-run``. Target (issue
11): a sweep over 100,000 open tasks on PostgreSQL in ≤ 15 s, with a query count that does
not grow per task (batched reads and inserts). Printed, not a test.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import harness

SWEEP_DAY = dt.date(2026, 6, 25)  # mid-year: many tasks overdue, some due within the week
FIRST, RERUN, DRY = (
    "sweep, everything new (send, rolled back)",
    "sweep again, nothing new",
    "sweep --dry-run",
)
TARGET_S = 15.0


def main() -> int:
    args = _parser().parse_args()
    if args.worker:
        return _worker(args)
    rows = harness.run_workers(Path(__file__), harness.worker_jobs(args))
    rows.sort(key=lambda r: (r.name, r.database, r.size))
    harness.print_table(rows, title="Reminder sweep (median of runs after warm-up)")
    for line in _targets(rows):
        print(line)
    return 0


def _parser():
    return harness.benchmark_parser(__doc__, sizes=[10000, 100000])


def _worker(args) -> int:
    database = harness.open_scale_database(args)
    from django.core import mail
    from django.db import transaction

    from reminders.services import sweep
    from tasks.models import Task, TaskStatus

    open_tasks = Task.objects.actionable().exclude(status=TaskStatus.DONE).count()
    common = {"role": "—", "database": database, "size": args.size, "runs": args.runs}

    def first_sweep():
        with transaction.atomic():
            mail.outbox = []
            result = sweep(on=SWEEP_DAY)
            transaction.set_rollback(True)
        return result

    first = harness.measure(FIRST, first_sweep, **common)
    result = first_sweep()
    items = sum(len(r.items) for r in result.sent)
    first.note = f" ({open_tasks:,} open tasks, {result.new_items:,} ledger rows, "
    first.note += f"{len(result.sent):,} digests, {items:,} lines shown)"
    harness.emit(first)
    with transaction.atomic():
        sweep(on=SWEEP_DAY)
        rerun = harness.measure(RERUN, lambda: sweep(on=SWEEP_DAY), **common)
        transaction.set_rollback(True)
    harness.emit(rerun)
    dry = harness.measure(DRY, lambda: sweep(on=SWEEP_DAY, dry_run=True), **common)
    harness.emit(dry)
    return 0


def _targets(rows: list[harness.Measurement]) -> list[str]:
    lines = ["", "Targets (issue 11):"]
    for row in rows:
        if row.name == FIRST and row.size >= 100_000:
            verdict = "met" if row.median_ms <= TARGET_S * 1000 else "NOT met"
            lines.append(
                f"- {row.name}, {row.database}, {row.size:,}: {row.median_ms / 1000:.2f} s, "
                f"{row.queries} queries (≤ {TARGET_S:.0f} s): {verdict}"
            )
    for name in (FIRST, RERUN, DRY):
        counts = {(r.database, r.size): r.queries for r in rows if r.name == name}
        lines.append(f"- queries of '{name}' by size: {counts}")
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
