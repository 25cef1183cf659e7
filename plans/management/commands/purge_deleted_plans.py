"""Delete for good the plans in the trash past PLAN_RETENTION_DAYS now, like the daily job."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from plans.services import expired_plans, purge_deleted_plans


class Command(BaseCommand):
    help = "Xoá hẳn các kế hoạch đã nằm trong thùng rác quá PLAN_RETENTION_DAYS ngày."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ đếm số kế hoạch sẽ xoá hẳn, không xoá"
        )

    def handle(self, *args, **options) -> None:
        days = settings.PLAN_RETENTION_DAYS
        if options["dry_run"]:
            count = expired_plans().count()
            message = _("Chạy thử: %(n)d kế hoạch trong thùng rác quá %(days)d ngày sẽ bị xoá hẳn.")
        else:
            count = purge_deleted_plans()
            message = _("Đã xoá hẳn %(n)d kế hoạch trong thùng rác quá %(days)d ngày.")
        self.stdout.write(self.style.SUCCESS(message % {"n": count, "days": days}))
