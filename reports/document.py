"""A report as a Word file laid out per Nghị định 30/2020/NĐ-CP, Phụ lục I (python-docx).

A4 portrait, margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman on the
document defaults and on every style for all four font slots (ascii, hAnsi, eastAsia, cs),
so Word never substitutes a font; language vi-VN. The two-column borderless header, the
"Số:" and dated place line, "BÁO CÁO" and the summary, a justified 14 pt body with a
1.27 cm first-line indent, page numbers as a PAGE field centred in the top margin and
hidden on page 1 (titlePg), "Nơi nhận:" and the signature block, then one landscape
section per appendix. No template: every run is written here, so no tag can be left over.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from reports.content import Appendix, ReportContent, ReportHeader, Table
from reports.figures import dated_place, format_date

FONT = "Times New Roman"
LANGUAGE = "vi-VN"
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
BODY_PT = 14
TABLE_PT = 12
FIRST_LINE_INDENT_TWIPS = 720  # 1.27 cm
SPACE_AFTER_TWIPS = 120  # 6 pt
BODY_WIDTH_MM = PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]  # 165
HEADER_COLUMNS_MM = (68, 97)  # agency names | national title and motto
HEADER_CELL_MARGIN_MM = 0.5
MOTTO_WIDTH_MM = 60  # "Độc lập - Tự do - Hạnh phúc" in 13 pt bold Times New Roman
# Schema order (ECMA-376): children that must follow the element we insert.
PPR_AFTER_BORDER = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
TBLPR_AFTER_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption")
FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
THEME_SLOTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def render_docx(content: ReportContent, *, header: ReportHeader, created: dt.datetime) -> bytes:
    """The .docx bytes of ``content``; ``created`` fixes the file's own dates."""
    document = Document()
    _set_fonts(document)
    _set_properties(document, content, header=header, created=created)
    section = document.sections[0]
    _page(section, landscape=False)
    _page_numbers(section)
    _header_table(document, header, content.issued_on)
    _title(document, content)
    _bodies(
        document,
        [(p.text, p.heading, p.italic) for p in content.body] + [(content.closing, False, False)],
    )
    _closing_table(document, header)
    for appendix in content.appendices:
        _appendix(document, appendix, header=header, issued_on=content.issued_on)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- fonts, language, properties -------------------------------------------------------


def _fonts_element(r_pr) -> None:
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for slot in THEME_SLOTS:
        if fonts.get(qn(slot)) is not None:
            del fonts.attrib[qn(slot)]
    for slot in FONT_SLOTS:
        fonts.set(qn(slot), FONT)


def _language_element(r_pr) -> None:
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    for slot in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(slot), LANGUAGE)


def _set_fonts(document) -> None:
    """Times New Roman and vi-VN on docDefaults and on every style that sets run properties."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    r_pr_default = defaults.find(qn("w:rPrDefault"))
    if r_pr_default is None:
        r_pr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, r_pr_default)
    r_pr = r_pr_default.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        r_pr_default.append(r_pr)
    _fonts_element(r_pr)
    _language_element(r_pr)
    for style in styles.findall(qn("w:style")):
        style_r_pr = style.find(qn("w:rPr"))
        if style_r_pr is None and style.get(qn("w:type")) in ("paragraph", "character"):
            style_r_pr = OxmlElement("w:rPr")
            style.append(style_r_pr)
        if style_r_pr is not None:
            _fonts_element(style_r_pr)
            color = style_r_pr.find(qn("w:color"))
            if color is not None:  # the default template colours its headings blue
                color.set(qn("w:val"), "000000")
                for theme in ("w:themeColor", "w:themeShade", "w:themeTint"):
                    if color.get(qn(theme)) is not None:
                        del color.attrib[qn(theme)]
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    _fonts_element(normal.element.get_or_add_rPr())


def _set_properties(document, content: ReportContent, *, header: ReportHeader, created) -> None:
    properties = document.core_properties
    properties.title = f"Báo cáo {content.summary[0].lower()}{content.summary[1:]}"
    properties.author = header.agency_full_name
    properties.last_modified_by = header.agency_full_name
    properties.language = LANGUAGE
    properties.created = created
    properties.modified = created
    properties.revision = 1


# --- page set-up ------------------------------------------------------------------------


def _page(section, *, landscape: bool) -> None:
    width, height = (
        (PAGE_HEIGHT_MM, PAGE_WIDTH_MM) if landscape else (PAGE_WIDTH_MM, PAGE_HEIGHT_MM)
    )
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width = Mm(width)
    section.page_height = Mm(height)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)


def _page_numbers(section) -> None:
    """A PAGE field centred in the header; page 1 gets the (empty) first-page header."""
    section.different_first_page_header_footer = True  # w:titlePg
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("end", None)):
        run = paragraph.add_run()
        _font(run, 13)
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        if kind == "separate":
            placeholder = paragraph.add_run("2")
            _font(placeholder, 13)


# --- runs and paragraphs ------------------------------------------------------------------


def _font(run, size: float, *, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    _fonts_element(run._r.get_or_add_rPr())


def _line(
    paragraph: DocxParagraph,
    text: str,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
) -> None:
    _font(paragraph.add_run(text), size, bold=bold, italic=italic)


def _tight(paragraph: DocxParagraph, *, align=WD_ALIGN_PARAGRAPH.CENTER) -> DocxParagraph:
    paragraph.alignment = align
    paragraph.paragraph_format.space_before = Pt(0)
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.line_spacing = 1.0
    return paragraph


def _cell_paragraph(cell, first: bool) -> DocxParagraph:
    return _tight(cell.paragraphs[0] if first else cell.add_paragraph())


def _rule(container, *, width_mm: float, column_mm: float) -> None:
    """A short centred rule ``width_mm`` wide: the bottom border of an empty, 2 pt paragraph.

    A border spans its paragraph's width, so the paragraph gets equal left and right indents;
    being empty, the text above keeps the column's whole width.
    """
    paragraph = _tight(container.add_paragraph())
    mark = OxmlElement("w:rPr")  # the empty paragraph's height is its mark's: 2 pt
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "4")
    mark.append(size)
    paragraph._p.get_or_add_pPr().insert_element_before(mark, "w:sectPr", "w:pPrChange")
    indent = max(0.0, (column_mm - width_mm) / 2)
    paragraph.paragraph_format.left_indent = Mm(indent)
    paragraph.paragraph_format.right_indent = Mm(indent)
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    p_pr.insert_element_before(borders, *PPR_AFTER_BORDER)


def _body(document, text: str, *, bold: bool = False, italic: bool = False) -> None:
    _bodies(document, [(text, bold, italic)])


def _bodies(document, paragraphs: list[tuple[str, bool, bool]]) -> None:
    """Justified body paragraphs, written as XML and parsed at once (a report has hundreds)."""
    spacing = (
        f'<w:spacing w:before="0" w:after="{SPACE_AFTER_TWIPS}" w:line="276" w:lineRule="auto"/>'
        f'<w:ind w:firstLine="{FIRST_LINE_INDENT_TWIPS}"/><w:jc w:val="both"/>'
    )
    xml = "".join(
        f"<w:p><w:pPr>{spacing}</w:pPr>{_run_xml(text, BODY_PT, bold=bold, italic=italic)}</w:p>"
        for text, bold, italic in paragraphs
    )
    for element in list(parse_xml(f"<w:body {nsdecls('w')}>{xml}</w:body>")):
        _append(document, element)


def _append(document, element) -> None:
    """Add a block at the end of the body, before its final section properties."""
    body = document.element.body
    body.insert_element_before(element, "w:sectPr")


def _run_xml(text: str, size: float, *, bold: bool = False, italic: bool = False) -> str:
    half_points = int(size * 2)
    fonts = " ".join(f'{slot}="{FONT}"' for slot in FONT_SLOTS)
    flags = ("<w:b/><w:bCs/>" if bold else "") + ("<w:i/><w:iCs/>" if italic else "")
    return (
        f"<w:r><w:rPr><w:rFonts {fonts}/>{flags}"
        f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
        f'<w:t xml:space="preserve">{escape(_NOT_XML.sub("", text))}</w:t></w:r>'
    )


# Control characters XML 1.0 cannot hold (a pasted result text may carry one).
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# --- tables -------------------------------------------------------------------------------


def _borderless(table: DocxTable) -> None:
    """No borders, and narrow cell margins so the header's lines keep their column's width."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.insert_element_before(borders, *TBLPR_AFTER_BORDERS)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(int(HEADER_CELL_MARGIN_MM * 56.7)))  # twentieths of a point
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.insert_element_before(margins, *TBLPR_AFTER_BORDERS[2:])


def _widths(table: DocxTable, widths_mm: Iterable[float]) -> None:
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def _header_table(document, header: ReportHeader, issued_on: dt.date) -> None:
    table = document.add_table(rows=2, cols=2)
    _borderless(table)
    _widths(table, HEADER_COLUMNS_MM)
    left_mm, right_mm = (width - 2 * HEADER_CELL_MARGIN_MM for width in HEADER_COLUMNS_MM)
    left, right = table.rows[0].cells
    first = True
    if header.parent_agency:
        _line(_cell_paragraph(left, True), header.parent_agency.upper(), 13)
        first = False
    _line(_cell_paragraph(left, first), header.agency_name.upper(), 13, bold=True)
    _rule(left, width_mm=22, column_mm=left_mm)
    _line(_cell_paragraph(right, True), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True)
    _line(_cell_paragraph(right, False), "Độc lập - Tự do - Hạnh phúc", 13, bold=True)
    _rule(right, width_mm=MOTTO_WIDTH_MM, column_mm=right_mm)
    number_cell, date_cell = table.rows[1].cells
    number = _cell_paragraph(number_cell, True)
    number.paragraph_format.space_before = Pt(6)
    _line(number, f"Số:        /BC-{header.symbol}", 13)
    dated = _cell_paragraph(date_cell, True)
    dated.paragraph_format.space_before = Pt(6)
    _line(dated, dated_place(header.place, issued_on), 14, italic=True)


def _title(document, content: ReportContent) -> None:
    title = _tight(document.add_paragraph())
    title.paragraph_format.space_before = Pt(18)
    _line(title, "BÁO CÁO", 14, bold=True)
    summary = _tight(document.add_paragraph())
    _line(summary, content.summary, 14, bold=True)
    if content.provisional_note:
        note = _tight(document.add_paragraph())
        _line(note, content.provisional_note, 13, italic=True)
    _rule(document, width_mm=40, column_mm=BODY_WIDTH_MM)
    document.add_paragraph().paragraph_format.space_after = Pt(0)


def _closing_table(document, header: ReportHeader) -> None:
    table = document.add_table(rows=1, cols=2)
    _borderless(table)
    _widths(table, (80, 85))
    left, right = table.rows[0].cells
    received = _cell_paragraph(left, True)
    received.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _line(received, "Nơi nhận:", 12, bold=True, italic=True)
    recipients = header.recipients or ["Lưu: VT"]
    for number, name in enumerate(recipients, start=1):
        item = _cell_paragraph(left, False)
        item.alignment = WD_ALIGN_PARAGRAPH.LEFT
        ending = "." if number == len(recipients) else ";"
        _line(item, f"- {name.rstrip('.;')}{ending}", 11)
    first = True
    for line in header.signer_title.splitlines() or [""]:
        _line(_cell_paragraph(right, first), line.strip().upper(), 14, bold=True)
        first = False
    for _blank in range(4):
        _cell_paragraph(right, False)
    _line(_cell_paragraph(right, False), header.signer_name, 14, bold=True)


def _appendix(document, appendix: Appendix, *, header: ReportHeader, issued_on: dt.date) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape=True)
    section.different_first_page_header_footer = False
    heading = _tight(document.add_paragraph())
    _line(heading, f"Phụ lục {appendix.number}", 14, bold=True)
    title = _tight(document.add_paragraph())
    _line(title, appendix.title, 14, bold=True)
    attached = _tight(document.add_paragraph())
    attached.paragraph_format.space_after = Pt(12)
    _line(
        attached,
        f"(Kèm theo Báo cáo số      /BC-{header.symbol} ngày {format_date(issued_on)} "
        f"của {header.agency_full_name})",
        13,
        italic=True,
    )
    if appendix.table is None:
        _body(document, appendix.empty_sentence)
        return
    _grid(document, appendix.table)


def _grid(document, spec: Table) -> None:
    """An appendix table, written as one XML fragment: thousands of cells stay fast."""
    widths = [_twips(width) for width in spec.widths_mm]
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    header = _row_xml(spec.headers, widths, bold=True, header=True, spec=spec)
    last = len(spec.rows) - 1
    rows = "".join(
        _row_xml(values, widths, bold=spec.total_row and index == last, header=False, spec=spec)
        for index, values in enumerate(spec.rows)
    )
    table = (
        f"<w:tbl {nsdecls('w')}><w:tblPr>"
        f'<w:tblStyle w:val="{document.styles["Table Grid"].style_id}"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{header}{rows}</w:tbl>"
    )
    _append(document, parse_xml(table))


def _twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def _row_xml(values, widths, *, bold: bool, header: bool, spec: Table) -> str:
    cells = []
    for column, (text, width) in enumerate(zip(values, widths, strict=True)):
        align = "center" if header else _ALIGN_XML[_alignment(spec, column)]
        cells.append(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p><w:pPr>'
            '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
            f'<w:jc w:val="{align}"/></w:pPr>{_run_xml(text, TABLE_PT, bold=bold)}</w:p></w:tc>'
        )
    row_properties = '<w:trPr><w:tblHeader w:val="true"/></w:trPr>' if header else ""
    return f"<w:tr>{row_properties}{''.join(cells)}</w:tr>"


def _alignment(spec: Table, column: int):
    if column in spec.numeric_columns:
        return WD_ALIGN_PARAGRAPH.RIGHT
    return WD_ALIGN_PARAGRAPH.CENTER if column == 0 else WD_ALIGN_PARAGRAPH.LEFT


_ALIGN_XML = {
    WD_ALIGN_PARAGRAPH.LEFT: "left",
    WD_ALIGN_PARAGRAPH.CENTER: "center",
    WD_ALIGN_PARAGRAPH.RIGHT: "right",
}
