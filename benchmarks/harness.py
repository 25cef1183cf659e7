"""What every benchmark shares: a configured Django, scale databases, timing, the bare SQL.

A benchmark script (pages, and later dashboard, reports, imports) does three things:

1. ``configure(database_url=..., var_dir=...)`` before importing any app code: production
   settings (DEBUG off, manifest static files), logging quiet;
2. ``prepare_scale_database(size=..., seed=...)``: the demo data plus ``generate_scale_data``
   at that size, cached between runs (SQLite: one file per size, seed and schema under
   ``var/bench/``; PostgreSQL: the database ``DATABASE_URL`` names, regenerated only when
   the size, seed or schema changed);
3. ``measure(name, fn, ...)`` per thing timed: the median of ``runs`` calls after a warm-up,
   the statements one call sends, and the median time of sending those statements again
   straight through the database cursor (the bare SQL: what the page would cost with no
   ORM, Python or template work). ``print_table`` prints the rows.

Each (database, size) runs in its own process (``run_workers``): Django is configured once
per process, and a fresh process does not carry the previous size's caches. The command line
is shared too: ``benchmark_parser`` (sizes, runs, seed, databases, cache, repeat),
``worker_jobs`` (one worker per database and size, ``--repeat`` times) and
``open_scale_database`` (steps 1 and 2 in a worker). With ``--repeat N`` each row of the
table is the median of the N workers' medians (``combine_repeats``), and it says their range.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import math
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BENCH_DIR = ROOT / "var" / "bench"
RESULT_PREFIX = "RESULT "
DEFAULT_SEED = 2026
DEMO_AGENCY = "STP-TN"
DEMO_AGENCY_TASKS = 5000  # the demo users' agency at province scale (issue 8)


# --- Django in production mode --------------------------------------------------------


def configure(*, database_url: str, var_dir: Path) -> None:
    """Set up Django with DEBUG off against ``database_url``; call before importing apps."""
    var_dir.mkdir(parents=True, exist_ok=True)
    ensure_server_database(database_url)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "cchc.settings",
            "DATABASE_URL": database_url,
            "VAR_DIR": str(var_dir),
            "STATIC_ROOT": str(var_dir / "static"),
            "MEDIA_ROOT": str(var_dir / "media"),
            "DEBUG": "false",
            "SECRET_KEY": "benchmark-only-not-a-secret",
            "ALLOWED_HOSTS": "testserver",
            "LOG_LEVEL": "ERROR",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    # Production serves hashed static names from a manifest; build it once (incremental).
    call_command("collectstatic", interactive=False, verbosity=0)


# --- Scale databases -------------------------------------------------------------------


def ensure_server_database(database_url: str) -> None:
    """Create the PostgreSQL database the URL names when it does not exist yet.

    The benchmarks' databases (``cchc_scale``, ``cchc_loadtest``) are their own; the role
    only needs CREATEDB, as the test databases already require.
    """
    from urllib.parse import urlsplit

    parts = urlsplit(database_url)
    if not parts.scheme.startswith("postgres"):
        return
    import psycopg
    from psycopg import sql

    name = parts.path.lstrip("/")
    maintenance = parts._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


@dataclass(frozen=True)
class Layout:
    """How ``size`` tasks are spread: the demo agency's share, then synthetic agencies."""

    size: int
    agency_tasks: int
    agencies: int
    plans_per_agency: int
    tasks_per_plan: int

    @classmethod
    def for_size(cls, size: int) -> Layout:
        # 5,000 tasks in STP-TN at 10k and 100k, so the demo users' share is the same and
        # a page whose cost follows that share takes the same time at both sizes.
        share = min(DEMO_AGENCY_TASKS, size // 2)
        rest = size - share
        agencies = min(50, max(1, rest // 100))
        per_plan = min(100, max(1, rest // agencies))
        plans = max(1, rest // (agencies * per_plan))
        return cls(size, share, agencies, plans, per_plan)

    def command_args(self, seed: int) -> list[str]:
        args = [
            "--agencies", str(self.agencies),
            "--plans-per-agency", str(self.plans_per_agency),
            "--tasks-per-plan", str(self.tasks_per_plan),
            "--seed", str(seed),
        ]  # fmt: skip
        if self.agency_tasks:
            args += ["--agency", DEMO_AGENCY, "--agency-tasks", str(self.agency_tasks)]
        return args


def schema_fingerprint() -> str:
    """Changes when a migration or the generator changes: a cached database is then stale."""
    digest = hashlib.sha256()
    sources = sorted(ROOT.glob("*/migrations/*.py")) + sorted(ROOT.glob("cchc/scale_*.py"))
    sources.append(ROOT / "cchc" / "demo.py")
    for path in sources:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def sqlite_path(size: int, seed: int, cache_dir: Path = BENCH_DIR) -> Path:
    return cache_dir / f"scale-{size}-seed{seed}-{schema_fingerprint()}.sqlite3"


def marker_path(database_url: str, cache_dir: Path = BENCH_DIR) -> Path:
    """Where to note what a database holds (SQLite files are named after size and seed)."""
    if database_url.startswith("sqlite:///"):
        return Path(database_url.removeprefix("sqlite:///") + ".json")
    name = database_url.rsplit("/", 1)[-1].split("?", 1)[0]
    return cache_dir / f"postgres-{name}.json"


def forget_stale_sqlite(path: Path) -> None:
    """Remove a SQLite file whose generation did not finish (no marker), and the files of
    the same size and seed built for an older schema: they are never read again."""
    if not Path(str(path) + ".json").exists():
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    stem = path.name.rsplit("-", 1)[0]  # scale-<size>-seed<seed>
    for old in path.parent.glob(f"{stem}-*.sqlite3*"):
        if not old.name.startswith(path.name):
            old.unlink(missing_ok=True)


def prepare_scale_database(*, size: int, seed: int, marker: Path) -> float:
    """Fill the configured database unless ``marker`` says it holds this size and seed.

    Returns the seconds spent generating (0 when the database was reused).
    """
    from django.core.management import call_command
    from django.db import connection

    wanted = {"size": size, "seed": seed, "schema": schema_fingerprint()}
    if marker.exists() and json.loads(marker.read_text()) == wanted:
        call_command("migrate", interactive=False, verbosity=0)
        return 0.0
    marker.unlink(missing_ok=True)
    started = time.perf_counter()
    _drop_tables()  # a server database of another size: start from an empty schema
    call_command("migrate", interactive=False, verbosity=0)
    quiet = io.StringIO()
    call_command("load_demo", force=True, stdout=quiet)  # production settings: DEBUG is off
    layout = Layout.for_size(size)
    call_command("generate_scale_data", *layout.command_args(seed), stdout=quiet)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # what autovacuum does soon after a bulk load
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(json.dumps(wanted))
    return time.perf_counter() - started


def _drop_tables() -> None:
    from django.db import connection

    tables = connection.introspection.table_names()
    if not tables:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            quoted = ", ".join(connection.ops.quote_name(t) for t in tables)
            cursor.execute(f"DROP TABLE {quoted} CASCADE")
        else:
            for table in tables:
                cursor.execute(f"DROP TABLE {connection.ops.quote_name(table)}")


# --- Measuring ---------------------------------------------------------------------------


# --- The command line every scale benchmark shares --------------------------------------


def benchmark_parser(description: str | None, *, sizes: list[int]) -> argparse.ArgumentParser:
    """Flags every scale benchmark takes, plus the hidden ones its per-size workers get."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--sizes", type=lambda raw: [int(n) for n in raw.split(",")], default=sizes)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--databases", default="", help="sqlite,postgres (default: what is set)")
    parser.add_argument("--cache-dir", default=str(BENCH_DIR))
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="run each worker this many times, one after another; each row is the median "
        "of their medians (this machine's speed moves by a third from one run to the next)",
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    return parser


def database_urls(choice: str) -> list[str]:
    """ "sqlite" (the worker names the cached file) and DATABASE_URL when it is PostgreSQL."""
    server = os.environ.get("DATABASE_URL", "")
    wanted = choice.split(",") if choice else ["sqlite", "postgres"]
    urls = ["sqlite"] if "sqlite" in wanted else []
    if "postgres" in wanted and server.startswith("postgres"):
        urls.append(server)
    return urls


def worker_jobs(args: argparse.Namespace, *extra: str) -> list[list[str]]:
    """One worker command line per (database, size) of ``args``, ``--repeat`` times in a
    row (a PostgreSQL database is refilled when the size changes, so a size's repeats run
    together); ``extra`` flags passed on."""
    return [
        [
            "--worker", "--database-url", url, "--size", str(size), "--seed", str(args.seed),
            "--runs", str(args.runs), "--cache-dir", args.cache_dir, *extra,
        ]
        for url in database_urls(args.databases)
        for size in args.sizes
        for _ in range(max(1, args.repeat))
    ]  # fmt: skip


def open_scale_database(args: argparse.Namespace) -> str:
    """In a worker: configure Django on the (cached) scale database of ``args``; its vendor."""
    cache_dir = Path(args.cache_dir)
    url = args.database_url
    if url == "sqlite":
        path = sqlite_path(args.size, args.seed, cache_dir)
        forget_stale_sqlite(path)
        url = f"sqlite:///{path}"
    configure(database_url=url, var_dir=cache_dir / "var")
    seconds = prepare_scale_database(
        size=args.size, seed=args.seed, marker=marker_path(url, cache_dir)
    )
    from django.db import connection

    if seconds:
        print(f"{connection.vendor}, {args.size:,} tasks: generated in {seconds:.0f} s", flush=True)
    return connection.vendor


@dataclass
class Statement:
    sql: str
    params: object
    many: bool


@dataclass
class Recorder:
    """Collects every statement sent while active (DEBUG is off: no connection.queries)."""

    statements: list[Statement] = field(default_factory=list)

    def __call__(self, execute, sql, params, many, context):
        self.statements.append(Statement(sql, params, many))
        return execute(sql, params, many, context)


@dataclass
class Measurement:
    """One row of a benchmark table."""

    name: str
    role: str
    database: str
    size: int
    median_ms: float
    queries: int
    bare_ms: float | None
    note: str = ""
    staff: bool = False  # measured for a unit's staff or head (the "staff pages")

    @property
    def ratio(self) -> float | None:
        if not self.bare_ms:
            return None
        return self.median_ms / self.bare_ms


def record(fn: Callable[[], object]) -> list[Statement]:
    from django.db import connection

    recorder = Recorder()
    with connection.execute_wrapper(recorder):
        fn()
    return recorder.statements


def median_ms(fn: Callable[[], object], runs: int) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def replay(statements: Iterable[Statement]) -> None:
    """Send the reads again through a plain cursor and fetch every row."""
    from django.db import connection

    reads = [s for s in statements if s.sql.lstrip().upper().startswith(("SELECT", "WITH"))]
    with connection.cursor() as cursor:
        for statement in reads:
            cursor.execute(statement.sql, statement.params)
            cursor.fetchall()


def measure(
    name: str,
    fn: Callable[[], object],
    *,
    role: str,
    database: str,
    size: int,
    runs: int = 7,
    warmup: int = 1,
    bare_runs: int = 3,
) -> Measurement:
    """Median of ``runs`` calls after ``warmup``, statements per call, bare SQL median.

    The call that records the statements is a second warm-up. The bare SQL varies less
    than a page (no Python in it): ``bare_runs`` medians are enough and save minutes.
    """
    for _ in range(warmup):
        fn()
    statements = record(fn)
    page = median_ms(fn, runs)
    bare = median_ms(lambda: replay(statements), bare_runs)
    return Measurement(name, role, database, size, page, len(statements), bare)


def emit(measurement: Measurement) -> None:
    """Hand a row to the parent process (see ``run_workers``)."""
    print(RESULT_PREFIX + json.dumps(asdict(measurement), ensure_ascii=False), flush=True)


def combine_repeats(rows: list[Measurement]) -> list[Measurement]:
    """One row per (thing, role, database, size), in the order first seen. Where a worker
    ran more than once: the median of the medians and of the bare SQL, and a note with the
    range of the medians."""
    groups: dict[tuple, list[Measurement]] = {}
    for row in rows:
        groups.setdefault((row.name, row.role, row.database, row.size), []).append(row)
    combined = []
    for same in groups.values():
        first = same[0]
        if len(same) == 1:
            combined.append(first)
            continue
        medians = sorted(row.median_ms for row in same)
        bares = [row.bare_ms for row in same if row.bare_ms is not None]
        combined.append(
            replace(
                first,
                median_ms=statistics.median(medians),
                bare_ms=statistics.median(bares) if bares else None,
                note=f"{first.note} ({len(same)} runs: {medians[0]:.0f}–{medians[-1]:.0f} ms)",
            )
        )
    return combined


def run_workers(script: Path, jobs: list[list[str]]) -> list[Measurement]:
    """Run ``script`` once per argument list in a fresh process and collect its rows (the
    rows of repeated workers combined: ``combine_repeats``)."""
    rows = []
    for args in jobs:
        completed = subprocess.run(
            [sys.executable, str(script), *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if completed.returncode != 0:
            sys.stderr.write(completed.stdout + completed.stderr)
            raise SystemExit(f"benchmark worker failed: {' '.join(args)}")
        for line in completed.stdout.splitlines():
            if line.startswith(RESULT_PREFIX):
                rows.append(Measurement(**json.loads(line[len(RESULT_PREFIX) :])))
            else:
                print(line, flush=True)
    return combine_repeats(rows)


def print_table(rows: list[Measurement], *, title: str) -> None:
    """A Markdown table, one row per measurement, in the order given."""
    print(f"\n{title}\n")
    print("| page | role | database | tasks | median ms | queries | bare SQL ms | ratio |")
    print("|---|---|---|---:|---:|---:|---:|---:|")
    for row in rows:
        bare = f"{row.bare_ms:.1f}" if row.bare_ms is not None else "—"
        ratio = f"{row.ratio:.1f}x" if row.ratio is not None else "—"
        print(
            f"| {row.name}{row.note} | {row.role} | {row.database} | {row.size:,} | "
            f"{row.median_ms:.1f} | {row.queries} | {bare} | {ratio} |"
        )


# --- Two sizes interleaved ------------------------------------------------------------------
#
# Medians taken minutes apart move 10-30% on a shared machine, more than the "within 10%"
# a flat page is held to. ``compare_interleaved`` keeps one worker per size alive and asks
# them in turn for a block of calls of the same thing, A B then B A (so a machine slowing
# down or speeding up during a round favours neither side), and each round's two blocks,
# timed back to back, give one ratio; the median of the rounds' ratios is the size's own
# effect, and their spread says how far to trust it.

SERVE_PREFIX = "SERVE "


def serve(things: dict[str, Callable[[], object]]) -> None:
    """In a worker: list ``things`` by name, then time ``run NAME N`` requests from stdin.

    Each answer is one line: the N timings in ms. ``quit`` (or end of input) stops.
    """
    for fn in things.values():
        fn()  # warm-up: caches, the first connection, compiled templates
    print(SERVE_PREFIX + json.dumps(sorted(things), ensure_ascii=False), flush=True)
    for line in sys.stdin:
        command, _, rest = line.strip().partition(" ")
        if command != "run":
            break
        name, _, count = rest.rpartition(" ")
        timings = []
        for _ in range(int(count)):
            started = time.perf_counter()
            things[name]()
            timings.append((time.perf_counter() - started) * 1000)
        print(SERVE_PREFIX + json.dumps(timings), flush=True)


@dataclass
class Comparison:
    """One thing timed on two sizes, interleaved: the medians and their ratio."""

    name: str
    database: str
    sizes: tuple[int, int]
    medians_ms: tuple[float, float]
    round_ratios: tuple[float, ...] = ()  # each round: second side's block median / first's

    @property
    def ratio(self) -> float:
        """The median of the rounds' ratios; the ratio of the medians when there are none."""
        if self.round_ratios:
            return statistics.median(self.round_ratios)
        return self.medians_ms[1] / self.medians_ms[0]

    @property
    def spread(self) -> str:
        """The rounds' middle half of ratios, "0.97–1.04" ("—" under four rounds)."""
        if len(self.round_ratios) < 4:
            return "—"
        low, _, high = statistics.quantiles(self.round_ratios, n=4)
        return f"{low:.2f}–{high:.2f}"


class _Served:
    """The parent's side of one ``serve`` worker."""

    def __init__(self, command: list[str]):
        self.process = subprocess.Popen(
            command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        self.names = set(self._answer())

    def run(self, name: str, count: int) -> list[float]:
        assert self.process.stdin is not None
        self.process.stdin.write(f"run {name} {count}\n")
        self.process.stdin.flush()
        return self._answer()

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=60)

    def _answer(self):
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith(SERVE_PREFIX):
                return json.loads(line[len(SERVE_PREFIX) :])
            print(line, end="", flush=True)
        raise SystemExit(f"benchmark worker stopped: {' '.join(self.process.args)}")


MAX_CALLS_PER_TURN = 200


def calls_per_turn(call_ms: float, *, block: int, turn_ms: float) -> int:
    """How many calls one turn makes: ``block``, or enough to last ``turn_ms`` when a call
    is quicker than that (at most ``MAX_CALLS_PER_TURN``).

    A turn of five 5 ms requests lasts 25 ms, so one pause of the machine moves its median;
    the same page asked for 150 ms at a time is judged on thirty.
    """
    if turn_ms <= 0:
        return block
    wanted = math.ceil(turn_ms / call_ms) if call_ms > 0 else MAX_CALLS_PER_TURN
    return max(block, min(wanted, MAX_CALLS_PER_TURN))


def compare_interleaved(
    script: Path, jobs: tuple[list[str], list[str]], *, database: str, sizes: tuple[int, int],
    rounds: int, block: int, turn_ms: float = 0.0,
) -> list[Comparison]:  # fmt: skip
    """For each thing both workers serve: ``rounds`` rounds of one turn on each side, A B
    then B A; each side's median and each round's ratio. A turn is ``block`` calls, or more
    when ``turn_ms`` is set: then one untimed call on each side first measures how many
    (``calls_per_turn``, the same on both sides). ``jobs``: the two workers' argument lists."""
    workers = tuple(_Served([sys.executable, str(script), *args]) for args in jobs)
    try:
        comparisons = []
        for name in sorted(workers[0].names & workers[1].names):
            calls = block
            if turn_ms > 0:
                probe = min(min(worker.run(name, 1)) for worker in workers)
                calls = calls_per_turn(probe, block=block, turn_ms=turn_ms)
            timings: tuple[list[float], list[float]] = ([], [])
            ratios = []
            for round_number in range(rounds):
                blocks = {}
                for side in (0, 1) if round_number % 2 == 0 else (1, 0):
                    blocks[side] = workers[side].run(name, calls)
                    timings[side].extend(blocks[side])
                first, second = (statistics.median(blocks[side]) for side in (0, 1))
                if first > 0:
                    ratios.append(second / first)
            medians = (statistics.median(timings[0]), statistics.median(timings[1]))
            comparisons.append(Comparison(name, database, sizes, medians, tuple(ratios)))
        return comparisons
    finally:
        for worker in workers:
            worker.close()


def print_comparisons(rows: list[Comparison], *, title: str) -> None:
    print(f"\n{title}\n")
    print("| page · role | database | tasks | median ms | tasks | median ms | ratio | rounds |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        (small, large), (fast, slow) = row.sizes, row.medians_ms
        print(
            f"| {row.name} | {row.database} | {small:,} | {fast:.1f} | {large:,} | {slow:.1f} | "
            f"{row.ratio:.2f} | {row.spread} |"
        )
