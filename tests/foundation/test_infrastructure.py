"""Background jobs and the database behave on the embedded default and on real servers."""

import os

import pytest
from django.conf import settings
from django.db import connection

from cchc.celery import app


def test_celery_discovers_jobs_modules_not_tasks():
    # ``tasks`` is a domain app; autodiscovery must look for ``jobs`` modules.
    assert app.conf.broker_url == settings.CELERY_BROKER_URL
    app.loader.import_default_modules()
    assert app.main == "cchc"


@pytest.mark.skipif(not settings.CELERY_BROKER_IS_FILESYSTEM, reason="broker is not the filesystem")
def test_embedded_broker_needs_no_server():
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    assert options["data_folder_in"] == options["data_folder_out"]
    assert os.path.isdir(options["data_folder_in"])
    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1)


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_for_concurrent_web_and_worker():
    if connection.vendor != "sqlite":
        pytest.skip("not SQLite")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        mode = cursor.fetchone()[0]
    # The in-memory test database cannot use WAL; the file database must.
    assert mode in ("wal", "memory")
    assert "journal_mode=WAL" in settings.DATABASES["default"]["OPTIONS"]["init_command"]


@pytest.mark.postgres
@pytest.mark.django_db
def test_runs_on_postgresql_when_configured():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('server_version_num')::int")
        assert cursor.fetchone()[0] >= 130000


@pytest.mark.redis
def test_redis_broker_accepts_connections():
    import redis

    url = os.environ.get("REDIS_URL") or os.environ["CELERY_BROKER_URL"]
    client = redis.Redis.from_url(url)
    assert client.ping()
    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=2)
