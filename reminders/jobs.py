"""Celery jobs of the reminders app (the beat entry "Nhắc hạn nhiệm vụ" runs the sweep)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from celery import shared_task
from django.utils import timezone

from reminders.services import sweep

# Deadlines are Vietnamese calendar days whatever the server's clock says.
REMINDER_TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")


@shared_task(name="reminders.send_deadline_reminders")
def send_deadline_reminders() -> dict[str, int]:
    """Today's reminders of agencies whose send time has come; rerunning sends only what is new.

    The beat runs it every 15 minutes in office hours: each run also retries failed digests
    whose backoff has passed, so no ETA task is ever queued.
    """
    now = timezone.localtime(timezone=REMINDER_TIMEZONE)
    return sweep(on=now.date(), local_now=now).counts()
