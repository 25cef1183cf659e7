"""Send (or with --dry-run, show) the deadline reminders of one day, like the daily job."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from reminders.jobs import REMINDER_TIMEZONE
from reminders.services import ReminderRunResult, send_due_reminders


class Command(BaseCommand):
    help = "Gửi email nhắc hạn nhiệm vụ quá hạn, sắp đến hạn cho các đơn vị chủ trì."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="Ngày nhắc, dạng YYYY-MM-DD (mặc định: hôm nay)")
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ in những gì sẽ gửi, không ghi gì"
        )

    def handle(self, *args, **options) -> None:
        day = self._day(options["date"])
        result = send_due_reminders(on=day, dry_run=options["dry_run"])
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

    def _report(self, result: ReminderRunResult) -> None:
        skipped = {unit.pk for unit in result.skipped}
        for reminder in result.reminders:
            line = _("%(unit)s: %(overdue)d quá hạn, %(soon)d sắp đến hạn → %(to)s") % {
                "unit": reminder.unit,
                "overdue": len(reminder.overdue),
                "soon": len(reminder.due_soon),
                "to": ", ".join(reminder.recipients),
            }
            if reminder.unit.pk in skipped:
                line += " " + _("(đã gửi trong ngày, bỏ qua)")
            self.stdout.write(line)
        for unit in result.without_recipients:
            self.stdout.write(
                self.style.WARNING(
                    _("%(unit)s: có nhiệm vụ cần nhắc nhưng chưa có email nhận") % {"unit": unit}
                )
            )
        for unit, error in result.failed:
            self.stdout.write(self.style.ERROR(f"{unit}: {error}"))
        day = f"{result.day:%d/%m/%Y}"
        if result.dry_run:
            summary = _(
                "Chạy thử ngày %(day)s: %(n)d đơn vị sẽ nhận email; không gửi, không ghi gì."
            )
            self.stdout.write(summary % {"day": day, "n": len(result.reminders) - len(skipped)})
            return
        summary = _("Ngày %(day)s: đã gửi %(sent)d, lỗi %(failed)d, bỏ qua %(skipped)d.")
        style = self.style.ERROR if result.failed else self.style.SUCCESS
        self.stdout.write(
            style(
                summary
                % {
                    "day": day,
                    "sent": len(result.sent),
                    "failed": len(result.failed),
                    "skipped": len(result.skipped),
                }
            )
        )
