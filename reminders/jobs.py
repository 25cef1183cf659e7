"""Celery jobs of the reminders app (scheduled daily by the beat entry "Nhắc hạn nhiệm vụ")."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from celery import shared_task
from django.utils import timezone

from reminders.services import send_due_reminders

# Deadlines are Vietnamese calendar days whatever the server's clock says.
REMINDER_TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")


@shared_task(name="reminders.send_deadline_reminders")
def send_deadline_reminders() -> dict[str, int]:
    """Today's reminders; running it again the same day sends only what is still due."""
    result = send_due_reminders(on=timezone.localdate(timezone=REMINDER_TIMEZONE))
    return result.counts()
