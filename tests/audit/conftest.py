"""Fixtures for the audit log tests: an evidence file and a way to read what was recorded."""

from __future__ import annotations

import pytest
from django.db.models import QuerySet

from audit.models import AuditAction, AuditEvent
from tasks.models import Evidence
from tests.factories import evidence_upload


@pytest.fixture
def evidence(world, private_media) -> Evidence:
    """A PDF proving world.task_a (seen by staff_a, not by the other agency)."""
    item = Evidence(
        task=world.task_a, original_name="bao-cao.pdf", content_type="application/pdf", size=10
    )
    item.file.save("bao-cao.pdf", evidence_upload("bao-cao.pdf"), save=False)
    item.save()
    return item


def recorded() -> QuerySet[AuditEvent]:
    """Events other than logins (``client.force_login`` records one, as a real login does)."""
    return AuditEvent.objects.exclude(action=AuditAction.LOGIN)
