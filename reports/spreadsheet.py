"""The .xlsx beside each report: the same period data as numbers and dates, one sheet per table.

Every text cell goes through ``common.spreadsheets.escape_cell``: unit staff write the
result texts and leadership opens the file.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from common.spreadsheets import escape_cell
from reports.content import BUCKET_WORDS, ReportContent, budget_total, indicator_verdict
from reports.data import ReportData
from tasks.timeliness import Bucket

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STATUS_WORDS = {
    "not_started": "Chưa thực hiện",
    "in_progress": "Đang thực hiện",
    "done": "Hoàn thành",
}


def render_xlsx(content: ReportContent, data: ReportData) -> bytes:
    book = Workbook(write_only=True)  # streamed: thousands of rows stay fast
    counts = content.counts
    _sheet(
        book,
        "Tổng hợp",
        ["Nội dung", "Số lượng"],
        [
            ["Báo cáo", content.summary],
            ["Số liệu tính đến ngày", data.as_of],
            ["Nhiệm vụ đến hạn", counts.due],
            ["Hoàn thành đúng hạn", counts.done_on_time],
            ["Hoàn thành quá hạn", counts.done_late],
            ["Chưa hoàn thành, trong hạn", counts.pending_in_time],
            ["Chưa hoàn thành, quá hạn", counts.pending_late],
            ["Kết quả", content.counts.sentence()],
        ],
    )
    _sheet(
        book,
        "Nhiệm vụ",
        [
            "STT",
            "Số thứ tự trong kế hoạch",
            "Nội dung nhiệm vụ",
            "Lĩnh vực",
            "Đơn vị chủ trì",
            "Thời gian hoàn thành",
            "Hạn hoàn thành",
            "Gia hạn đến",
            "Ngày hoàn thành",
            "Trạng thái",
            "Tiến độ (%)",
            "Kết quả thực hiện",
            "Khó khăn, vướng mắc",
            "Đề xuất, kiến nghị",
            "Đánh giá",
        ],
        [
            [
                number,
                task.code,
                task.content,
                task.area_name,
                task.lead,
                task.deadline_text,
                task.due_date,
                task.extended_due_date,
                task.completed_on,
                STATUS_WORDS.get(task.status, task.status),
                task.progress,
                task.result,
                task.difficulties,
                task.proposals,
                BUCKET_WORDS[Bucket(task.bucket)],
            ]
            for number, task in enumerate(data.tasks, start=1)
        ],
    )
    _sheet(
        book,
        "Chỉ tiêu",
        ["STT", "Chỉ tiêu", "Mục tiêu", "Kết quả đạt được", "Đơn vị tính", "Đánh giá"],
        [
            [n, row.name, row.target_text, row.value, row.unit, indicator_verdict(row)]
            for n, row in enumerate(data.indicators, start=1)
        ],
    )
    planned, disbursed = budget_total(data.budget)
    budget = [[row.code, row.content, row.planned, row.disbursed] for row in data.budget]
    _sheet(
        book,
        "Kinh phí",
        ["STT", "Nội dung chi", "Dự toán (đồng)", "Đã giải ngân (đồng)"],
        [*budget, ["", "Tổng cộng", planned, disbursed]] if budget else [],
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet(book: Workbook, title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> None:
    sheet = book.create_sheet(title=title[:31])
    sheet.append([_header_cell(sheet, header) for header in headers])
    for row in rows:
        sheet.append([_date_cell(sheet, value) or _cell(value) for value in row])


def _header_cell(sheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=escape_cell(text))
    cell.font = Font(bold=True)
    return cell


def _date_cell(sheet, value) -> WriteOnlyCell | None:
    if not isinstance(value, dt.date):
        return None
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = "DD/MM/YYYY"
    return cell


def _cell(value):
    """Formula-safe, without the control characters a spreadsheet cannot hold."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return escape_cell(value)
