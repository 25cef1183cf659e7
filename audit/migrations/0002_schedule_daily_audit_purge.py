"""Register the daily beat entry that purges audit events past AUDIT_RETENTION_DAYS, at 02:15."""

from django.db import migrations

from common.beat import register_daily_job

TASK_NAME = "Xoá nhật ký truy cập cũ"


def schedule_daily_purge(apps, schema_editor):
    register_daily_job(
        apps,
        name=TASK_NAME,
        task="audit.purge_audit_log",
        hour=2,
        minute=15,
        description="Xoá các sự kiện nhật ký truy cập cũ hơn AUDIT_RETENTION_DAYS ngày.",
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
