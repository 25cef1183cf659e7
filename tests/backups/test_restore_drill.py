"""The restore drill: data and files backed up, restored into a fresh VAR_DIR, found again.

The backup is made from the test database; ``manage.py restore`` then runs as an
operator would, in a new process on an empty machine (a fresh VAR_DIR, SQLite).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection

from tests.backups.conftest import manage

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("sqlite_only")]


def _tables() -> list[str]:
    return sorted({model._meta.db_table for model in apps.get_models(include_auto_created=True)})


def _rows_here() -> dict[str, list[tuple]]:
    with connection.cursor() as cursor:
        return {
            table: sorted(cursor.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in _tables()
        }


def _rows_in(path: Path) -> dict[str, list[tuple]]:
    # Read as Django reads it (its column converters), so values compare as equal.
    database = sqlite3.connect(path, detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)
    try:
        return {
            table: sorted(database.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in _tables()
        }
    finally:
        database.close()


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_restore_into_a_fresh_var_dir_finds_the_same_rows_and_files(backup, tmp_path, world):
    fresh = tmp_path / "fresh-var"
    result = manage("restore", str(backup), var_dir=fresh)
    assert result.returncode == 0, result.stderr
    assert "Đã khôi phục bản sao lưu" in result.stdout
    restored = _rows_in(fresh / "db.sqlite3")
    assert restored == _rows_here()
    assert len(restored["tasks_task"]) == 4 and len(restored["tasks_evidence"]) == 1
    assert _files(fresh / "media") == _files(Path(settings.MEDIA_ROOT))
    assert len(_files(fresh / "media")) == 1


def test_a_second_restore_needs_force_and_then_replaces_everything(backup, tmp_path):
    fresh = tmp_path / "fresh-var"
    assert manage("restore", str(backup), var_dir=fresh).returncode == 0
    database = sqlite3.connect(fresh / "db.sqlite3")
    database.execute("DELETE FROM tasks_taskcomment")
    database.execute("UPDATE plans_plan SET title = 'Đã bị sửa'")
    database.commit()
    database.close()
    (fresh / "media" / "la.txt").write_text("tệp lạ")

    refused = manage("restore", str(backup), var_dir=fresh)
    assert refused.returncode != 0 and "--force" in refused.stderr
    assert "Đã bị sửa" in str(_rows_in(fresh / "db.sqlite3")["plans_plan"])

    forced = manage("restore", str(backup), "--force", var_dir=fresh)
    assert forced.returncode == 0, forced.stderr
    assert _rows_in(fresh / "db.sqlite3") == _rows_here()
    assert _files(fresh / "media") == _files(Path(settings.MEDIA_ROOT))
