"""The plan's budget as .xlsx: numbers as numbers, text made formula-safe."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from budget.selectors import BudgetTree
from common.spreadsheets import escape_cell

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
AMOUNT_FORMAT = "#,##0"
RATE_FORMAT = "0.0%"


def budget_workbook(tree: BudgetTree) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Kinh phí")
    sheet.append([escape_cell(tree.plan.title)])
    sheet.append(
        [
            _("STT"),
            _("Nội dung chi"),
            _("Nguồn kinh phí"),
            _("Dự toán (đồng)"),
            _("Đã phân bổ (đồng)"),
            _("Đã giải ngân (đồng)"),
            _("Tỷ lệ giải ngân"),
            _("Đã phân bổ, chưa giải ngân (đồng)"),
        ]
    )
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for node in tree.rows:
        line = node.line
        sheet.append(
            [
                escape_cell(line.code),
                escape_cell(("    " * node.depth) + line.content),
                escape_cell(line.get_funding_source_display()),
                node.planned,
                node.allocated,
                node.disbursed,
                node.disbursed / node.planned if node.planned else None,
                node.remaining,
            ]
        )
    sheet.append(
        [
            "",
            _("Cộng"),
            "",
            tree.planned,
            tree.allocated,
            tree.disbursed,
            tree.disbursed / tree.planned if tree.planned else None,
            tree.remaining,
        ]
    )
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=3, min_col=4, max_col=8):
        for cell in row:
            cell.number_format = RATE_FORMAT if cell.column == 7 else AMOUNT_FORMAT
    if tree.stated is not None:
        sheet.append([])
        sheet.append(["", _("Tổng kinh phí ghi trong kế hoạch"), "", tree.stated])
        sheet.append(["", _("Chênh lệch"), "", tree.difference])
    for column, width in zip("ABCDEFGH", (8, 60, 16, 18, 18, 18, 12, 22), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
