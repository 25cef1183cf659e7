"""Delete audit events older than AUDIT_RETENTION_DAYS now, like the daily job."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from audit.services import expired_events, purge_expired_events


class Command(BaseCommand):
    help = "Xoá các sự kiện nhật ký truy cập cũ hơn AUDIT_RETENTION_DAYS ngày."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ đếm số sự kiện sẽ xoá, không xoá"
        )

    def handle(self, *args, **options) -> None:
        days = settings.AUDIT_RETENTION_DAYS
        if options["dry_run"]:
            count = expired_events().count()
            message = _("Chạy thử: %(n)d sự kiện cũ hơn %(days)d ngày sẽ bị xoá.")
        else:
            count = purge_expired_events()
            message = _("Đã xoá %(n)d sự kiện nhật ký cũ hơn %(days)d ngày.")
        self.stdout.write(self.style.SUCCESS(message % {"n": count, "days": days}))
