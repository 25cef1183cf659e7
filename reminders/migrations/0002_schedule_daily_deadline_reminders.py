"""Register the daily beat entry that sends deadline reminders at 07:30, Vietnam time."""

from django.db import migrations

TASK_NAME = "Nhắc hạn nhiệm vụ"


def schedule_daily_reminders(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _created = CrontabSchedule.objects.get_or_create(
        minute="30",
        hour="7",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Asia/Ho_Chi_Minh",
    )
    # An admin may have retimed or disabled it already: keep their choice.
    PeriodicTask.objects.get_or_create(
        name=TASK_NAME,
        defaults={
            "task": "reminders.send_deadline_reminders",
            "crontab": crontab,
            "description": "Gửi email nhắc nhiệm vụ quá hạn, sắp đến hạn cho đơn vị chủ trì.",
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reminders", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        # Reversing leaves the beat entry: an admin may have tuned it, and it is harmless.
        migrations.RunPython(schedule_daily_reminders, migrations.RunPython.noop),
    ]
