"""The reminder sweep runs every 15 minutes from 06:00 to 20:45, Vietnam time.

Each agency has its own send time (default 07:30) and failed digests are retried with
backoff: a frequent sweep serves both, and the ledger makes extra runs harmless.
"""

from django.db import migrations

TASK_NAME = "Nhắc hạn nhiệm vụ"


def every_quarter_hour(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    schedule, _created = CrontabSchedule.objects.get_or_create(
        minute="*/15",
        hour="6-20",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Asia/Ho_Chi_Minh",
    )
    PeriodicTask.objects.filter(name=TASK_NAME).update(
        crontab=schedule,
        description="Nhắc hạn nhiệm vụ, báo cáo kỳ; gửi lại thư lỗi (mỗi 15 phút, 06:00–20:45).",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reminders", "0002_schedule_daily_deadline_reminders"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        # Reversing leaves the schedule: an admin may have tuned it, and it is harmless.
        migrations.RunPython(every_quarter_hour, migrations.RunPython.noop),
    ]
