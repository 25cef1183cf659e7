"""Build .docx files in tests (and the import benchmark) without binary fixtures.

Paragraphs go through python-docx; tables are written as raw WordprocessingML so that the
shapes python-docx cannot make are available: gridSpan / vMerge merged cells, w:tblHeader
repeated header rows, gridBefore, nested tables, NFD text.

    data = build_docx(
        P("KẾ HOẠCH", bold=True),
        T([["STT", "Nội dung công việc", "Cơ quan chủ trì", "Thời gian hoàn thành"],
           [C("I", bold=True), C("CẢI CÁCH THỂ CHẾ", bold=True, span=3)],
           ["1", "Rà soát văn bản", "Văn phòng Sở", "Quý I/2026"]], header_rows=1),
    )
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

STANDARD_HEADER = [
    "STT",
    "Nội dung công việc",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian hoàn thành",
]


@dataclass
class C:
    """A table cell. `text` lines become separate paragraphs; "\\v" becomes a soft break."""

    text: str = ""
    bold: bool = False
    span: int = 1
    vmerge: str | None = None  # "restart" or "continue"


@dataclass
class P:
    """A body paragraph. `list_level` makes it a Word list item (w:numPr, marker not in text)."""

    text: str
    bold: bool = False
    style: str | None = None
    list_level: int | None = None


@dataclass
class T:
    """A table: rows of cells (plain strings are non-bold cells)."""

    rows: list[list[C | str]]
    header_rows: int = 0  # rows marked w:tblHeader (repeated on each page by Word)
    grid_cols: int | None = None
    nested_in: int | None = None  # not used by build_docx directly; see NestedT
    borders: bool = True


@dataclass
class NestedT:
    """A one-cell layout table whose cell holds `inner` (a table inside a table)."""

    inner: T
    before: list[str] = field(default_factory=list)


def _run_xml(text: str, bold: bool) -> str:
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    pieces = text.split("\v")
    runs = []
    for index, piece in enumerate(pieces):
        if index:
            runs.append(f"<w:r>{rpr}<w:br/></w:r>")
        runs.append(f'<w:r>{rpr}<w:t xml:space="preserve">{escape(piece)}</w:t></w:r>')
    return "".join(runs)


def paragraph_xml(text: str, bold: bool = False) -> str:
    return f"<w:p>{_run_xml(text, bold) if text else ''}</w:p>"


def table_xml(table: T) -> str:
    width = table.grid_cols or max(
        sum((cell.span if isinstance(cell, C) else 1) for cell in row) for row in table.rows
    )
    grid = "".join('<w:gridCol w:w="1800"/>' for _ in range(width))
    rows_xml = []
    for index, row in enumerate(table.rows):
        header = "<w:trPr><w:tblHeader/></w:trPr>" if index < table.header_rows else ""
        cells = []
        for cell in row:
            cell = cell if isinstance(cell, C) else C(cell)
            props = '<w:tcW w:w="1800" w:type="dxa"/>'
            if cell.span > 1:
                props += f'<w:gridSpan w:val="{cell.span}"/>'
            if cell.vmerge == "restart":
                props += '<w:vMerge w:val="restart"/>'
            elif cell.vmerge == "continue":
                props += "<w:vMerge/>"
            lines = cell.text.split("\n") if cell.text else [""]
            body = "".join(paragraph_xml(line, cell.bold) for line in lines)
            cells.append(f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>")
        rows_xml.append(f"<w:tr>{header}{''.join(cells)}</w:tr>")
    borders = (
        "<w:tblBorders>"
        + "".join(
            f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        + "</w:tblBorders>"
        if table.borders
        else ""
    )
    return (
        f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblW w:w="0" w:type="auto"/>{borders}</w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows_xml)}</w:tbl>"
    )


def _nested_xml(nested: NestedT) -> str:
    before = "".join(paragraph_xml(text) for text in nested.before)
    inner = table_xml(nested.inner).replace(f' xmlns:w="{W_NS}"', "")
    return (
        f'<w:tbl xmlns:w="{W_NS}"><w:tblPr/><w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid>'
        f'<w:tr><w:tc><w:tcPr><w:tcW w:w="9000" w:type="dxa"/></w:tcPr>{before}{inner}'
        "<w:p/></w:tc></w:tr></w:tbl>"
    )


def build_document(*blocks: P | T | NestedT | str):
    """A python-docx Document holding the blocks in order (strings are plain paragraphs)."""
    document = Document()
    body = document.element.body
    sect = body.find(f"{{{W_NS}}}sectPr")
    for block in blocks:
        if isinstance(block, str):
            block = P(block)
        if isinstance(block, P):
            paragraph = document.add_paragraph(style=block.style)
            for index, piece in enumerate(block.text.split("\v")):
                run = paragraph.add_run(piece)
                if index:
                    run.add_break()
                    run.text = piece
                run.bold = block.bold or None
            if block.list_level is not None:
                numbering = etree.fromstring(
                    f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{block.list_level}"/>'
                    '<w:numId w:val="1"/></w:numPr>'
                )
                paragraph._p.get_or_add_pPr().append(numbering)
            continue
        xml = table_xml(block) if isinstance(block, T) else _nested_xml(block)
        element = etree.fromstring(xml)
        if sect is not None:
            sect.addprevious(element)
        else:
            body.append(element)
    return document


def build_docx(*blocks: P | T | NestedT | str) -> bytes:
    """The bytes of a .docx holding the blocks in order."""
    buffer = io.BytesIO()
    build_document(*blocks).save(buffer)
    return buffer.getvalue()


def save_docx(path: Path, *blocks: P | T | NestedT | str) -> Path:
    path.write_bytes(build_docx(*blocks))
    return path


def replace_part(data: bytes, name: str, content: bytes) -> bytes:
    """Return a copy of a zip package with one member replaced (or added)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != name:
                target.writestr(info, source.read(info.filename))
        target.writestr(name, content)
    return buffer.getvalue()


def task_row(
    code: str,
    content: str,
    lead: str = "Văn phòng Sở",
    coord: str = "",
    deadline: str = "Năm 2026",
    *,
    bold: bool = False,
) -> list[C | str]:
    """A five-column task row in the standard column order."""
    return [C(code, bold), C(content, bold), C(lead, bold), C(coord, bold), C(deadline, bold)]
