"""The pages benchmark runs end to end at a tiny size, so it cannot rot unnoticed."""

from __future__ import annotations

import subprocess
import sys

import pytest

from benchmarks.harness import ROOT, Layout, Measurement


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        (100_000, Layout(100_000, 5000, 50, 19, 100)),
        (10_000, Layout(10_000, 5000, 50, 1, 100)),
        (1000, Layout(1000, 500, 5, 1, 100)),
        (60, Layout(60, 30, 1, 1, 30)),
    ],
)
def test_layout_keeps_the_demo_share_and_the_total(size, expected):
    layout = Layout.for_size(size)
    assert layout == expected
    synthetic = layout.agencies * layout.plans_per_agency * layout.tasks_per_plan
    assert layout.agency_tasks + synthetic == size


def test_ratio_is_page_over_bare_sql():
    row = Measurement("task list", "canbo.xdkt", "sqlite", 10, 30.0, 9, 10.0)
    assert row.ratio == 3.0
    assert Measurement("x", "r", "sqlite", 10, 30.0, 9, None).ratio is None


def test_repeated_workers_give_one_row_each_the_median_of_their_medians():
    from benchmarks.harness import combine_repeats

    def row(name, median, bare, size=10):
        return Measurement(name, "vanphong", "postgresql", size, median, 28, bare, staff=True)

    rows = [
        row("dashboard", 137.0, 46.0), row("roll-up", 354.0, 229.0),
        row("dashboard", 90.0, 43.0), row("roll-up", 309.0, 161.0),
        row("dashboard", 107.0, 32.0), row("roll-up", 275.0, 179.0),
        row("dashboard", 120.0, 40.0, size=100),  # another size: a row of its own
    ]  # fmt: skip
    combined = combine_repeats(rows)
    assert [(r.name, r.size) for r in combined] == [
        ("dashboard", 10), ("roll-up", 10), ("dashboard", 100),
    ]  # fmt: skip
    dashboard, rollup, other = combined
    assert (dashboard.median_ms, dashboard.bare_ms) == (107.0, 43.0)
    assert (rollup.median_ms, rollup.bare_ms) == (309.0, 179.0)
    assert dashboard.note == " (3 runs: 90–137 ms)"
    assert rollup.note == " (3 runs: 275–354 ms)"
    assert dashboard.staff and dashboard.queries == 28
    assert other == rows[-1]  # run once: unchanged, no note


def test_worker_jobs_repeat_each_size_in_a_row():
    from benchmarks.harness import benchmark_parser, worker_jobs

    args = benchmark_parser(None, sizes=[1000]).parse_args(
        ["--sizes", "1000,10000", "--databases", "sqlite", "--repeat", "2"]
    )
    sizes = [job[job.index("--size") + 1] for job in worker_jobs(args)]
    assert sizes == ["1000", "1000", "10000", "10000"]
    once = benchmark_parser(None, sizes=[1000]).parse_args(["--databases", "sqlite"])
    assert len(worker_jobs(once)) == 1


def _pages_benchmark(tmp_path, *options: str) -> str:
    """Run benchmarks/pages_benchmark.py with its caches in ``tmp_path``; its output."""
    completed = subprocess.run(
        [sys.executable, "benchmarks/pages_benchmark.py", *options, "--cache-dir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return completed.stdout


def test_pages_benchmark_runs_at_a_tiny_size(tmp_path):
    options = ["--sizes", "60", "--runs", "1", "--roles", "canbo.xdkt", "--databases", "sqlite"]
    out = _pages_benchmark(tmp_path, *options)
    assert "generated in" in out
    for page in ("plan list", "task list", 'task list, search "ra soat"', "task detail"):
        assert f"| {page} | canbo.xdkt | sqlite | 60 |" in out
    assert "| reminder sweep (send_reminders --dry-run)" in out
    assert "Targets (issue 8):" in out


def test_a_missing_postgresql_benchmark_database_is_created():
    from django.conf import settings
    from django.db import connection

    from benchmarks.harness import ensure_server_database

    if connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL on PostgreSQL")
    db = settings.DATABASES["default"]
    name = "cchc_harness_probe"
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{name}"
    import psycopg

    admin = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
    try:
        ensure_server_database(url)
        ensure_server_database(url)  # a second call finds it and does nothing
        with psycopg.connect(admin, autocommit=True) as conn:
            found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        assert found == (1,)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")


def test_sqlite_urls_need_no_server_database():
    from benchmarks.harness import ensure_server_database

    ensure_server_database("sqlite:////tmp/never-created.sqlite3")  # returns without connecting


FAKE_WORKER = """
import sys
sys.path.insert(0, {root!r})
from benchmarks import harness

side, log = sys.argv[1], sys.argv[2]

def call(name):
    def fn():
        with open(log, "a") as out:
            out.write(f"{{side}}:{{name}}\\n")
    return fn

things = {{"list": call("list"), "detail": call("detail")}}
if side == "b":
    things["only on b"] = call("only on b")
harness.serve(things)
"""


def test_two_sizes_are_asked_in_turn_a_block_at_a_time(tmp_path):
    from benchmarks.harness import compare_interleaved

    script, log = tmp_path / "worker.py", tmp_path / "calls.log"
    script.write_text(FAKE_WORKER.format(root=str(ROOT)))
    rows = compare_interleaved(
        script, (["a", str(log)], ["b", str(log)]), database="sqlite", sizes=(10, 100),
        rounds=2, block=3,
    )  # fmt: skip
    assert [row.name for row in rows] == ["detail", "list"]  # only what both serve
    calls = log.read_text().splitlines()
    warmups, timed = calls[:5], calls[5:]
    assert sorted(warmups) == ["a:detail", "a:list", "b:detail", "b:list", "b:only on b"]
    expected = []
    for name in ("detail", "list"):  # A B, then B A: a drifting machine favours neither
        expected += [f"a:{name}"] * 3 + [f"b:{name}"] * 3 + [f"b:{name}"] * 3 + [f"a:{name}"] * 3
    assert timed == expected
    assert all(row.sizes == (10, 100) and min(row.medians_ms) >= 0 for row in rows)
    assert all(len(row.round_ratios) == 2 for row in rows)


@pytest.mark.parametrize(
    ("call_ms", "block", "turn_ms", "calls"),
    [
        (5.0, 5, 150.0, 30),  # a quick page: enough calls to last the turn
        (60.0, 5, 150.0, 5),  # a slow page: the block already lasts longer
        (7.0, 5, 150.0, 22),  # rounded up, so the turn lasts at least turn_ms
        (0.0, 5, 150.0, 200),  # a call too quick to time: the cap
        (0.1, 5, 150.0, 200),  # 1,500 wanted: the cap
        (5.0, 5, 0.0, 5),  # turn_ms off: always the block
    ],
)
def test_calls_per_turn(call_ms, block, turn_ms, calls):
    from benchmarks.harness import calls_per_turn

    assert calls_per_turn(call_ms, block=block, turn_ms=turn_ms) == calls


def test_a_turn_of_quick_calls_is_long_enough(tmp_path):
    """With ``turn_ms``, one untimed call on each side sets how many calls a turn makes."""
    from benchmarks.harness import MAX_CALLS_PER_TURN, compare_interleaved

    script, log = tmp_path / "worker.py", tmp_path / "calls.log"
    script.write_text(FAKE_WORKER.format(root=str(ROOT)))
    rows = compare_interleaved(
        script, (["a", str(log)], ["b", str(log)]), database="sqlite", sizes=(10, 100),
        rounds=2, block=3, turn_ms=10_000.0,
    )  # fmt: skip
    calls = log.read_text().splitlines()[5:]  # after the warm-ups
    turn = MAX_CALLS_PER_TURN  # the fake calls take microseconds: the cap
    expected = []
    for name in ("detail", "list"):
        expected += [f"a:{name}", f"b:{name}"]  # the probe, not timed
        expected += [f"a:{name}"] * turn + [f"b:{name}"] * turn * 2 + [f"a:{name}"] * turn
    assert calls == expected
    assert all(len(row.round_ratios) == 2 for row in rows)


def test_comparison_ratio_is_second_size_over_first():
    from benchmarks.harness import Comparison

    assert Comparison("task list", "sqlite", (10_000, 100_000), (50.0, 55.0)).ratio == 1.1


@pytest.mark.parametrize(
    ("round_ratios", "ratio", "spread"),
    [
        ((1.0, 1.5, 1.02, 0.98, 1.01), 1.01, "0.99–1.26"),  # one slow block moves the median little
        ((0.9, 1.1), 1.0, "—"),  # too few rounds to speak of a spread
    ],
)
def test_comparison_ratio_is_the_median_of_the_rounds(round_ratios, ratio, spread):
    from benchmarks.harness import Comparison

    row = Comparison("task list", "sqlite", (10_000, 100_000), (50.0, 60.0), round_ratios)
    assert row.ratio == pytest.approx(ratio)
    assert row.spread == spread


def test_pages_benchmark_interleaves_two_tiny_sizes(tmp_path):
    options = ["--interleave", "60,120", "--rounds", "1", "--block", "1", "--roles", "canbo.xdkt"]
    out = _pages_benchmark(tmp_path, *options)
    assert "| task list · canbo.xdkt | sqlite | 60 |" in out
    assert "| 120 |" in out
    assert "every staff page within 10% of its time at 60 tasks:" in out


@pytest.mark.parametrize(
    ("name", "database", "median", "bare", "expected"),
    [
        ("dashboard, whole year", "postgresql", 95.0, 33.0, "95 ms (≤ 100 ms): met; 2.9x"),
        ("dashboard, whole year", "sqlite", 137.0, 36.0, "137 ms (≤ 100 ms): NOT met; 3.8x"),
        ("province roll-up, whole year", "postgresql", 252.0, 162.0, "252 ms (≤ 300 ms): met"),
        ("province roll-up, whole year", "postgresql", 354.0, 229.0, "(≤ 300 ms): NOT met"),
        # The issue states the roll-up's time for PostgreSQL: on SQLite it is not judged.
        ("province roll-up, whole year", "sqlite", 488.0, 402.0, "(≤ 300 ms is stated for"),
    ],
)
def test_dashboard_targets_follow_the_issue(name, database, median, bare, expected):
    from benchmarks.dashboard_benchmark import _targets

    row = Measurement(name, "vanphong", database, 100_000, median, 28, bare)
    (line,) = _targets([row])[2:]
    assert expected in line
    assert ("(≤ 3x): met" in line) == (median / bare <= 3)


def test_dashboard_benchmark_runs_at_a_tiny_size_twice(tmp_path):
    completed = subprocess.run(
        [
            sys.executable, "benchmarks/dashboard_benchmark.py", "--sizes", "60", "--runs", "1",
            "--databases", "sqlite", "--repeat", "2", "--cache-dir", str(tmp_path),
        ],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr[-3000:]
    out = completed.stdout
    for page in ("dashboard, current period", "dashboard, whole year", "province roll-up"):
        assert f"| {page}" in out
    for role in ("vanphong", "canbo.xdkt"):  # the 300-task plan, made in the worker
        assert f"| {role} | sqlite | 60 |" in out
        assert f"- plan page, 300 tasks · {role}, sqlite, 60: " in out
    assert out.count("(2 runs: ") == 5  # one row per page and role, the two workers combined
    assert "Targets (issue 9):" in out
    assert "(the issue sets the plan page no time)" in out
