"""Register the daily beat entry that purges plans in the trash past PLAN_RETENTION_DAYS, 02:30."""

from django.db import migrations

TASK_NAME = "Xoá hẳn kế hoạch đã xoá"


def schedule_daily_purge(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _created = CrontabSchedule.objects.get_or_create(
        minute="30",
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
            "task": "plans.purge_deleted_plans",
            "crontab": crontab,
            "description": "Xoá hẳn các kế hoạch nằm trong thùng rác quá PLAN_RETENTION_DAYS ngày.",
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0002_soft_delete"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        # Reversing leaves the beat entry: an admin may have tuned it, and it is harmless.
        migrations.RunPython(schedule_daily_purge, migrations.RunPython.noop),
    ]
