"""A backup made from the test database and a way to run manage.py in a fresh VAR_DIR."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from cchc.backup import create_backup

ROOT = Path(__file__).resolve().parents[2]
# Variables that would point a child process at this test run's database or folders.
INHERITED_PATHS = ("DATABASE_URL", "VAR_DIR", "MEDIA_ROOT", "STATIC_ROOT", "BACKUP_DIR")


def manage(*args: str, var_dir: Path) -> subprocess.CompletedProcess:
    """``manage.py`` as an operator runs it on a machine whose VAR_DIR is ``var_dir``."""
    env = {k: v for k, v in os.environ.items() if k not in INHERITED_PATHS}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**env, "DEBUG": "true", "VAR_DIR": str(var_dir)},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def sqlite_only():
    if connection.vendor != "sqlite":
        pytest.skip("cần SQLite (bản sao lưu SQLite)")


@pytest.fixture
def backup(world, evidence, tmp_path) -> Path:
    """A backup of the world and its one evidence file, in tmp_path/backups."""
    return create_backup(
        connection=connection,
        media_root=Path(settings.MEDIA_ROOT),
        destination=tmp_path / "backups",
    )
