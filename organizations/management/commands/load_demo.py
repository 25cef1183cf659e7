"""Load the demo agencies, units, periods and users. Safe to run again: it converges."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from organizations.demo import AGENCIES, DEMO_YEAR, USERS
from organizations.services import load_demo_agency, load_demo_user
from periods.services import ensure_periods


class Command(BaseCommand):
    help = "Tải dữ liệu mẫu: cơ quan, đơn vị, kỳ báo cáo và tài khoản cho từng vai trò."

    def handle(self, *args, **options) -> None:
        password = settings.DEMO_PASSWORD
        with transaction.atomic():
            agencies = {spec.code: load_demo_agency(spec) for spec in AGENCIES}
            for agency in agencies.values():
                ensure_periods(agency=agency, year=DEMO_YEAR)
            for spec in USERS:
                load_demo_user(spec, agency=agencies[spec.agency_code], password=password)
        self.stdout.write(self.style.SUCCESS("Đã tải dữ liệu mẫu."))
        self.stdout.write(f"Tài khoản mẫu (mật khẩu: {password}):")
        for spec in USERS:
            self.stdout.write(f"  {spec.username:<18} {spec.role.label}")
