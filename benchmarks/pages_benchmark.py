"""Time every list and detail page for each demo role, and the reminder sweep, at scale.

    .venv/bin/python benchmarks/pages_benchmark.py [--sizes 1000,10000,100000] [--runs 7]
        [--roles canbo.xdkt,vanphong] [--seed 2026] [--databases sqlite,postgres]
    .venv/bin/python benchmarks/pages_benchmark.py --interleave 10000,100000 [--rounds 7]
        [--block 5] [--turn-ms 150] [--postgres-urls URL_10K,URL_100K]

For each database and size (tasks in the database: the demo agency STP-TN holds up to 5,000
of them, synthetic agencies the rest; see ``harness.Layout``) it prints, per page and demo
role, the median of ``--runs`` requests after a warm-up through the Django test client
(logged in, DEBUG off), the queries one request sends, the time those statements take sent
bare, and the page / bare-SQL ratio; then the reminder sweep (``reminders.services.sweep``
dry run; ``benchmarks/reminders_benchmark.py`` times the real sweep). PostgreSQL is measured
when ``DATABASE_URL`` points at one (its database is dropped and refilled when the size
changes: give it a database of its own, e.g. ``cchc_scale``).
SQLite databases are cached in ``var/bench/`` by size, seed and schema.
Targets (issue 8) are printed at the end; they are not tests.

``--interleave A,B`` answers "within 10% of its time at 10,000 tasks" alone: one worker per
size stays up and the staff pages are timed on each in turn, a block of requests at a time
(``harness.compare_interleaved``), so the machine's slower minutes fall on both sides. A turn
is ``--block`` requests, or as many as last ``--turn-ms`` for a quicker page (a 5 ms page is
asked for 30 at a time, not 5; ``--turn-ms 0``: always ``--block``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import harness

SEARCH = "ra soat"
SWEEP_DAY = dt.date(2026, 6, 25)  # mid-year: some tasks overdue, some due within the week
SWEEP = "reminder sweep (send_reminders --dry-run)"
TARGET_MS, SEARCH_TARGET_MS, FLAT_MARGIN, RATIO_TARGET = 60.0, 100.0, 0.10, 3.0
SWEEP_TARGET_S = {"sqlite": 10.0, "postgresql": 5.0}


def main() -> int:
    args = _parser().parse_args()
    if args.worker:
        return _serve(args) if args.serve else _worker(args)
    if args.interleave:
        return _interleaved(args)
    rows = harness.run_workers(Path(__file__), harness.worker_jobs(args, "--roles", args.roles))
    rows.sort(key=lambda r: (r.name == SWEEP, r.name, r.role, r.database, r.size))
    harness.print_table(rows, title="Pages and the reminder sweep (median of runs after warm-up)")
    for line in _targets(rows):
        print(line)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = harness.benchmark_parser(__doc__, sizes=[1000, 10000, 100000])
    parser.add_argument("--roles", default="", help="demo usernames (default: every one)")
    parser.add_argument(
        "--interleave",
        type=lambda raw: tuple(int(n) for n in raw.split(",")),
        help="two sizes, e.g. 10000,100000: the staff pages on both, in turn (see below)",
    )
    parser.add_argument("--rounds", type=int, default=7, help="with --interleave")
    parser.add_argument("--block", type=int, default=5, help="calls per turn, --interleave")
    parser.add_argument(
        "--turn-ms",
        type=float,
        default=150.0,
        help="with --interleave: a quicker page makes more calls per turn, to last this long",
    )
    parser.add_argument(
        "--postgres-urls",
        default="",
        help="with --interleave: two PostgreSQL databases, one per size (each is refilled "
        "when its size changes), e.g. postgres://…/cchc_scale_10k,postgres://…/cchc_scale",
    )
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    return parser


# --- Two sizes in turn (the "within 10%" target) ---------------------------------------------


def _interleaved(args) -> int:
    """The staff pages at two sizes, measured in turn: the ratio is the size's own effect."""
    sizes = args.interleave
    wanted = args.databases.split(",") if args.databases else ["sqlite"]
    databases = [("sqlite", ("sqlite", "sqlite"))] if "sqlite" in wanted else []
    if args.postgres_urls:
        databases.append(("postgresql", tuple(args.postgres_urls.split(","))))
    rows = []
    for vendor, urls in databases:
        jobs = tuple(
            [
                "--worker", "--serve", "--database-url", url, "--size", str(size),
                "--seed", str(args.seed), "--cache-dir", args.cache_dir, "--roles", args.roles,
            ]
            for url, size in zip(urls, sizes, strict=True)
        )  # fmt: skip
        rows += harness.compare_interleaved(
            Path(__file__), jobs, database=vendor, sizes=sizes, rounds=args.rounds,
            block=args.block, turn_ms=args.turn_ms,
        )  # fmt: skip
    title = (
        f"Staff pages at {sizes[0]:,} and {sizes[1]:,} tasks, in turn "
        f"({args.rounds} rounds of {args.block} requests or {args.turn_ms:.0f} ms each side; "
        "ratio = second / first)"
    )
    harness.print_comparisons(rows, title=title)
    grown = [row for row in rows if row.ratio > 1 + FLAT_MARGIN]
    print(
        f"\nTarget (issue 8): every staff page within {FLAT_MARGIN:.0%} of its time at "
        f"{sizes[0]:,} tasks: "
        + ("met" if not grown else f"NOT met for {len(grown)} of {len(rows)} rows")
    )
    return 0


def _serve(args) -> int:
    harness.open_scale_database(args)
    roles = args.roles.split(",") if args.roles else _demo_usernames()
    pages = {}
    for username in roles:
        for name, get, staff in _pages_for(username):
            if staff or args.roles:
                pages[f"{name} · {username}"] = get
    harness.serve(pages)
    return 0


# --- One database, one size (a fresh process) ---------------------------------------------


def _worker(args) -> int:
    database = harness.open_scale_database(args)
    for username in args.roles.split(",") if args.roles else _demo_usernames():
        for measurement in _pages_of(username, database=database, size=args.size, runs=args.runs):
            harness.emit(measurement)
    harness.emit(_sweep(database=database, size=args.size, runs=args.runs))
    return 0


def _demo_usernames() -> list[str]:
    from cchc.demo import USERS

    return [spec.username for spec in USERS]


def _pages_of(username: str, *, database: str, size: int, runs: int):
    for name, get, staff in _pages_for(username):
        measurement = harness.measure(
            name, get, role=username, database=database, size=size, runs=runs, warmup=0
        )
        measurement.staff = staff
        yield measurement


def _pages_for(username: str):
    """(name, request, whether the user works in a unit) for each page ``username`` opens."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from organizations.access import access_for

    user = get_user_model().objects.get(username=username)
    works_in_a_unit = bool(access_for(user).unit_ids) and not user.is_superuser
    client = Client()
    client.force_login(user)
    for name, url in _urls(user):

        def get(url=url):
            return client.get(url, secure=True)

        if get().status_code != 200:  # doubles as the warm-up
            continue  # not this role's page (403/404/redirect): nothing to time
        yield name, get, works_in_a_unit


def _urls(user) -> list[tuple[str, str]]:
    """The pages to time for ``user``: each list, and the detail of a row the user sees."""
    from django.urls import reverse

    from periods.models import PeriodKind, ReportingPeriod
    from plans.models import Plan
    from tasks.models import Task

    plan = Plan.objects.filter(agency__code=harness.DEMO_AGENCY, number="1000").first()
    plan = plan or Plan.objects.filter(agency__code=harness.DEMO_AGENCY).order_by("pk").first()
    task = Task.objects.visible_to(user).actionable().filter(plan=plan).order_by("position").first()
    period = ReportingPeriod.objects.filter(
        agency__code=harness.DEMO_AGENCY, kind=PeriodKind.QUARTER_3
    ).first()
    urls = [
        ("plan list", reverse("plans:list")),
        ("plan detail", reverse("plans:detail", args=[plan.pk])),
        ("task list", reverse("tasks:mine")),
        (f'task list, search "{SEARCH}"', reverse("tasks:mine") + "?q=" + SEARCH.replace(" ", "+")),
        ("extension list", reverse("tasks:extensions")),
        ("budget list", reverse("budget:list")),
        ("period list", reverse("periods:list")),
        ("period detail", reverse("periods:detail", args=[period.pk])),
    ]
    if task is not None:
        urls.insert(4, ("task detail", reverse("tasks:detail", args=[task.pk])))
    return urls


def _sweep(*, database: str, size: int, runs: int) -> harness.Measurement:
    from reminders.services import sweep

    def run():
        return sweep(on=SWEEP_DAY, dry_run=True)

    measurement = harness.measure(SWEEP, run, role="—", database=database, size=size, runs=runs)
    result = run()
    measurement.note = f" ({len(result.sent)} digests)"
    return measurement


# --- The targets ---------------------------------------------------------------------


def _targets(rows: list[harness.Measurement]) -> list[str]:
    lines = ["", "Targets (issue 8):"]
    largest = max((r.size for r in rows), default=0)
    staff = [r for r in rows if r.staff and r.size == largest]
    for row in staff:
        limit = SEARCH_TARGET_MS if "search" in row.name else TARGET_MS
        base = _same(rows, row, size=10_000)
        flat = base is None or row.median_ms <= base.median_ms * (1 + FLAT_MARGIN)
        verdict = "met" if row.median_ms <= limit and flat else "NOT met"
        versus = f", {base.median_ms:.0f} ms at 10,000" if base else ""
        lines.append(
            f"- {row.name}, {row.role}, {row.database}, {row.size:,}: {row.median_ms:.0f} ms "
            f"(≤ {limit:.0f} ms{', within 10% of 10k' if base else ''}{versus}): {verdict}"
        )
    slow = [r for r in rows if r.ratio is not None and r.ratio > RATIO_TARGET and r.name != SWEEP]
    lines.append(
        f"- every page ≤ {RATIO_TARGET:.0f}x its bare SQL: "
        + ("met" if not slow else f"NOT met for {len(slow)} of {len(rows)} rows")
    )
    for row in (r for r in rows if r.name == SWEEP):
        limit = SWEEP_TARGET_S.get(row.database, 10.0)
        verdict = "met" if row.median_ms <= limit * 1000 else "NOT met"
        lines.append(
            f"- reminder sweep, {row.database}, {row.size:,}: {row.median_ms / 1000:.2f} s "
            f"(≤ {limit:.0f} s): {verdict}"
        )
    return lines


def _same(rows, row, *, size: int):
    return next(
        (
            r
            for r in rows
            if (r.name, r.role, r.database, r.size) == (row.name, row.role, row.database, size)
        ),
        None,
    )


if __name__ == "__main__":
    raise SystemExit(main())
