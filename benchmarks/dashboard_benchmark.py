"""Time the dashboard (Tổng quan) for the demo office and the province roll-up, at scale.

    .venv/bin/python benchmarks/dashboard_benchmark.py [--sizes 1000,10000,100000] [--runs 7]
        [--seed 2026] [--databases sqlite,postgres]

Same scale databases as ``pages_benchmark.py`` (cached in ``var/bench/``). Per database and
size it prints the median of ``--runs`` requests after a warm-up, the queries one request
sends, the time those statements take sent bare, and the page / bare-SQL ratio, for:

* the dashboard of ``vanphong`` (the demo agency STP-TN: up to 5,000 tasks), default
  filters (current period) and the whole year;
* the province roll-up: a province viewer over every agency of the database (all tasks),
  whole year. The province (a parent agency above all the others) and its viewer are made
  inside a transaction that is rolled back, so the cached database stays as generated.

Targets (issue 9) are printed at the end; they are not tests.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import harness

AGENCY_TARGET_MS, PROVINCE_TARGET_MS, RATIO_TARGET = 100.0, 300.0, 3.0
OFFICE = "vanphong"
PROVINCE_VIEWER = "bench.tinh"


def main() -> int:
    args = harness.benchmark_parser(__doc__, sizes=[1000, 10000]).parse_args()
    if args.worker:
        return _worker(args)
    rows = harness.run_workers(Path(__file__), harness.worker_jobs(args))
    rows.sort(key=lambda r: (r.name, r.database, r.size))
    harness.print_table(rows, title="Dashboard and province roll-up (median of runs after warm-up)")
    for line in _targets(rows):
        print(line)
    return 0


def _worker(args) -> int:
    database = harness.open_scale_database(args)
    from django.db import transaction

    with transaction.atomic():
        for measurement in _dashboards(database=database, size=args.size, runs=args.runs):
            harness.emit(measurement)
        transaction.set_rollback(True)  # the province and its viewer were for this run only
    return 0


def _dashboards(*, database: str, size: int, runs: int):
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    url = reverse("dashboard")
    pages = [
        ("dashboard, current period", OFFICE, url),
        ("dashboard, whole year", OFFICE, url + "?period="),
        ("province roll-up, whole year", _province_viewer().username, url + "?period="),
    ]
    for name, username, address in pages:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))

        def get(address=address, client=client):
            response = client.get(address, secure=True)
            assert response.status_code == 200, (address, response.status_code)
            return response

        yield harness.measure(name, get, role=username, database=database, size=size, runs=runs)


def _province_viewer():
    from organizations.models import Agency, Membership, Role
    from tests.factories import UserFactory

    province = Agency.objects.create(
        code="UBND-BENCH", name="UBND tỉnh (benchmark)", place_name="Thái Nguyên"
    )
    Agency.objects.exclude(pk=province.pk).update(parent=province)
    user = UserFactory(username=PROVINCE_VIEWER)
    Membership.objects.create(user=user, agency=province, role=Role.PROVINCE_VIEWER)
    return user


def _targets(rows: list[harness.Measurement]) -> list[str]:
    lines = ["", "Targets (issue 9):"]
    for row in rows:
        province = row.name.startswith("province")
        limit = PROVINCE_TARGET_MS if province else AGENCY_TARGET_MS
        ratio = f"{row.ratio:.1f}x bare SQL" if row.ratio is not None else "no bare SQL"
        verdict = "met" if row.median_ms <= limit else "NOT met"
        lines.append(
            f"- {row.name}, {row.database}, {row.size:,}: {row.median_ms:.0f} ms "
            f"(≤ {limit:.0f} ms): {verdict}; {ratio} (target ≤ {RATIO_TARGET:.0f}x)"
        )
    return lines


if __name__ == "__main__":
    sys.exit(main())
