"""Show how a deadline text ("Quý II/2026", "Thường xuyên", ...) is understood."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from importer.parsing.deadlines import parse_deadline
from importer.presenters import deadline_for_display
from importer.reporting import deadline_data


class Command(BaseCommand):
    help = "Phân tích chuỗi thời gian hoàn thành thành thời hạn có cấu trúc."

    def add_arguments(self, parser) -> None:
        parser.add_argument("text", help='Ví dụ: "Quý II/2026"')
        parser.add_argument("--year", type=int, default=None, help="Năm của kế hoạch")
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON")

    def handle(self, *args, **options) -> None:
        deadline = parse_deadline(options["text"], year=options["year"])
        if options["json"]:
            self.stdout.write(json.dumps(deadline_data(deadline), ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{deadline.text} → {deadline_for_display(deadline)}")
        for warning in deadline.warnings:
            self.stdout.write(_("Cảnh báo: %(text)s") % {"text": warning})
