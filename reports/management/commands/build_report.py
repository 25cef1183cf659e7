"""Build one period report synchronously (same service as the worker) and print its path."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from organizations.models import Agency
from periods.models import ReportingPeriod
from plans.models import Plan
from reports.figures import parse_period_spec
from reports.jobs import REPORT_TIMEZONE
from reports.services import build_report


class Command(BaseCommand):
    help = "Tạo báo cáo kết quả thực hiện công tác CCHC của một kỳ thành tệp Word (.docx)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--agency", required=True, help="Mã cơ quan, ví dụ STP-TN")
        parser.add_argument(
            "--period", required=True, help="2026-Q1, 2026-H1, 2026-Q3, 2026-9M hoặc 2026 (năm)"
        )
        parser.add_argument("--plan", type=int, help="Chỉ một kế hoạch (mã số kế hoạch)")
        parser.add_argument("--out", required=True, help="Tệp .docx sẽ ghi")
        parser.add_argument("--date", help="Ngày lập báo cáo, YYYY-MM-DD (mặc định: hôm nay)")

    def handle(self, *args, **options) -> None:
        agency = Agency.objects.filter(code=options["agency"]).first()
        if agency is None:
            raise CommandError(_("Không có cơ quan mã %(code)s.") % {"code": options["agency"]})
        period = self._period(agency, options["period"])
        plan = self._plan(agency, options["plan"])
        built = build_report(period=period, plan=plan, on=self._day(options["date"]))
        out = Path(options["out"])
        out.parent.mkdir(parents=True, exist_ok=True)
        partial = out.with_name(out.name + ".part")
        partial.write_bytes(built.docx)
        partial.replace(out)
        self.stdout.write(str(out.resolve()))

    def _period(self, agency: Agency, spec: str) -> ReportingPeriod:
        try:
            year, kind = parse_period_spec(spec)
        except ValueError as exc:
            raise CommandError(
                _("Kỳ không hợp lệ: %(spec)s (cần 2026-Q1, 2026-H1, 2026-Q3, 2026-9M hoặc 2026).")
                % {"spec": spec}
            ) from exc
        period = ReportingPeriod.objects.filter(agency=agency, year=year, kind=kind).first()
        if period is None:
            raise CommandError(
                _("Cơ quan %(code)s chưa có kỳ báo cáo %(spec)s.")
                % {"code": agency.code, "spec": spec}
            )
        return period

    def _plan(self, agency: Agency, plan_id: int | None) -> Plan | None:
        if plan_id is None:
            return None
        plan = Plan.objects.not_deleted().filter(agency=agency, pk=plan_id).first()
        if plan is None:
            raise CommandError(
                _("Cơ quan %(code)s không có kế hoạch mã số %(id)s.")
                % {"code": agency.code, "id": plan_id}
            )
        return plan

    def _day(self, raw: str | None) -> dt.date:
        if not raw:
            return timezone.localdate(timezone=REPORT_TIMEZONE)
        try:
            return dt.date.fromisoformat(raw)
        except ValueError as exc:
            raise CommandError(
                _("Ngày không hợp lệ: %(raw)s (cần YYYY-MM-DD)") % {"raw": raw}
            ) from exc
