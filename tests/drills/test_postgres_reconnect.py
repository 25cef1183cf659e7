"""PostgreSQL restarted under a running app: the next request reconnects instead of failing.

A restart ends every server connection; terminating this connection's backend is the
same from the app's side and leaves the other databases of the server alone. On a machine
of one's own, ``pg_ctlcluster 16 main restart`` between two requests shows the same
(docs/operations.md).
"""

from __future__ import annotations

import psycopg
import pytest
from django.core.signals import request_finished, request_started
from django.db import OperationalError, connection
from django.db.utils import InterfaceError

import cchc.settings as project_settings

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_project_settings_turn_health_checks_on():
    assert project_settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    assert project_settings.DATABASES["default"]["CONN_MAX_AGE"] > 0


@pytest.fixture
def persistent_connection():
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict["CONN_MAX_AGE"] = 60
    yield connection.settings_dict
    connection.close()
    connection.settings_dict.update(saved)


def _request_boundary() -> None:
    """What Django does between two requests of one worker (close_old_connections)."""
    request_finished.send(sender=None)
    request_started.send(sender=None)


def _kill_backend() -> None:
    """Another session ends this one's server process, as a restart does."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


def _select_one() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0]


def test_with_health_checks_the_next_request_reconnects(persistent_connection):
    persistent_connection["CONN_HEALTH_CHECKS"] = True
    _request_boundary()
    assert _select_one() == 1
    _kill_backend()
    _request_boundary()
    assert _select_one() == 1  # a fresh connection, no error shown to anyone


def test_without_them_the_first_query_after_the_restart_fails(persistent_connection):
    persistent_connection["CONN_HEALTH_CHECKS"] = False
    _request_boundary()
    assert _select_one() == 1
    _kill_backend()
    _request_boundary()
    with pytest.raises((OperationalError, InterfaceError)):
        _select_one()  # this request would have been a 500
