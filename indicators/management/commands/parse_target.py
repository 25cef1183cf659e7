"""Show how an indicator sentence ("đạt từ 97% trở lên") is understood as a target."""

from __future__ import annotations

import json
import sys
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from importer.parsing.targets import Target, parse_target


def target_data(target: Target) -> dict:
    """The one JSON shape other checks rely on: comparator, value, unit, per, subject."""
    return {
        "comparator": str(target.comparator),
        "value": _number(target.value),
        "unit": target.unit,
        "per": target.per,
        "subject": target.subject,
    }


def _number(value: Decimal) -> int | float:
    # JSON has no decimal: a whole value prints as 100, not 100.0.
    return int(value) if value == value.to_integral_value() else float(value)


class Command(BaseCommand):
    help = "Phân tích câu chỉ tiêu thành so sánh, giá trị, đơn vị tính, chu kỳ và tên chỉ tiêu."

    def add_arguments(self, parser) -> None:
        parser.add_argument("text", help='Ví dụ: "Tỷ lệ hồ sơ đúng hạn đạt từ 97% trở lên"')
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON")

    def handle(self, *args, **options) -> None:
        target = parse_target(options["text"])
        if target is None:
            self.stderr.write(_("Không tìm thấy chỉ tiêu đo được trong câu này."))
            sys.exit(1)
        data = target_data(target)
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        for key, value in data.items():
            self.stdout.write(f"{key}: {value}")
