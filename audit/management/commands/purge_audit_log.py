"""Delete audit events older than AUDIT_RETENTION_DAYS now, like the daily job."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from audit.services import expired_events, purge_expired_events
from common.commands import RetentionPurgeCommand


class Command(RetentionPurgeCommand):
    help = "Xoá các sự kiện nhật ký truy cập cũ hơn AUDIT_RETENTION_DAYS ngày."
    retention_setting = "AUDIT_RETENTION_DAYS"
    dry_run_help = "Chỉ đếm số sự kiện sẽ xoá, không xoá"
    dry_run_message = _("Chạy thử: %(n)d sự kiện cũ hơn %(days)d ngày sẽ bị xoá.")
    done_message = _("Đã xoá %(n)d sự kiện nhật ký cũ hơn %(days)d ngày.")

    def expired(self):
        return expired_events()

    def purge(self) -> int:
        return purge_expired_events()
