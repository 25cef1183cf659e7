"""Daily beat entries registered by data migrations (django-celery-beat's database scheduler).

Migrations get the historical models through ``apps``; this helper takes them the same way,
so it stays valid for every migration that calls it. It only creates: an admin who retimed or
disabled an entry keeps that choice when migrations run again.
"""

from __future__ import annotations

BEAT_TIMEZONE = "Asia/Ho_Chi_Minh"


def register_daily_job(
    apps, *, name: str, task: str, hour: int, minute: int, description: str
) -> None:
    """Create the beat entry ``name`` running ``task`` every day at hour:minute Vietnam time."""
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _created = CrontabSchedule.objects.get_or_create(
        minute=str(minute),
        hour=str(hour),
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone=BEAT_TIMEZONE,
    )
    PeriodicTask.objects.get_or_create(
        name=name, defaults={"task": task, "crontab": crontab, "description": description}
    )
