"""The .docx reopened with python-docx follows Nghị định 30/2020 (design.md, issue #10)."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
import time_machine
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from reports.models import ReportSettings
from reports.services import build_report
from tests.reports.conftest import AFTER_CUTOFF, EXPECTED_SENTENCE

FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")


@pytest.fixture
def document(known):
    ReportSettings.objects.create(
        agency=known.agency,
        signer_title="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        signer_name="Nguyễn Văn Ký",
        recipients="UBND tỉnh (b/c)\nSở Nội vụ\nLưu: VT, VP",
    )
    with time_machine.travel(AFTER_CUTOFF, tick=False):
        built = build_report(period=known.q1, on=AFTER_CUTOFF.date())
    return Document(io.BytesIO(built.docx))


def _all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _mm(length) -> float:
    return round(length / Mm(1), 1)


def test_a4_portrait_body_then_landscape_appendices(document):
    first, *appendices = document.sections
    assert first.orientation == WD_ORIENT.PORTRAIT
    assert (_mm(first.page_width), _mm(first.page_height)) == (210, 297)
    assert len(appendices) == 4  # tasks, indicators, budget, PAR Index
    for section in appendices:
        assert section.orientation == WD_ORIENT.LANDSCAPE
        assert (_mm(section.page_width), _mm(section.page_height)) == (297, 210)
    for section in document.sections:
        assert 20 <= _mm(section.top_margin) <= 25
        assert 20 <= _mm(section.bottom_margin) <= 25
        assert 30 <= _mm(section.left_margin) <= 35
        assert 15 <= _mm(section.right_margin) <= 20


def test_times_new_roman_on_every_font_slot_of_defaults_and_styles(document):
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = defaults.find(qn("w:rFonts"))
    assert all(fonts.get(qn(slot)) == "Times New Roman" for slot in FONT_SLOTS)
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"
    for style in styles.findall(qn("w:style")):
        style_fonts = style.find(qn("w:rPr"))
        if style_fonts is None or style_fonts.find(qn("w:rFonts")) is None:
            continue
        rfonts = style_fonts.find(qn("w:rFonts"))
        name = style.get(qn("w:styleId"))
        assert all(rfonts.get(qn(slot)) == "Times New Roman" for slot in FONT_SLOTS), name
        assert not any(key.endswith("Theme") for key in rfonts.attrib), name
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            assert run.font.name == "Times New Roman"


def test_two_column_header(document):
    header = document.tables[0]
    left, right = (cell.text.split("\n") for cell in header.rows[0].cells)
    assert left == ["UBND TỈNH THÁI NGUYÊN", "SỞ TƯ PHÁP", ""]
    assert right == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", ""]
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}
    agency_run = header.rows[0].cells[0].paragraphs[1].runs[0]
    assert agency_run.bold and agency_run.font.size == Pt(13)
    national, motto = (p.runs[0] for p in header.rows[0].cells[1].paragraphs[:2])
    assert national.bold and Pt(12) <= national.font.size <= Pt(13)
    assert motto.bold and Pt(13) <= motto.font.size <= Pt(14)
    for cell in header.rows[0].cells:  # the short rules under the agency and the motto
        rule = cell.paragraphs[-1]._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
        assert rule.get(qn("w:val")) == "single"
    number, dated = (cell.paragraphs[0] for cell in header.rows[1].cells)
    assert number.text.replace(" ", "") == "Số:/BC-STP"
    # Dated the day the period's data was frozen (the test's "now"), so a rebuild says the same.
    assert dated.text == "Thái Nguyên, ngày 20 tháng 3 năm 2026"
    assert all(run.italic for run in dated.runs)


def test_title_summary_and_body_format(document):
    texts = [p.text for p in document.paragraphs]
    title = document.paragraphs[texts.index("BÁO CÁO")]
    summary = document.paragraphs[texts.index(texts[texts.index("BÁO CÁO") + 1])]
    assert summary.text == "Kết quả thực hiện công tác cải cách hành chính quý I năm 2026"
    assert all(run.bold for run in title.runs + summary.runs)
    body = document.paragraphs[texts.index(EXPECTED_SENTENCE + ".")]
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert Cm(1) <= body.paragraph_format.first_line_indent <= Cm(1.27) + 1
    assert body.paragraph_format.space_after >= Pt(6)
    assert Pt(13) <= body.runs[0].font.size <= Pt(14)


def test_page_number_field_hidden_on_the_first_page(document):
    first = document.sections[0]
    assert first._sectPr.find(qn("w:titlePg")) is not None
    header = first.header._element
    instructions = [node.text.strip() for node in header.iter(qn("w:instrText"))]
    assert instructions == ["PAGE"]
    kinds = [node.get(qn("w:fldCharType")) for node in header.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]
    assert first.header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert not "".join(p.text for p in first.first_page_header.paragraphs).strip()


def test_recipients_and_signature_block(document):
    closing = document.tables[1]
    left, right = closing.rows[0].cells
    received = left.paragraphs[0].runs[0]
    assert left.paragraphs[0].text == "Nơi nhận:"
    assert received.bold and received.italic and received.font.size == Pt(12)
    items = [p.text for p in left.paragraphs[1:]]
    assert items == ["- UBND tỉnh (b/c);", "- Sở Nội vụ;", "- Lưu: VT, VP."]
    assert all(p.runs[0].font.size == Pt(11) for p in left.paragraphs[1:])
    lines = [p.text for p in right.paragraphs if p.text]
    assert lines == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn Ký"]


def test_appendices_have_headings_and_tables(document):
    texts = [p.text for p in document.paragraphs]
    for number in ("I", "II", "III"):
        assert f"Phụ lục {number}" in texts
    task_table = document.tables[2]
    assert [c.text for c in task_table.rows[0].cells] == [
        "STT",
        "Nội dung nhiệm vụ",
        "Đơn vị chủ trì",
        "Thời hạn",
        "Kết quả thực hiện",
        "Đánh giá",
    ]
    assert task_table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert len(task_table.rows) == 1 + 7
    budget = document.tables[4]
    assert [c.text for c in budget.rows[-1].cells] == [
        "",
        "Tổng cộng",
        "4.415.800.000",
        "10.000.000",
        "0,2%",
    ]


def test_no_template_tags_and_text_in_nfc(document):
    text = _all_text(document)
    assert not re.search(r"\{\{|\{%|%\}|\}\}", text)
    assert unicodedata.is_normalized("NFC", text)
    assert "Cải cách thủ tục hành chính" in text


def test_markup_and_control_characters_in_units_text_are_written_as_text(known):
    from tasks.models import TaskProgress

    TaskProgress.objects.filter(task=known.tasks["T1"], period=known.q1).update(
        result="Đã ban hành <b>Kế hoạch</b> & gửi\x0b các phòng"
    )
    with time_machine.travel(AFTER_CUTOFF, tick=False):
        built = build_report(period=known.q1, on=AFTER_CUTOFF.date())
    text = _all_text(Document(io.BytesIO(built.docx)))
    assert "“Đã ban hành <b>Kế hoạch</b> & gửi các phòng”" in text


def test_the_spreadsheet_is_formula_safe(known):
    from openpyxl import load_workbook

    from tasks.models import TaskProgress

    TaskProgress.objects.filter(task=known.tasks["T1"], period=known.q1).update(
        result='=HYPERLINK("http://x")\x0b'
    )
    with time_machine.travel(AFTER_CUTOFF, tick=False):
        built = build_report(period=known.q1, on=AFTER_CUTOFF.date())
    book = load_workbook(io.BytesIO(built.xlsx))
    assert book.sheetnames == ["Tổng hợp", "Nhiệm vụ", "Chỉ tiêu", "Kinh phí"]
    tasks = book["Nhiệm vụ"]
    assert tasks.cell(row=2, column=12).value == '\'=HYPERLINK("http://x")'
    assert tasks.cell(row=2, column=7).number_format == "DD/MM/YYYY"
    budget = [row for row in book["Kinh phí"].iter_rows(values_only=True)]
    assert budget[-1] == (None, "Tổng cộng", 4_415_800_000, 10_000_000)  # "" is an empty cell
