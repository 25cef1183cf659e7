"""Run (or with --dry-run, show) the reminder sweep of one day, like the beat job."""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from organizations.models import Agency
from reminders.jobs import REMINDER_TIMEZONE
from reminders.services import SweepResult, sweep


class Command(BaseCommand):
    help = "Gửi thư nhắc hạn (nhiệm vụ, báo cáo kỳ, gia hạn) của một ngày, mỗi người một thư."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="Ngày nhắc, dạng YYYY-MM-DD (mặc định: hôm nay)")
        parser.add_argument("--agency", help="Chỉ cơ quan có mã này")
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ in những gì sẽ gửi, không ghi gì"
        )
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON")

    def handle(self, *args, **options) -> None:
        day = self._day(options["date"])
        code = options["agency"]
        if code and not Agency.objects.filter(code=code).exists():
            raise CommandError(_("Không có cơ quan mã %(code)s") % {"code": code})
        # A manual run acts on the whole day: the agencies' send times do not hold it back.
        result = sweep(on=day, agency_code=code, dry_run=options["dry_run"])
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
        else:
            self._report(result)

    def _day(self, raw: str | None) -> dt.date:
        if not raw:
            return timezone.localdate(timezone=REMINDER_TIMEZONE)
        try:
            return dt.date.fromisoformat(raw)
        except ValueError as exc:
            raise CommandError(
                _("Ngày không hợp lệ: %(raw)s (cần YYYY-MM-DD)") % {"raw": raw}
            ) from exc

    def _report(self, result: SweepResult) -> None:
        for report in result.sent:
            self.stdout.write(
                _("%(to)s (%(unit)s): %(n)d mục") % {
                    "to": report.recipient, "unit": report.unit or "—", "n": len(report.items)
                }
            )  # fmt: skip
            for line in report.items:
                self.stdout.write(f"  - {line.code or line.content}: {line.reason}")
        for report, error in result.failed:
            self.stdout.write(self.style.ERROR(f"{report.recipient}: {error}"))
        day = f"{result.day:%d/%m/%Y}"
        if result.dry_run:
            summary = _("Chạy thử ngày %(day)s: %(n)d thư sẽ được gửi; không gửi, không ghi gì.")
            self.stdout.write(summary % {"day": day, "n": len(result.sent)})
            return
        summary = _("Ngày %(day)s: đã gửi %(sent)d, lỗi %(failed)d, bỏ qua %(skipped)d.")
        style = self.style.ERROR if result.failed else self.style.SUCCESS
        self.stdout.write(style(summary % {"day": day, **result.counts()}))
