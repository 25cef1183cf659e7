"""Helpers for the audit log tests."""

from __future__ import annotations

from django.db.models import QuerySet

from audit.models import AuditAction, AuditEvent


def recorded() -> QuerySet[AuditEvent]:
    """Events other than logins (``client.force_login`` records one, as a real login does)."""
    return AuditEvent.objects.exclude(action=AuditAction.LOGIN)
