"""Time building a period report (.docx + .xlsx) for the demo agency, at scale.

    .venv/bin/python benchmarks/reports_benchmark.py [--sizes 2000,10000] [--runs 5]
        [--seed 2026] [--databases sqlite,postgres]

Same scale databases as ``pages_benchmark.py`` (cached in ``var/bench/``); the demo agency
STP-TN holds half of them up to 5,000 (plus its 37 demo tasks): 1,037 at 2,000, 5,037 at
10,000. Per database and size it prints the median of
``--runs`` builds after a warm-up, the queries one build sends, and the time those
statements take sent bare, for:

* a live report (the year period, open on 25/06/2026: "số liệu tạm tính");
* freezing the Quý I snapshot (what locking the period costs);
* a frozen report (Quý I, locked on 20/03/2026: read from the snapshot).

Every run happens inside a transaction that is rolled back, so the cached database stays as
generated. The target (issue 10): a 1,000-task agency builds in ≤ 5 s, with the same number
of queries at every size. Printed, never a timed test.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import harness

TARGET_S = 5.0
OPEN_DAY = dt.date(2026, 6, 25)
LOCKED_DAY = dt.date(2026, 3, 20)


def main() -> int:
    args = harness.benchmark_parser(__doc__, sizes=[2000, 10000]).parse_args()
    if args.worker:
        return _worker(args)
    rows = harness.run_workers(Path(__file__), harness.worker_jobs(args))
    rows.sort(key=lambda r: (r.name, r.database, r.size))
    harness.print_table(rows, title="Period report build (median of runs after warm-up)")
    for line in _targets(rows):
        print(line)
    return 0


def _worker(args) -> int:
    database = harness.open_scale_database(args)
    from django.db import transaction

    with transaction.atomic():
        for measurement in _builds(database=database, size=args.size, runs=args.runs):
            harness.emit(measurement)
        transaction.set_rollback(True)  # snapshots and settings were for this run only
    return 0


def _builds(*, database: str, size: int, runs: int):
    from periods.models import ReportingPeriod
    from reports.services import build_report, freeze_period
    from tasks.models import Task

    periods = ReportingPeriod.objects.filter(agency__code=harness.DEMO_AGENCY, year=2026)
    year, q1 = periods.get(kind="year"), periods.get(kind="q1")
    tasks = Task.objects.filter(plan__agency__code=harness.DEMO_AGENCY).actionable().count()
    note = f" ({tasks:,} tasks in {harness.DEMO_AGENCY})"
    cases = [
        ("report, live (open period)", lambda: build_report(period=year, on=OPEN_DAY)),
        ("freeze period snapshot", lambda: freeze_period(period=q1)),
        ("report, frozen (locked period)", lambda: build_report(period=q1, on=LOCKED_DAY)),
    ]
    for name, build in cases:
        measurement = harness.measure(
            name, build, role="—", database=database, size=size, runs=runs
        )
        measurement.note = note
        yield measurement


def _targets(rows: list[harness.Measurement]) -> list[str]:
    lines = ["", "Target (issue 10): a 1,000-task agency (size 2,000) builds in ≤ 5 s,"]
    lines.append("with the same number of queries at every size:")
    for row in rows:
        verdict = "met" if row.median_ms <= TARGET_S * 1000 else "NOT met"
        lines.append(
            f"- {row.name}, {row.database}, {row.size:,}: {row.median_ms / 1000:.2f} s, "
            f"{row.queries} queries: {verdict}"
        )
    for name in sorted({row.name for row in rows}):
        counts = {row.queries for row in rows if row.name == name}
        flat = "the same at every size" if len(counts) == 1 else f"NOT flat: {sorted(counts)}"
        lines.append(f"- {name}: queries {flat}")
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
