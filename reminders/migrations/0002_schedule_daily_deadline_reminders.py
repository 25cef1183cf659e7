"""Register the daily beat entry that sends deadline reminders at 07:30, Vietnam time."""

from django.db import migrations

from common.beat import register_daily_job

TASK_NAME = "Nhắc hạn nhiệm vụ"


def schedule_daily_reminders(apps, schema_editor):
    register_daily_job(
        apps,
        name=TASK_NAME,
        task="reminders.send_deadline_reminders",
        hour=7,
        minute=30,
        description="Gửi email nhắc nhiệm vụ quá hạn, sắp đến hạn cho đơn vị chủ trì.",
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
