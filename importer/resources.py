"""The spreadsheet shape of a plan: django-import-export resources and the .xlsx export.

``PlanTaskResource`` defines the columns (Vietnamese headers the readers recognise by their
words: STT, Nội dung công việc, Cơ quan chủ trì thực hiện, Cơ quan phối hợp thực hiện, Thời
gian hoàn thành, Yêu cầu, kết quả, Ghi chú). The export writes the plan's header facts above the
table the way a Word plan states them ("Số: 12/KH-STP", place and date, "KẾ HOẠCH", title,
legal basis, signer), section rows in bold, and the units as the plan wrote them, so importing
the file again finds the same plan and the same rows (see tests/importer/integration).

Importing goes through ``importer.parsing.xlsx_reader`` rather than ``Resource.import_data``:
real spreadsheets have merged headers, continuation rows and title lines that a column-by-name
row mapper cannot read, and every import must pass the same preview and unit matching.

Every text cell is escaped by ``common.spreadsheets`` (no live formulas); the readers undo it.
"""

from __future__ import annotations

import io

from import_export import fields
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from common.resources import FormulaSafeResource
from common.spreadsheets import escape_cell
from plans.models import Plan
from tasks.models import Task

HEADERS = {
    "code": "STT",
    "content": "Nội dung công việc",
    "lead": "Cơ quan chủ trì thực hiện",
    "coordinating": "Cơ quan phối hợp thực hiện",
    "deadline": "Thời gian hoàn thành",
    "requirement": "Yêu cầu, kết quả",
    "notes": "Ghi chú",
}
COLUMN_WIDTHS = (8, 60, 28, 28, 22, 28, 24)


class PlanTaskResource(FormulaSafeResource):
    """One plan's task rows in the appendix column shape."""

    code = fields.Field(attribute="code", column_name=HEADERS["code"])
    content = fields.Field(attribute="content", column_name=HEADERS["content"])
    lead = fields.Field(column_name=HEADERS["lead"])
    coordinating = fields.Field(column_name=HEADERS["coordinating"])
    deadline = fields.Field(attribute="deadline_text", column_name=HEADERS["deadline"])
    requirement = fields.Field(attribute="requirement", column_name=HEADERS["requirement"])
    notes = fields.Field(attribute="notes", column_name=HEADERS["notes"])

    class Meta:
        model = Task
        fields = ("code", "content", "lead", "coordinating", "deadline", "requirement", "notes")
        export_order = fields

    def dehydrate_lead(self, task: Task) -> str:
        return task.lead_text or "; ".join(unit.name for unit in task.lead_units)

    def dehydrate_coordinating(self, task: Task) -> str:
        return task.coordinating_text or "; ".join(unit.name for unit in task.coordinating_units)


def plan_tasks(plan: Plan):
    return Task.objects.filter(plan=plan).with_units().order_by("position")


def _header_lines(plan: Plan) -> list[tuple[str, bool]]:
    """The plan's facts written as the first lines of a Word plan (text, bold)."""
    lines: list[tuple[str, bool]] = [(plan.agency.document_header_name, True)]
    if plan.number or plan.symbol:
        lines.append((f"Số: {plan.document_number}", False))
    if plan.issued_on:
        day = plan.issued_on
        place = plan.agency.place_name
        lines.append((f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}", False))
    lines += [("KẾ HOẠCH", True), (plan.title, True)]
    lines += [(line, False) for line in plan.legal_basis.splitlines() if line.strip()]
    if plan.signer:
        lines += [(plan.signer_title or "GIÁM ĐỐC", True), (plan.signer, True)]
    return lines


def export_plan_xlsx(plan: Plan) -> bytes:
    """The plan as an .xlsx workbook that imports back into the same plan."""
    dataset = PlanTaskResource().export(queryset=plan_tasks(plan))
    tasks = list(plan_tasks(plan))
    parents = {task.parent_id for task in tasks if task.parent_id}
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Kế hoạch"
    for text, bold in _header_lines(plan):
        sheet.append([escape_cell(text)])
        sheet.cell(sheet.max_row, 1).font = Font(bold=bold)
    sheet.append([])
    sheet.append(list(dataset.headers))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for task, values in zip(tasks, dataset, strict=True):
        sheet.append(list(values))
        # Heading rows that carry units are tasks; bold tells the reader they head a section.
        bold = task.is_section or task.pk in parents
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if bold:
                cell.font = Font(bold=True)
    for index, width in enumerate(COLUMN_WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_plan_csv(plan: Plan) -> bytes:
    """The task table alone as CSV (UTF-8 with BOM, so Excel reads the diacritics)."""
    dataset = PlanTaskResource().export(queryset=plan_tasks(plan))
    return ("\ufeff" + dataset.export("csv")).encode("utf-8")
