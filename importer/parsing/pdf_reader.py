"""Read a plan published as a PDF with a text layer (portal copies, signed e-office files).

The page text and the ruling lines come from PDFium (pypdfium2): it is fast enough for a
1,000-row appendix (pdfminer, under pdfplumber's own page objects, needs three times the 5 s
budget for it). Tables are found from the ruling lines with pdfplumber's edge geometry
(`merge_edges` → `edges_to_intersections` → `intersections_to_cells` → `cells_to_tables`),
then turned into the same `Grid` of `Slot`s the .docx reader builds: a cell spanning columns
is one Slot in each of them, a cell spanning rows is repeated below as `continued`. Everything
is then fed to the .docx reader's `BodyReader`, so the STT hierarchy, prose tasks, narrative
bullets, metadata, target and budget rules are the same for both formats.

What a PDF loses and how it is restored:
- Paragraphs. Text comes as lines; a line ends its paragraph when the next line's first word
  would have fitted after it (the writer broke the line on purpose), when the next line is
  indented or starts a list marker, or when the gap between them is wider than a line.
- Tables split across pages. A table that is the first thing on a page (page numbers aside)
  continues the one that ended the previous page when they have the same columns; a first row
  with an empty STT cell is the rest of the row the page break cut (a header included), and is
  joined to it cell by cell. Repeated header rows are then skipped by the task-list builder.
  The one case geometry cannot tell: a typed break after a line that fills its column
  ("Văn phòng Sở" / "Phòng Bổ trợ tư pháp" in a narrow unit column) reads as one wrapped
  line; the preview then shows the joined name as an unknown unit (never dropped).
- Page furniture: a line holding only a page number ("2", "- 2 -", "Trang 2/5") is dropped.

Scanned PDFs (pages with no text at all) are refused: there is no OCR here.
"""

from __future__ import annotations

import bisect
import ctypes
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.table import (
    cells_to_tables,
    edges_to_intersections,
    intersections_to_cells,
    merge_edges,
)

from importer.parsing.document import ImportFileError, ParsedDocument, TextBlock, clean_text
from importer.parsing.docx_reader import BodyReader
from importer.parsing.safety import (
    DEFAULT_MAX_PDF_PAGES,
    PDF_TIME_LIMIT_SECONDS,
    inspect_pdf,
    open_pdf,
    read_limited,
)
from importer.parsing.structure import Grid, Slot, is_code_like, smart_join

# Geometry tolerances in PDF points (1/72 inch).
_RULE_MAX_THICKNESS = 2.5  # a path this thin in one direction is a ruling line
_EDGE_MIN_LENGTH = 3
_SNAP = 3
_COLUMN_GAP = 18  # words further apart than this on one line belong to different blocks
# A line ends this close to the right edge (cell padding plus an estimate's error) when the
# writer wrapped it; further left, the line break was typed.
_WRAP_SLACK = 10
_INDENT = 8
_SCANNED_MESSAGE = (
    "Tệp PDF không có lớp chữ (có thể là bản scan hoặc ảnh chụp) nên không đọc được nội dung. "
    "Hệ thống chưa hỗ trợ nhận dạng chữ từ ảnh (OCR): vui lòng tải lên bản Word (.doc, .docx) "
    "hoặc bản PDF xuất trực tiếp từ Word."
)
_PAGE_NUMBER_RE = re.compile(r"^(?:-\s*)?(?:trang\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*-)?$", re.I)
_LIST_START_RE = re.compile(
    r"^(?:[-+•*–—]\s|\d{1,2}(?:\.\d{1,2})*[.)]\s|[a-zđ][.)]\s|[IVXLC]+\.\s)"
)
_HYPHEN_BREAK = "\x02"
_BOLD_WORDS = ("bold", "black", "heavy", "semibold", "demi")


@dataclass
class _Segment:
    """A run of text on one line (PDFium text rectangle), top-down page coordinates."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    bold: bool

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def char_width(self) -> float:
        return (self.x1 - self.x0) / max(len(self.text), 1)


@dataclass
class _Line:
    segments: list[_Segment]

    @property
    def x0(self) -> float:
        return self.segments[0].x0

    @property
    def x1(self) -> float:
        return self.segments[-1].x1

    @property
    def top(self) -> float:
        return min(s.top for s in self.segments)

    @property
    def bottom(self) -> float:
        return max(s.bottom for s in self.segments)

    @property
    def text(self) -> str:
        parts: list[str] = []
        previous: _Segment | None = None
        for segment in self.segments:
            # PDFium cuts a run where the writer kerned or changed font, even inside a word.
            gap = segment.x0 - previous.x1 if previous is not None else 0
            if (
                previous is not None
                and gap > previous.char_width * 0.25
                and not parts[-1].endswith(" ")
            ):
                parts.append(" ")
            parts.append(segment.text)
            previous = segment
        return re.sub(" {2,}", " ", "".join(parts)).replace(_HYPHEN_BREAK, "-").strip()

    @property
    def hyphen_break(self) -> bool:
        """The line was broken after a hyphen inside a word ("NĐ-" / "CP", "2026-" / "2030").

        PDFium marks such a hyphen with U+0002; a plain one counts when no space precedes it.
        """
        raw = self.segments[-1].text.rstrip()
        return raw.endswith(_HYPHEN_BREAK) or (len(raw) > 1 and raw[-1] == "-" and raw[-2] != " ")

    @property
    def bold(self) -> bool:
        chars = sum(len(s.text.strip()) for s in self.segments)
        bold = sum(len(s.text.strip()) for s in self.segments if s.bold)
        return chars > 0 and bold * 10 >= chars * 6

    def first_word_width(self) -> float:
        first = self.segments[0]
        word = first.text.strip().split(" ", 1)[0] if first.text.strip() else ""
        return (len(word) + 1) * first.char_width


@dataclass
class _PageTable:
    """One ruled table on a page: its grid and where it sits."""

    grid: Grid
    top: float
    bottom: float
    columns: tuple[float, ...]
    left: float = 0.0
    right: float = 0.0
    cell_blocks: list[TextBlock] = field(default_factory=list)
    # Per Slot (by id): where its last line ends and where its cell's text area ends, and how
    # wide its first word is, so that a row cut by a page break is joined like a wrapped line.
    last_line_end: dict[int, tuple[float, float]] = field(default_factory=dict)
    first_word: dict[int, float] = field(default_factory=dict)


@dataclass
class _PageItem:
    top: float
    block: TextBlock | None = None
    table: _PageTable | None = None


def read_pdf(
    data: bytes,
    *,
    require_tasks: bool = True,
    max_pages: int = DEFAULT_MAX_PDF_PAGES,
    time_limit: float = PDF_TIME_LIMIT_SECONDS,
) -> ParsedDocument:
    """Parse a PDF plan; raise ImportFileError (Vietnamese) when it cannot be read."""
    raw = read_limited(data)
    inspect_pdf(raw, max_pages=max_pages)
    started = time.monotonic()
    document = open_pdf(raw)
    reader = BodyReader()
    pending: _PageTable | None = None
    text_chars = 0
    try:
        for index in range(len(document)):
            if time.monotonic() - started > time_limit:
                raise ImportFileError(
                    f"Đọc tệp PDF quá thời gian cho phép ({time_limit:.0f} giây) ở trang "
                    f"{index + 1}. Vui lòng tách tệp hoặc tải lên bản Word."
                )
            page = document[index]
            try:
                items, chars = _read_page(page)
            finally:
                page.close()
            text_chars += chars
            pending = _feed_page(reader, items, pending)
        if pending is not None:
            _feed_table(reader, pending)
    finally:
        document.close()
    if text_chars == 0:
        raise ImportFileError(_SCANNED_MESSAGE)
    return reader.result(require_tasks=require_tasks)


def _feed_page(
    reader: BodyReader, items: list[_PageItem], pending: _PageTable | None
) -> _PageTable | None:
    """Feed one page in reading order; the page's last table waits for the next page."""
    for position, item in enumerate(items):
        if item.table is not None:
            table = item.table
            if pending is not None and position == 0 and _same_columns(pending, table):
                pending = _join_tables(pending, table)
                continue
            if pending is not None:
                _feed_table(reader, pending)
            pending = table
            if position < len(items) - 1:
                _feed_table(reader, pending)
                pending = None
        else:
            if pending is not None:
                _feed_table(reader, pending)
                pending = None
            assert item.block is not None
            reader.add_text(item.block)
    return pending


def _feed_table(reader: BodyReader, table: _PageTable) -> None:
    width = max((len(row) for row in table.grid), default=0)
    reader.add_table(table.grid, width, table.cell_blocks)


def _same_columns(first: _PageTable, second: _PageTable) -> bool:
    if len(first.columns) != len(second.columns):
        return False
    return all(abs(a - b) <= _SNAP * 2 for a, b in zip(first.columns, second.columns, strict=True))


def _join_tables(first: _PageTable, second: _PageTable) -> _PageTable:
    """`second` continues `first` on the next page; a cut row is joined back together."""
    grid = list(first.grid)
    # A header repeated on the new page (Word's "repeat as header row") sits between the
    # two halves of a cut row; it carries nothing, so it goes.
    repeated = 0
    while repeated < min(3, len(second.grid), len(grid)) and _texts(
        second.grid[repeated]
    ) == _texts(grid[repeated]):
        repeated += 1
    rows = second.grid[repeated:]
    if rows and grid and _is_cut_row(rows[0], grid[-1]):
        grid[-1] = _joined_row(grid[-1], rows[0], first, second)
        rows = rows[1:]
    grid.extend(rows)
    return _PageTable(
        grid=grid,
        top=first.top,
        bottom=second.bottom,
        columns=first.columns,
        left=first.left,
        right=first.right,
        cell_blocks=first.cell_blocks + second.cell_blocks,
        last_line_end={**first.last_line_end, **second.last_line_end},
        first_word={**first.first_word, **second.first_word},
    )


def _texts(row: list[Slot | None]) -> list[str]:
    return [slot.text if slot is not None else "" for slot in row]


def _is_cut_row(row: list[Slot | None], above: list[Slot | None]) -> bool:
    """The top row of a continued table is the rest of the row above, cut by the page break.

    Either its STT cell is empty, or the STT itself was cut ("2.2" / "0", a narrow column)
    and the row's text carries on mid-sentence.
    """
    first = row[0] if row else None
    if not any(s is not None and s.text for s in row):
        return False
    if first is None or not first.text:
        return True
    upper = above[0] if above else None
    glued = f"{upper.text}{first.text}" if upper is not None else ""
    carries_on = any(s is not None and s is not first and s.text[:1].islower() for s in row)
    return carries_on and is_code_like(glued)


def _joined_row(
    above: list[Slot | None], below: list[Slot | None], first: _PageTable, second: _PageTable
) -> list[Slot | None]:
    joined: list[Slot | None] = []
    made: dict[int, Slot] = {}
    for upper, lower in zip(above, below, strict=False):
        if upper is None or lower is None or not lower.text or lower.continued:
            joined.append(upper)
            continue
        key = id(upper)
        if key not in made:
            end = first.last_line_end.get(key)
            wrapped = end is not None and end[0] + second.first_word.get(id(lower), 0) > end[1]
            if is_code_like(upper.text) and is_code_like(upper.text + lower.text):
                text = upper.text + lower.text
            elif wrapped:
                text = f"{upper.text} {lower.text}"
            else:
                text = smart_join(upper.text, lower.text)
            made[key] = Slot(upper.origin, text, upper.bold)
            first.last_line_end[id(made[key])] = second.last_line_end.get(id(lower), (0.0, 1.0))
        joined.append(made[key])
    joined.extend(above[len(joined) :])
    return joined


# --- one page ---------------------------------------------------------------------------------


def _read_page(page: pdfium.PdfPage) -> tuple[list[_PageItem], int]:
    """The page's paragraphs and tables in reading order, and how many text characters it has."""
    height = page.get_height()
    textpage = page.get_textpage()
    try:
        segments = list(_segments(textpage, height))
    finally:
        textpage.close()
    tables = _tables(page, height)
    chars = sum(len(s.text.strip()) for s in segments)
    outside: list[_Segment] = []
    placed: dict[int, list[_Segment]] = {}
    for segment in segments:
        owner = _table_of(tables, segment)
        if owner is None:
            outside.append(segment)
        else:
            placed.setdefault(owner, []).append(segment)
    items = [
        _PageItem(top=table.top, table=_fill(table, cells, placed.get(number, [])))
        for number, (table, cells) in enumerate(tables)
    ]
    items.extend(_PageItem(top=top, block=block) for top, block in _paragraphs(outside, height))
    items.sort(key=lambda item: item.top)
    return items, chars


def _segments(textpage: pdfium.PdfTextPage, height: float) -> Iterator[_Segment]:
    buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    for index in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(index)
        written = textpage.get_text_bounded(left, bottom, right, top)
        text = clean_text(written)
        if not text:
            continue
        if written[-1:].isspace():
            text += " "  # "dự kiến: " + "4.415.800.000 đồng" are two runs
        char = textpage.get_index(left + 0.5, (bottom + top) / 2, 1.5, 1.5)
        bold = False
        if char is not None and char >= 0:
            pdfium_c.FPDFText_GetFontInfo(textpage.raw, char, buffer, 128, ctypes.byref(flags))
            name = buffer.value.decode("latin-1", "replace").casefold()
            weight = pdfium_c.FPDFText_GetFontWeight(textpage.raw, char)
            bold = weight >= 600 or any(word in name for word in _BOLD_WORDS)
        yield _Segment(left, height - top, right, height - bottom, text.replace("\n", " "), bold)


# --- tables -----------------------------------------------------------------------------------

_Cell = tuple[float, float, float, float]  # x0, top, x1, bottom


def _tables(page: pdfium.PdfPage, height: float) -> list[tuple[_PageTable, list[_Cell]]]:
    edges = list(_edges(page, height))
    if not edges:
        return []
    edges = merge_edges(edges, _SNAP, _SNAP, _SNAP, _SNAP)
    edges = [e for e in edges if _edge_length(e) >= _EDGE_MIN_LENGTH]
    cells = intersections_to_cells(edges_to_intersections(edges, _SNAP, _SNAP))
    found = []
    for table_cells in cells_to_tables(cells):
        if len(table_cells) < 2:
            continue
        columns = _boundaries(c[0] for c in table_cells)
        found.append(
            (
                _PageTable(
                    grid=[],
                    top=min(c[1] for c in table_cells),
                    bottom=max(c[3] for c in table_cells),
                    columns=columns,
                    left=min(c[0] for c in table_cells),
                    right=max(c[2] for c in table_cells),
                ),
                table_cells,
            )
        )
    return found


def _edges(page: pdfium.PdfPage, height: float) -> Iterator[dict[str, Any]]:
    """Ruling lines: thin paths as one edge, rectangles as their four sides."""
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        x0, x1, y0, y1 = left, right, height - top, height - bottom
        wide, tall = x1 - x0, y1 - y0
        if tall <= _RULE_MAX_THICKNESS and wide > _RULE_MAX_THICKNESS:
            yield _edge("h", x0, x1, (y0 + y1) / 2, (y0 + y1) / 2)
        elif wide <= _RULE_MAX_THICKNESS and tall > _RULE_MAX_THICKNESS:
            yield _edge("v", (x0 + x1) / 2, (x0 + x1) / 2, y0, y1)
        elif wide > _RULE_MAX_THICKNESS and tall > _RULE_MAX_THICKNESS:
            yield _edge("h", x0, x1, y0, y0)
            yield _edge("h", x0, x1, y1, y1)
            yield _edge("v", x0, x0, y0, y1)
            yield _edge("v", x1, x1, y0, y1)


def _edge(orientation: str, x0: float, x1: float, top: float, bottom: float) -> dict[str, Any]:
    return {
        "orientation": orientation,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
    }


def _edge_length(edge: dict[str, Any]) -> float:
    if edge["orientation"] == "h":
        return float(edge["x1"] - edge["x0"])
    return float(edge["bottom"] - edge["top"])


def _boundaries(values: Iterator[float]) -> tuple[float, ...]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > _SNAP:
            out.append(value)
    return tuple(out)


def _table_of(tables: list[tuple[_PageTable, list[_Cell]]], segment: _Segment) -> int | None:
    middle_x = (segment.x0 + segment.x1) / 2
    for number, (table, _cells) in enumerate(tables):
        if table.top <= segment.middle <= table.bottom and table.left <= middle_x <= table.right:
            return number
    return None


def _fill(table: _PageTable, cells: list[_Cell], segments: list[_Segment]) -> _PageTable:
    """Lay the cells out as a merged-cell grid and put each text segment into its cell."""
    columns = table.columns
    rows = _boundaries(c[1] for c in cells)
    # Largest cells first, so a smaller box drawn inside a merged one wins its grid positions.
    ordered = sorted(cells, key=lambda c: (c[2] - c[0]) * (c[3] - c[1]), reverse=True)
    owner: list[list[_Cell | None]] = [[None] * len(columns) for _ in rows]
    first_position: dict[_Cell, tuple[int, int]] = {}
    for cell in ordered:
        first_row, first_col = _index(rows, cell[1]), _index(columns, cell[0])
        first_position[cell] = (first_row, first_col)
        for r in range(first_row, len(rows)):
            if rows[r] >= cell[3] - _SNAP:
                break
            for c in range(first_col, len(columns)):
                if columns[c] >= cell[2] - _SNAP:
                    break
                owner[r][c] = cell
    texts: dict[_Cell, list[_Segment]] = {cell: [] for cell in cells}
    for segment in segments:
        r = max(bisect.bisect_right(rows, segment.middle) - 1, 0)
        c = max(bisect.bisect_right(columns, (segment.x0 + segment.x1) / 2) - 1, 0)
        holder = owner[r][c]
        if holder is not None:
            texts[holder].append(segment)
    slots: dict[_Cell, Slot] = {}
    for cell in sorted(cells, key=lambda c: (c[1], c[0])):  # reading order for cell_blocks
        lines = _lines(texts[cell])
        text, bold = _cell_text(lines, right=cell[2])
        slot = slots[cell] = Slot(cell, text, bold)
        if text:
            table.cell_blocks.append(TextBlock(text, bold, in_table=True))
            table.last_line_end[id(slot)] = (lines[-1].x1, cell[2] - _WRAP_SLACK)
            table.first_word[id(slot)] = lines[0].first_word_width()
    grid: Grid = [[None] * len(columns) for _ in rows]
    for r, row in enumerate(owner):
        for c, owned_by in enumerate(row):
            if owned_by is None:
                continue
            slot = slots[owned_by]
            top_row = first_position[owned_by][0]
            grid[r][c] = slot if r == top_row else Slot(owned_by, slot.text, slot.bold, True)
    _carry_merged_text(grid)
    table.grid = grid
    return table


def _carry_merged_text(grid: Grid) -> None:
    """A row-spanning cell whose text sits in its first row's own box gives it to the rows below.

    Writers draw a vertically merged cell both as one tall box and as the first row's box, so
    the tall box can be empty; the .docx reader repeats a merged cell's text the same way.
    """
    for r in range(1, len(grid)):
        for c, slot in enumerate(grid[r]):
            above = grid[r - 1][c]
            if slot is not None and slot.continued and not slot.text and above and above.text:
                grid[r][c] = Slot(above.origin, above.text, above.bold, continued=True)


def _index(boundaries: tuple[float, ...], value: float) -> int:
    best = 0
    for number, boundary in enumerate(boundaries):
        if abs(boundary - value) < abs(boundaries[best] - value):
            best = number
    return best


def _cell_text(lines: list[_Line], *, right: float) -> tuple[str, bool]:
    if not lines:
        return "", False
    parts: list[str] = []
    for previous, line in zip([None, *lines[:-1]], lines, strict=True):
        if previous is not None:
            wrapped = previous.x1 + line.first_word_width() > right - _WRAP_SLACK
            if previous.hyphen_break or _broken_word(previous, right):
                pass  # a word too long for the column ("190/2025/QH1" + "5 ngày")
            elif wrapped:
                # The geometry wins over a leading "-": "- Phòng Hỗ trợ - HCTP" wraps too.
                parts.append(" ")
            else:
                parts.append("\n")
        parts.append(line.text)
    bold_lines = sum(1 for line in lines if line.bold)
    text = clean_text("".join(parts))
    compact = re.sub(r"\s+", "", text)
    if len(lines) > 1 and compact != text and is_code_like(compact):
        text = compact  # an STT wrapped in a narrow column: "1.1" / "0" is "1.10"
    return text, bold_lines * 10 >= len(lines) * 6


def _broken_word(line: _Line, right: float) -> bool:
    """A line holding one word that runs to the cell's edge: the writer broke the word."""
    text = line.text
    return " " not in text and len(text) >= 8 and line.x1 > right - _WRAP_SLACK * 1.5


# --- running text -----------------------------------------------------------------------------


def _lines(segments: list[_Segment]) -> list[_Line]:
    """Segments grouped into lines (top to bottom), each line's segments left to right."""
    lines: list[list[_Segment]] = []
    for segment in sorted(segments, key=lambda s: (round(s.middle), s.x0)):
        if lines:
            last = lines[-1]
            reference = last[0]
            tolerance = max(
                min(reference.bottom - reference.top, segment.bottom - segment.top) / 2, 1
            )
            if abs(segment.middle - reference.middle) <= tolerance:
                last.append(segment)
                continue
        lines.append([segment])
    return [_Line(sorted(line, key=lambda s: s.x0)) for line in lines]


def _split_columns(line: _Line) -> list[_Line]:
    """A line of a two-column header ("SỞ TƯ PHÁP ... CỘNG HÒA ...") is two blocks."""
    pieces: list[list[_Segment]] = [[line.segments[0]]]
    for segment in line.segments[1:]:
        if segment.x0 - pieces[-1][-1].x1 > _COLUMN_GAP:
            pieces.append([segment])
        else:
            pieces[-1].append(segment)
    return [_Line(piece) for piece in pieces]


def _paragraphs(segments: list[_Segment], height: float) -> list[tuple[float, TextBlock]]:
    lines = [
        piece
        for line in _lines(segments)
        if not _is_furniture(line, height)
        for piece in _split_columns(line)
    ]
    if not lines:
        return []
    left = min(line.x0 for line in lines)
    right = max(line.x1 for line in lines)
    heights = sorted(line.bottom - line.top for line in lines)
    line_height = heights[len(heights) // 2]
    paragraphs: list[tuple[float, list[_Line]]] = []
    for line in lines:
        if paragraphs and _continues(paragraphs[-1][1][-1], line, left, right, line_height):
            paragraphs[-1][1].append(line)
        else:
            paragraphs.append((line.top, [line]))
    blocks = []
    for top, group in paragraphs:
        text = clean_text(
            "".join(
                line.text + ("" if line.hyphen_break or line is group[-1] else " ")
                for line in group
            )
        )
        bold = sum(1 for line in group if line.bold) * 10 >= len(group) * 6
        blocks.append((top, TextBlock(text, bold)))
    return blocks


def _continues(previous: _Line, line: _Line, left: float, right: float, line_height: float) -> bool:
    if line.top - previous.bottom > line_height * 0.9 or line.top < previous.top:
        return False
    if abs(line.x0 - previous.x0) > _INDENT and line.x0 > left + _INDENT:
        return False  # an indented first line, or a centred line of another width
    if _LIST_START_RE.match(line.text):
        return False
    return previous.x1 + line.first_word_width() > right - _WRAP_SLACK


def _is_furniture(line: _Line, height: float) -> bool:
    near_edge = line.bottom < height * 0.1 or line.top > height * 0.9
    return near_edge and bool(_PAGE_NUMBER_RE.match(line.text))
