"""A failed audit write is logged and the request goes on: never a 5xx, never lost work."""

from __future__ import annotations

import logging

import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse

from audit.models import AuditAction, AuditEvent
from audit.services import record_event
from plans.models import Plan
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def broken_audit_table(monkeypatch):
    def fail(self, *args, **kwargs):
        raise DatabaseError("disk I/O error")

    monkeypatch.setattr(AuditEvent, "save", fail)


def test_record_event_logs_and_returns_none(broken_audit_table, caplog):
    with caplog.at_level(logging.ERROR, logger="audit.services"):
        assert record_event(action=AuditAction.LOGIN_FAILED, username="x") is None
    assert "could not be recorded" in caplog.text and "disk I/O error" in caplog.text


def test_login_still_works(client, broken_audit_table):
    UserFactory(username="canbo.vp")
    response = client.post(reverse("login"), {"username": "canbo.vp", "password": "pw-for-tests-1"})
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_denials_downloads_and_exports_keep_their_status(
    client, world, evidence, broken_audit_table
):
    client.force_login(world.users["staff_a"])
    assert client.get(reverse("tasks:detail", args=[world.task_other.pk])).status_code == 404
    assert client.get(reverse("tasks:evidence", args=[evidence.pk])).status_code == 200
    client.force_login(world.users["coordinator"])
    export = reverse("importer:export", args=[world.task_a.plan_id, "csv"])
    assert client.get(export).status_code == 200


def test_a_failed_write_inside_a_transaction_keeps_the_callers_work(world):
    # A real database error (NOT NULL) in the middle of a caller's transaction: on
    # PostgreSQL it would abort the transaction but for the savepoint around the INSERT.
    with transaction.atomic():
        Plan.objects.filter(pk=world.task_a.plan_id).update(title="Đã đổi tên")
        assert record_event(action=None, object_label="x") is None
        assert Plan.objects.get(pk=world.task_a.plan_id).title == "Đã đổi tên"
    assert not AuditEvent.objects.exists()
