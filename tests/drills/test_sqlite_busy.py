"""SQLite busy under a writing worker: the request waits (busy timeout), else a 503, never a 500.

The first tests open the project's own SQLite configuration (cchc/settings.py: timeout,
IMMEDIATE transactions, WAL and busy_timeout) on a file and write from a Django connection
while another connection holds the write lock, as the Celery worker does during an import.
"""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from django.db import OperationalError
from django.db.backends.sqlite3.base import DatabaseWrapper

import cchc.settings as project_settings

PROJECT_SQLITE = project_settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
needs_sqlite = pytest.mark.skipif(not PROJECT_SQLITE, reason="DATABASE_URL is not SQLite")


def _project_connection(path, **overrides) -> DatabaseWrapper:
    settings_dict = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {**project_settings.DATABASES["default"]["OPTIONS"], **overrides},
        "ATOMIC_REQUESTS": False,
        "AUTOCOMMIT": True,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "TIME_ZONE": None,
        "USER": "",
        "PASSWORD": "",
        "HOST": "",
        "PORT": "",
        "TEST": {},
    }
    return DatabaseWrapper(settings_dict, alias="busy-drill")


@pytest.fixture
def database(tmp_path, django_db_blocker):
    """A scratch SQLite file outside the test database (pytest-django's blocker let through)."""
    with django_db_blocker.unblock():
        yield _scratch(tmp_path)


def _scratch(tmp_path):
    path = tmp_path / "busy.sqlite3"
    setup = sqlite3.connect(path)
    setup.execute("PRAGMA journal_mode=WAL")
    setup.execute("CREATE TABLE progress (id INTEGER PRIMARY KEY, value INTEGER)")
    setup.commit()
    setup.close()
    return path


def _hold_write_lock(path, seconds: float) -> threading.Thread:
    """Another connection (the worker) takes the write lock and keeps it ``seconds``."""
    taken = threading.Event()

    def worker() -> None:
        other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO progress (value) VALUES (1)")
        taken.set()
        time.sleep(seconds)
        other.execute("COMMIT")
        other.close()

    thread = threading.Thread(target=worker)
    thread.start()
    taken.wait(5)
    return thread


def _write(wrapper: DatabaseWrapper) -> None:
    with _atomic(wrapper), wrapper.cursor() as cursor:
        cursor.execute("INSERT INTO progress (value) VALUES (2)")


class _atomic:
    """BEGIN (IMMEDIATE, from the project's transaction_mode) ... COMMIT on a bare wrapper."""

    def __init__(self, wrapper: DatabaseWrapper) -> None:
        self.wrapper = wrapper

    def __enter__(self):
        self.wrapper.ensure_connection()
        self.wrapper.set_autocommit(False)

    def __exit__(self, kind, error, traceback):
        if kind is None:
            self.wrapper.commit()
        else:
            self.wrapper.rollback()
        self.wrapper.set_autocommit(True)


@needs_sqlite
def test_project_settings_wait_for_the_lock_instead_of_failing(database):
    options = project_settings.DATABASES["default"]["OPTIONS"]
    assert options["timeout"] >= 20 and "busy_timeout=30000" in options["init_command"]
    assert options["transaction_mode"] == "IMMEDIATE"
    wrapper = _project_connection(database)
    holder = _hold_write_lock(database, seconds=1.5)
    started = time.monotonic()
    _write(wrapper)
    waited = time.monotonic() - started
    holder.join()
    wrapper.close()
    assert waited >= 1.0  # it queued behind the worker's lock, then wrote
    rows = sqlite3.connect(database).execute("SELECT value FROM progress ORDER BY id").fetchall()
    assert rows == [(1,), (2,)]


@needs_sqlite
def test_without_the_wait_the_same_write_fails_database_is_locked(database):
    wrapper = _project_connection(
        database, timeout=0.1, init_command="PRAGMA journal_mode=WAL; PRAGMA busy_timeout=100;"
    )
    holder = _hold_write_lock(database, seconds=1.0)
    with pytest.raises(OperationalError, match="database is locked"):
        _write(wrapper)
    holder.join()
    wrapper.close()


@pytest.mark.urls("tests.drills.busy_urls")
def test_a_write_still_locked_after_the_timeout_is_a_vietnamese_503(client, db):
    response = client.post("/ghi/", {"progress": "30"})
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    page = response.content.decode()
    assert "Hệ thống đang bận, vui lòng thử lại" in page and "chưa được lưu" in page


@pytest.mark.urls("tests.drills.busy_urls")
def test_other_database_errors_are_not_disguised_as_busy(client, db):
    client.raise_request_exception = True
    with pytest.raises(OperationalError, match="no such table"):
        client.get("/loi-khac/")
