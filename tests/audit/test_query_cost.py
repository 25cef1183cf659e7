"""Recording an event is one INSERT: no lookups, even for an agency a join away."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from audit.models import AuditAction, AuditEvent
from audit.services import record_event


def _statements(func) -> list[str]:
    with CaptureQueriesContext(connection) as context:
        func()
    return [query["sql"].split()[0] for query in context.captured_queries]


@pytest.mark.django_db(transaction=True)
def test_one_insert_outside_a_transaction(world, evidence):
    # As in a view: autocommit, the request's user already loaded.
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1")
    request.user = world.users["staff_a"]
    cases = [
        lambda: record_event(action=AuditAction.EVIDENCE_DOWNLOAD, request=request, obj=evidence),
        lambda: record_event(
            action=AuditAction.PLAN_EXPORT, request=request, obj=world.task_a.plan
        ),
        lambda: record_event(action=AuditAction.LOGIN_FAILED, request=request, username="x"),
    ]
    for case in cases:
        assert _statements(case) == ["INSERT"]
    assert AuditEvent.objects.filter(agency=world.agency).count() == 2


@pytest.mark.django_db
def test_inside_a_transaction_only_a_savepoint_is_added(world):
    statements = _statements(
        lambda: record_event(action=AuditAction.PLAN_EXPORT, obj=world.task_a.plan)
    )
    assert statements == ["SAVEPOINT", "INSERT", "RELEASE"]
