"""Delete for good the plans in the trash past PLAN_RETENTION_DAYS now, like the daily job."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from common.commands import RetentionPurgeCommand
from plans.services import expired_plans, purge_deleted_plans


class Command(RetentionPurgeCommand):
    help = "Xoá hẳn các kế hoạch đã nằm trong thùng rác quá PLAN_RETENTION_DAYS ngày."
    retention_setting = "PLAN_RETENTION_DAYS"
    dry_run_help = "Chỉ đếm số kế hoạch sẽ xoá hẳn, không xoá"
    dry_run_message = _("Chạy thử: %(n)d kế hoạch trong thùng rác quá %(days)d ngày sẽ bị xoá hẳn.")
    done_message = _("Đã xoá hẳn %(n)d kế hoạch trong thùng rác quá %(days)d ngày.")

    def expired(self):
        return expired_plans()

    def purge(self) -> int:
        return purge_deleted_plans()
