"""Celery jobs of the reports app: thin, they take ids or a date and call a service."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from celery import shared_task
from django.utils import timezone

from reports.services import build_due_period_reports, run_report_job

# Cut-offs are Vietnamese calendar days whatever the server's clock says.
REPORT_TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")


@shared_task(name="reports.build_report")
def build_report_job(job_id: int) -> str:
    """Build one queued report; a job another worker took (or that ran) is left alone."""
    job = run_report_job(job_id=job_id)
    return job.status if job is not None else "skipped"


@shared_task(name="reports.build_period_reports")
def build_period_reports() -> int:
    """The daily beat: each period locked after a recent cut-off gets its report, once."""
    return len(build_due_period_reports(on=timezone.localdate(timezone=REPORT_TIMEZONE)))
