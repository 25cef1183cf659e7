"""Register the daily beat entry that purges audit events past AUDIT_RETENTION_DAYS, at 02:15."""

from django.db import migrations

TASK_NAME = "Xoá nhật ký truy cập cũ"


def schedule_daily_purge(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _created = CrontabSchedule.objects.get_or_create(
        minute="15",
        hour="2",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Asia/Ho_Chi_Minh",
    )
    # An admin may have retimed or disabled it already: keep their choice.
    PeriodicTask.objects.get_or_create(
        name=TASK_NAME,
        defaults={
            "task": "audit.purge_audit_log",
            "crontab": crontab,
            "description": "Xoá các sự kiện nhật ký truy cập cũ hơn AUDIT_RETENTION_DAYS ngày.",
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        # Reversing leaves the beat entry: an admin may have tuned it, and it is harmless.
        migrations.RunPython(schedule_daily_purge, migrations.RunPython.noop),
    ]
