"""The self-assessment table as files: .xlsx (the import's columns first, so it imports back)
and .docx in the Nghị định 30/2020/NĐ-CP layout with the table in a landscape section."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font

from common.spreadsheets import escape_cell, unescape_cell
from importer.parsing.document import ImportFileError
from importer.parsing.safety import KIND_XLSX, check_upload
from importer.staging import max_upload_bytes
from par.parsing import CriteriaTable, parse_criteria
from par.selectors import Assessment, CriterionNode

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"


def _number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _headers() -> list[str]:
    return [
        _("STT"),
        _("Tiêu chí"),
        _("Điểm tối đa"),
        _("Hướng dẫn chấm điểm"),
        _("Tài liệu kiểm chứng"),
        _("Điểm tự chấm"),
        _("Giải trình"),
        _("Điểm thẩm định"),
        _("Chênh lệch"),
    ]


def assessment_workbook(table: Assessment) -> bytes:
    """One row per criterion; the first five columns are the import's, read back as they are."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Chỉ số CCHC")
    sheet.append(_headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for node in table.rows:
        criterion = node.criterion
        sheet.append(
            [
                escape_cell(criterion.label),
                escape_cell(criterion.title),
                _number(criterion.max_score),
                escape_cell(criterion.guidance),
                escape_cell(criterion.required_evidence),
                _number(node.self_score),
                escape_cell(criterion.explanation),
                _number(node.appraised),
                _number(node.difference),
            ]
        )
        if not node.is_leaf:
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
    sheet.append(
        [
            "",
            _("Tổng điểm"),
            _number(table.max_total),
            "",
            "",
            _number(table.self_total),
            "",
            _number(table.appraised_total),
            _number(table.difference),
        ]
    )
    for column, width in zip("ABCDEFGHI", (8, 60, 10, 40, 40, 10, 40, 10, 10), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _run(paragraph, text: str, *, size: int = 13, bold: bool = False, italic: bool = False):
    run = paragraph.add_run(text)
    run.font.name = FONT
    run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    return run


def _paragraph(container, text: str = "", *, align=WD_ALIGN_PARAGRAPH.CENTER, **style):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    if text:
        _run(paragraph, text, **style)
    return paragraph


def _page_number(section) -> None:
    """PAGE field centred in the top margin; the first page shows none (its own header)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    paragraph._p.append(field)


def _margins(section) -> None:
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)


def _date_line(place: str, day: dt.date) -> str:
    # Nghị định 30: leading zero for days below 10 and for months 1 and 2.
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return _("%(place)s, ngày %(day)s tháng %(month)s năm %(year)s") % {
        "place": place,
        "day": f"{day.day:02d}",
        "month": month,
        "year": day.year,
    }


def _heading(document, agency, day: dt.date) -> None:
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(9.5)
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(left.paragraphs[0], (agency.parent_name or "").upper(), size=12)
    _paragraph(left, agency.name.upper(), size=12, bold=True)
    _paragraph(left, _("Số: ... /BC-%(symbol)s") % {"symbol": agency.symbol}, size=13)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(right.paragraphs[0], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True)
    _paragraph(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True)
    _paragraph(right, _date_line(agency.place_name or "", day), size=13, italic=True)


def _cell(cell, text: str, *, bold: bool = False, align=WD_ALIGN_PARAGRAPH.LEFT) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    _run(paragraph, text, size=12, bold=bold)


def _score_text(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = f"{value.normalize():f}" if value != value.to_integral_value() else str(int(value))
    return text.replace(".", ",")


def _table_row(table, node: CriterionNode) -> None:
    cells = table.add_row().cells
    criterion = node.criterion
    bold = not node.is_leaf
    _cell(cells[0], criterion.label, bold=bold, align=WD_ALIGN_PARAGRAPH.CENTER)
    _cell(cells[1], criterion.title, bold=bold)
    for index, value in ((2, node.max_score), (3, node.self_score), (5, node.appraised)):
        _cell(cells[index], _score_text(value), bold=bold, align=WD_ALIGN_PARAGRAPH.CENTER)
    _cell(cells[4], criterion.explanation)
    _cell(cells[6], _score_text(node.difference), align=WD_ALIGN_PARAGRAPH.CENTER)


def _signature(document) -> None:
    """The "Nơi nhận:" block left and the signer's title right."""
    _paragraph(document)
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    _run(left.paragraphs[0], _("Nơi nhận:"), size=12, bold=True, italic=True)
    _paragraph(left, _("- Sở Nội vụ;"), align=WD_ALIGN_PARAGRAPH.LEFT, size=11)
    _paragraph(left, _("- Lưu: VT."), align=WD_ALIGN_PARAGRAPH.LEFT, size=11)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(right.paragraphs[0], _("THỦ TRƯỞNG CƠ QUAN"), size=13, bold=True)


def assessment_document(table: Assessment, *, day: dt.date) -> bytes:
    criteria_set = table.criteria_set
    agency = criteria_set.agency
    document = Document()
    first = document.sections[0]
    _margins(first)
    _page_number(first)
    _heading(document, agency, day)
    _paragraph(document)
    _paragraph(document, _("BÁO CÁO"), size=14, bold=True)
    _paragraph(
        document,
        _("Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm %(year)s")
        % {"year": criteria_set.year},
        size=14,
        bold=True,
    )
    body = _paragraph(document, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    body.paragraph_format.first_line_indent = Cm(1.27)
    _run(
        body,
        _(
            "%(agency)s tự chấm được %(score)s/%(max)s điểm (%(percent)s); chi tiết theo từng"
            " lĩnh vực, tiêu chí tại bảng kèm theo."
        )
        % {
            "agency": agency.name,
            "score": _score_text(table.self_total) or "0",
            "max": _score_text(table.max_total),
            "percent": table.percent_label,
        },
        size=14,
    )
    _signature(document)
    landscape = document.add_section(WD_SECTION.NEW_PAGE)
    landscape.orientation = WD_ORIENT.LANDSCAPE
    landscape.page_width, landscape.page_height = Mm(297), Mm(210)
    landscape.left_margin, landscape.right_margin = Mm(20), Mm(20)
    landscape.top_margin, landscape.bottom_margin = Mm(30), Mm(15)
    _paragraph(document, _("PHỤ LỤC"), size=13, bold=True)
    _paragraph(document, _("Bảng tự chấm điểm Chỉ số cải cách hành chính"), size=13, bold=True)
    _paragraph(document)
    grid = document.add_table(rows=1, cols=7)
    grid.style = "Table Grid"
    headers = [
        _("STT"),
        _("Tiêu chí"),
        _("Điểm tối đa"),
        _("Điểm tự chấm"),
        _("Giải trình"),
        _("Điểm thẩm định"),
        _("Chênh lệch"),
    ]
    for cell, text in zip(grid.rows[0].cells, headers, strict=True):
        _cell(cell, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for node in table.rows:
        _table_row(grid, node)
    cells = grid.add_row().cells
    _cell(cells[1], _("Tổng điểm"), bold=True)
    _cell(cells[2], _score_text(table.max_total), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _cell(cells[3], _score_text(table.self_total), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _cell(cells[5], _score_text(table.appraised_total), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _cell(cells[6], _score_text(table.difference), align=WD_ALIGN_PARAGRAPH.CENTER)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def read_sheet(data: bytes) -> list[list[object]]:
    """The first sheet's cell values (after the upload checks of the plan importer)."""
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        return [
            [unescape_cell(value) for value in row] for row in sheet.iter_rows(values_only=True)
        ]
    finally:
        book.close()


def read_criteria_file(data: bytes, *, filename: str) -> CriteriaTable:
    """The criteria of an uploaded .xlsx, after the plan importer's upload-safety checks.

    Raises ``ImportFileError`` (a Vietnamese message) for a file that is not a sound .xlsx.
    """
    check_upload(data, filename=filename, max_bytes=max_upload_bytes(), allowed=(KIND_XLSX,))
    try:
        rows = read_sheet(data)
    except Exception as error:  # openpyxl raises many kinds on a damaged workbook
        raise ImportFileError(
            _("Không đọc được tệp Excel; vui lòng mở bằng Excel và lưu lại.")
        ) from error
    return parse_criteria(rows)
