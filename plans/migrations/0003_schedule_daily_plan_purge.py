"""Register the daily beat entry that purges plans in the trash past PLAN_RETENTION_DAYS, 02:30."""

from django.db import migrations

from common.beat import register_daily_job

TASK_NAME = "Xoá hẳn kế hoạch đã xoá"


def schedule_daily_purge(apps, schema_editor):
    register_daily_job(
        apps,
        name=TASK_NAME,
        task="plans.purge_deleted_plans",
        hour=2,
        minute=30,
        description="Xoá hẳn các kế hoạch nằm trong thùng rác quá PLAN_RETENTION_DAYS ngày.",
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
