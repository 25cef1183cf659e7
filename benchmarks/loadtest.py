"""``make loadtest``: locust against gunicorn and PostgreSQL on this machine, then a summary.

1. prepares the database ``--database-url`` names (the demo data, demo users included, plus
   ``generate_scale_data`` at ``--size`` tasks; reused when it already holds that size, seed
   and schema: see ``harness.prepare_scale_database``);
2. starts gunicorn (``--workers``, DEBUG off, production settings) on 127.0.0.1;
3. runs ``benchmarks/locustfile.py`` headless: ``--users`` users, ``--run-time``, at most
   ``--max-requests`` requests;
4. prints p50/p95/p99 and failures per request kind, and whether the targets are met;
5. stops gunicorn, whatever happened.

Only this machine is ever targeted (``loadtest_guard``). Not part of CI.
"""

from __future__ import annotations

import argparse
import csv
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import harness
from loadtest_guard import ensure_loopback

HERE = Path(__file__).resolve().parent
VENV_BIN = Path(sys.executable).parent
DEFAULT_DATABASE = "postgres://cchc:cchc@127.0.0.1:5432/cchc_loadtest"
PAGE_P95_MS = 250
LOGIN_P95_MS = 500
LOGIN_KINDS = {"login POST"}


def main() -> int:
    args = _parser().parse_args()
    ensure_loopback(args.host)
    var_dir = harness.ROOT / "var" / "loadtest"
    print(f"Chuẩn bị cơ sở dữ liệu {args.size:,} nhiệm vụ ({_safe(args.database_url)})...")
    harness.configure(database_url=args.database_url, var_dir=var_dir)
    marker = harness.marker_path(args.database_url)
    seconds = harness.prepare_scale_database(size=args.size, seed=args.seed, marker=marker)
    print(f"  sinh mới trong {seconds:.0f} s" if seconds else "  dùng lại dữ liệu có sẵn")
    _ensure_report()
    env = _server_env(args)
    server = _start_gunicorn(args, env)
    try:
        _wait_until_up(f"http://{args.host}:{args.port}/dang-nhap/")
        stats = _run_locust(args, env, var_dir)
    finally:
        _stop(server)
    rows = _read_stats(stats)
    _print_summary(rows)
    return 0 if _targets_met(rows) else 1


def _ensure_report() -> None:
    """One finished report of the demo agency, so the scenario has a Word file to download."""
    from django.contrib.auth import get_user_model

    from periods.models import ReportingPeriod
    from reports.models import ReportJob, ReportStatus
    from reports.services import request_report, run_report_job

    period = (
        ReportingPeriod.objects.filter(agency__code=harness.DEMO_AGENCY, kind="q1")
        .order_by("-year")
        .first()
    )
    if period is None or ReportJob.objects.filter(period=period, status=ReportStatus.DONE):
        return
    coordinator = get_user_model().objects.get(username="vanphong")
    job = request_report(period=period, plan=None, user=coordinator)
    run_report_job(job_id=job.pk)
    print(f"  dựng sẵn báo cáo {period.label} để tải về")


def _server_env(args: argparse.Namespace) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "ALLOWED_HOSTS": f"{args.host},localhost,127.0.0.1",
            # Plain HTTP on loopback: no TLS redirect, cookies without the Secure flag.
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "LOG_LEVEL": "WARNING",
            "LOGIN_FAILURE_LIMIT": "1000",
            "LOADTEST_MAX_REQUESTS": str(args.max_requests),
        }
    )
    return env


def _start_gunicorn(args: argparse.Namespace, env: dict[str, str]) -> subprocess.Popen:
    command = [
        str(VENV_BIN / "gunicorn"), "cchc.wsgi:application",
        "--bind", f"{args.host}:{args.port}",
        "--workers", str(args.workers),
        "--access-logfile", "-" if args.verbose else "/dev/null",
        "--log-level", "warning",
    ]  # fmt: skip
    print(f"Khởi động gunicorn ({args.workers} worker) tại http://{args.host}:{args.port}/")
    return subprocess.Popen(command, cwd=harness.ROOT, env=env, start_new_session=True)


def _wait_until_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"gunicorn không trả lời {url} sau {timeout:.0f} s") from None
            time.sleep(0.5)


def _run_locust(args: argparse.Namespace, env: dict[str, str], var_dir: Path) -> Path:
    prefix = var_dir / "locust"
    command = [
        str(VENV_BIN / "locust"), "-f", str(HERE / "locustfile.py"), "--headless",
        "--host", f"http://{args.host}:{args.port}",
        "--users", str(args.users), "--spawn-rate", str(args.spawn_rate),
        "--run-time", args.run_time, "--stop-timeout", "10",
        "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
    ]  # fmt: skip
    print(
        f"locust: {args.users} người dùng, tối đa {args.run_time} hoặc {args.max_requests:,} "
        "yêu cầu..."
    )
    subprocess.run(command, cwd=harness.ROOT, env=env, check=False)
    return Path(f"{prefix}_stats.csv")


def _stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def _read_stats(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as stats:
        return list(csv.DictReader(stats))


def _print_summary(rows: list[dict[str, str]]) -> None:
    header = f"{'request kind':<30} {'count':>7} {'fail':>5} {'p50':>6} {'p95':>6} {'p99':>6}"
    print("\n" + header + "\n" + "-" * len(header))
    for row in rows:
        name = "TOTAL" if row["Name"] == "Aggregated" else row["Name"]
        print(
            f"{name:<30} {row['Request Count']:>7} {row['Failure Count']:>5} "
            f"{row['50%']:>6} {row['95%']:>6} {row['99%']:>6}"
        )
    print("(ms)")


def _targets_met(rows: list[dict[str, str]]) -> bool:
    kinds = [row for row in rows if row["Name"] != "Aggregated"]
    failures = sum(int(row["Failure Count"]) for row in kinds)
    pages = [int(r["95%"]) for r in kinds if r["Name"] not in LOGIN_KINDS and r["95%"] != "N/A"]
    logins = [int(r["95%"]) for r in kinds if r["Name"] in LOGIN_KINDS and r["95%"] != "N/A"]
    checks = {
        f"pages p95 ≤ {PAGE_P95_MS} ms (slowest kind: {max(pages, default=0)} ms)": max(
            pages, default=0
        )
        <= PAGE_P95_MS,
        f"login p95 ≤ {LOGIN_P95_MS} ms ({max(logins, default=0)} ms)": max(logins, default=0)
        <= LOGIN_P95_MS,
        f"0 failures ({failures})": failures == 0,
    }
    for label, met in checks.items():
        print(f"{'đạt' if met else 'CHƯA ĐẠT':<9} {label}")
    return all(checks.values())


def _safe(url: str) -> str:
    return url.rsplit("@", 1)[-1]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--host", default="127.0.0.1", help="127.0.0.1 or localhost only")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--run-time", default="3m", help="locust's --run-time, e.g. 90s, 3m")
    parser.add_argument("--max-requests", type=int, default=30000)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--size", type=int, default=100_000, help="tasks in the database")
    parser.add_argument("--seed", type=int, default=harness.DEFAULT_SEED)
    parser.add_argument(
        "--database-url", default=os.environ.get("LOADTEST_DATABASE_URL", DEFAULT_DATABASE)
    )
    parser.add_argument("--verbose", action="store_true", help="gunicorn's access log")
    return parser


if __name__ == "__main__":
    sys.exit(main())
