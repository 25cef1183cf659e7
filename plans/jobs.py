"""Celery jobs of the plans app (scheduled daily by the beat entry "Xoá hẳn kế hoạch đã xoá")."""

from __future__ import annotations

from celery import shared_task

from plans.services import purge_deleted_plans


@shared_task(name="plans.purge_deleted_plans")
def purge_deleted_plans_job() -> int:
    """Delete for good the plans in the trash past PLAN_RETENTION_DAYS; safe to run twice."""
    return purge_deleted_plans()
