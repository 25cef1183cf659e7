"""``make loadtest`` is never pointed elsewhere, and its scenario file stays importable."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from benchmarks.harness import ROOT
from benchmarks.loadtest_guard import NotLoopbackError, ensure_loopback

SCENARIO = ROOT / "benchmarks" / "locustfile.py"


@pytest.mark.parametrize(
    "target", ["127.0.0.1", "localhost", "http://127.0.0.1:8765", "http://LOCALHOST:80/", "[::1]"]
)
def test_loopback_targets_are_accepted(target):
    assert ensure_loopback(target) == target


@pytest.mark.parametrize(
    "target",
    [
        "cchc.thainguyen.gov.vn",
        "https://cchc.thainguyen.gov.vn",
        "http://10.0.0.5:8000",
        "http://127.0.0.2:8765",
        "http://localhost.evil.example",
        "http://127.0.0.1@cchc.example.vn/",
        "",
    ],
)
def test_any_other_host_is_refused(target):
    with pytest.raises(NotLoopbackError, match="Chỉ chạy thử tải trên máy này"):
        ensure_loopback(target)


def test_the_runner_refuses_another_host_before_touching_anything():
    run = subprocess.run(
        [sys.executable, "benchmarks/loadtest.py", "--host", "cchc.example.gov.vn"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode != 0 and "NotLoopbackError" in run.stderr
    assert "Chuẩn bị cơ sở dữ liệu" not in run.stdout


def test_the_scenario_file_compiles():
    compile(SCENARIO.read_text(encoding="utf-8"), str(SCENARIO), "exec")


@pytest.mark.skipif(importlib.util.find_spec("locust") is None, reason="make loadtest installs it")
def test_the_scenario_imports_and_defines_the_user_kinds():
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.path.insert(0, 'benchmarks'); import locustfile as f; "
            "print(sorted(c.__name__ for c in (f.UnitStaff, f.Coordinator, f.Returning)))",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert "['Coordinator', 'Returning', 'UnitStaff']" in run.stdout
