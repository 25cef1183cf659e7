"""Celery jobs of the audit app (scheduled daily by the beat entry "Xoá nhật ký truy cập cũ")."""

from __future__ import annotations

from celery import shared_task

from audit.services import purge_expired_events


@shared_task(name="audit.purge_audit_log")
def purge_audit_log() -> int:
    """Drop events older than AUDIT_RETENTION_DAYS; safe to run twice or on several workers."""
    return purge_expired_events()
