"""Import a plan file (.docx, .xlsx, .csv) for an agency, or show what would be imported."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from importer.apply import apply_import
from importer.parsing.document import ImportFileError
from importer.preview import build_preview
from importer.reporting import preview_data, result_summary
from organizations.models import Agency


class Command(BaseCommand):
    help = "Nhập kế hoạch từ tệp .docx/.xlsx/.csv cho một cơ quan."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="Đường dẫn tệp kế hoạch")
        parser.add_argument("--agency", required=True, help="Mã cơ quan, ví dụ STP-TN")
        parser.add_argument("--year", type=int, default=None, help="Năm kế hoạch (nếu tệp thiếu)")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ đọc, không ghi gì")
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON")

    def handle(self, *args, **options) -> None:
        try:
            agency = Agency.objects.filter(code=options["agency"]).first()
            if agency is None:
                raise ImportFileError(
                    _("Không có cơ quan mã “%(code)s”.") % {"code": options["agency"]}
                )
            path = Path(options["file"])
            if not path.is_file():
                raise ImportFileError(_("Không tìm thấy tệp “%(path)s”.") % {"path": path})
            data = path.read_bytes()
            preview = build_preview(
                agency=agency, data=data, filename=path.name, year=options["year"]
            )
        except ImportFileError as error:
            self._fail(str(error), as_json=options["json"])
        data = preview_data(preview)
        if not options["dry_run"]:
            result = apply_import(preview=preview)
            data["result"] = {"plan_id": result.plan.pk, "summary": result_summary(result)}
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self._print_summary(data)

    def _fail(self, message: str, *, as_json: bool) -> None:
        reason = " ".join(message.split())
        if as_json:
            self.stdout.write(json.dumps({"errors": [reason]}, ensure_ascii=False))
        self.stderr.write(reason)
        sys.exit(1)

    def _print_summary(self, data: dict) -> None:
        plan = data["plan"]
        self.stdout.write(_("Kế hoạch: %(title)s (%(year)s)") % plan)
        self.stdout.write(
            _(
                "Đề mục: %(sections)s; nhiệm vụ: %(tasks)s; chỉ tiêu: %(indicators)s; "
                "dòng kinh phí: %(budget)s"
            )
            % {
                "sections": data["sections"],
                "tasks": data["tasks"],
                "indicators": len(data["indicators"]),
                "budget": len(data["budget_lines"]),
            }
        )
        if data["units_unmatched"]:
            names = "; ".join(data["units_unmatched"])
            self.stdout.write(_("Đơn vị chưa nhận ra: %(names)s") % {"names": names})
        for warning in data["warnings"]:
            self.stdout.write(_("Cảnh báo: %(text)s") % {"text": warning})
        if "result" in data:
            self.stdout.write(self.style.SUCCESS(data["result"]["summary"]))
        else:
            self.stdout.write(_("Chạy thử (--dry-run): chưa ghi gì vào cơ sở dữ liệu."))
