"""Fixtures and helpers for the audit log tests."""

from __future__ import annotations

import pytest
from django.db.models import QuerySet

from audit.models import AuditAction, AuditEvent
from tests.factories import UserFactory


def recorded() -> QuerySet[AuditEvent]:
    """Events other than logins (``client.force_login`` records one, as a real login does)."""
    return AuditEvent.objects.exclude(action=AuditAction.LOGIN)


@pytest.fixture
def it_admin(client, db):
    """A superuser, logged in on ``client``."""
    user = UserFactory(username="it-admin")
    user.is_staff = user.is_superuser = True
    user.save()
    client.force_login(user)
    return user
