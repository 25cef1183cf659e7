"""Load the demo agencies, units, periods, users and sample plans. Safe to run again."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cchc.demo import AGENCIES, DEMO_YEAR, PLANS, USERS
from cchc.demo_loading import demo_area_leads, load_demo_agency, load_demo_user
from importer.apply import apply_import
from importer.preview import build_preview
from importer.reporting import result_summary
from periods.services import ensure_periods

SAMPLES_DIR = settings.BASE_DIR / "fixtures" / "samples"


class Command(BaseCommand):
    help = (
        "Tải dữ liệu mẫu: cơ quan, đơn vị, kỳ báo cáo, tài khoản cho từng vai trò "
        "và các kế hoạch mẫu."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Tạo cả khi DEBUG tắt (máy thử nghiệm); không dùng trên hệ thống thật.",
        )

    def handle(self, *args, force: bool = False, **options) -> None:
        # The demo accounts share a published password: never on a production set-up by accident.
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG đang tắt (môi trường thật): không tạo tài khoản mẫu có mật khẩu công khai. "
                "Dùng --force nếu đây là máy thử nghiệm."
            )
        password = settings.DEMO_PASSWORD
        with transaction.atomic():
            agencies = {spec.code: load_demo_agency(spec) for spec in AGENCIES}
            for agency in agencies.values():
                ensure_periods(agency=agency, year=DEMO_YEAR)
            for spec in USERS:
                load_demo_user(spec, agency=agencies[spec.agency_code], password=password)
            # Re-importing an unchanged sample updates by STT path and writes nothing.
            summaries = []
            for plan in PLANS:
                path = SAMPLES_DIR / plan.filename
                preview = build_preview(
                    agency=agencies[plan.agency_code], data=path.read_bytes(), filename=path.name
                )
                result = apply_import(preview=preview, area_leads=demo_area_leads(preview, plan))
                summaries.append(result_summary(result))
        self.stdout.write(self.style.SUCCESS("Đã tải dữ liệu mẫu."))
        for summary in summaries:
            self.stdout.write(f"  {summary}")
        self.stdout.write(f"Tài khoản mẫu (mật khẩu: {password}):")
        for spec in USERS:
            self.stdout.write(f"  {spec.username:<18} {spec.agency_code:<7} {spec.role.label}")
        self.stderr.write(
            self.style.WARNING(
                "CẢNH BÁO: đây là tài khoản mẫu (họ tên bắt đầu bằng [DEMO]) với mật khẩu công "
                "khai. Xóa hoặc đổi mật khẩu trước khi đưa hệ thống vào sử dụng thật."
            )
        )
