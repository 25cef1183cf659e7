"""Register the daily beat entry that builds each period's report once after its cut-off."""

from django.db import migrations

from common.beat import register_daily_job

TASK_NAME = "Báo cáo kỳ sau khi chốt số liệu"


def schedule_period_reports(apps, schema_editor):
    register_daily_job(
        apps,
        name=TASK_NAME,
        task="reports.build_period_reports",
        hour=6,
        minute=0,
        description=(
            "Sau ngày chốt số liệu của mỗi kỳ, tạo báo cáo kỳ (một lần) từ số liệu đã chốt "
            "và gửi email cho Văn phòng và Lãnh đạo cơ quan."
        ),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        # Reversing leaves the beat entry: an admin may have tuned it, and it is harmless.
        migrations.RunPython(schedule_period_reports, migrations.RunPython.noop),
    ]
