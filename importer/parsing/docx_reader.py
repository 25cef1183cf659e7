"""Read a plan (.docx): task tables, tasks assigned in prose, metadata, targets, budget lines.

The body is walked once through the lxml tree (python-docx's `table.rows[i].cells` is quadratic
on merged tables): each `w:tbl` becomes a grid of `Slot`s with gridSpan/vMerge resolved to the
underlying `w:tc`, so merged cells are recognised by identity, never by equal text.

Tables. Every table in the body is looked at, including nested ones and those after the
signature. A table whose header band names the columns (see `structure.header_role`) is a task
table. A table without a header continues the previous task table when it has the same number
of grid columns and nothing but empty paragraphs lies between them (a table split across
pages); a table with a repeated header continues the list the same way. Any other table is a
layout table: its paragraphs join the running text (header and signature blocks).

Prose tasks. Outside tables, a block of paragraphs followed by labelled lines
("Đơn vị chủ trì thực hiện: ...", "Đơn vị phối hợp thực hiện: ...", "Thời gian thực hiện: ...",
"Kết quả/Sản phẩm: ...") is one task: its content is the paragraphs since the previous heading
or labelled block (the heading's title when there are none), its code the nearest numbered
heading's number ("2.2"), its area the enclosing level-1 numbered heading ("2. Cải cách thủ
tục hành chính"), or the roman one when there is none. A block needs a lead or coordinating
label to become a task. A label with nothing after the colon takes the following short lines
(a list of units) as its value.

Narrative plans. Only when neither a task table row nor a labelled prose task was found, the
bullets under "Nhiệm vụ" headings are the tasks (`narrative.narrative_tasks`, source
"narrative", no units or deadlines: a warning asks the importer to choose them). Whatever the
tasks came from, the unit duties under "TỔ CHỨC THỰC HIỆN" are returned apart
(`narrative.unit_responsibilities`); when there is still no task, those duties are the tasks
(`narrative.stated_tasks`, with their lead and coordinating units). A body that says
"(Có phụ lục ... kèm theo)" while no task table was found gets a warning that the appendix is
not in the file.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from importer.parsing.assignment_sentences import read_assignment
from importer.parsing.document import (
    SOURCE_PROSE,
    SOURCE_TABLE,
    ImportFileError,
    ParsedDocument,
    RawRow,
    TextBlock,
    clean_text,
    match_key,
)
from importer.parsing.metadata import (
    Heading,
    extract_metadata,
    find_appendix_reference,
    find_budget_lines,
    find_target_sentences,
    heading_of,
    join_wrapped_indexed,
    split_label,
)
from importer.parsing.narrative import narrative_tasks, stated_tasks, unit_responsibilities
from importer.parsing.safety import KIND_DOCX, inspect_ooxml, read_limited
from importer.parsing.structure import (
    EXPECTED_HEADERS_TEXT,
    ROLE_COORD,
    ROLE_DEADLINE,
    ROLE_LEAD,
    ROLE_REQUIREMENT,
    Grid,
    Slot,
    TableLayout,
    TaskListBuilder,
    find_header,
    finish_rows,
    is_code_like,
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


W_P, W_R, W_T, W_TAB, W_BR, W_CR = _w("p"), _w("r"), _w("t"), _w("tab"), _w("br"), _w("cr")
W_TBL, W_TR, W_TC, W_SDT, W_SDT_CONTENT = (
    _w("tbl"),
    _w("tr"),
    _w("tc"),
    _w("sdt"),
    _w("sdtContent"),
)
W_PPR, W_RPR, W_PSTYLE, W_RSTYLE, W_B = _w("pPr"), _w("rPr"), _w("pStyle"), _w("rStyle"), _w("b")
W_TCPR, W_TRPR, W_GRIDSPAN, W_VMERGE = _w("tcPr"), _w("trPr"), _w("gridSpan"), _w("vMerge")
W_GRIDBEFORE, W_GRIDAFTER, W_TBLGRID, W_GRIDCOL = (
    _w("gridBefore"),
    _w("gridAfter"),
    _w("tblGrid"),
    _w("gridCol"),
)
W_VAL, W_TYPE = _w("val"), _w("type")
W_NUMPR, W_ILVL, W_NUMID = _w("numPr"), _w("ilvl"), _w("numId")
W_STYLE, W_STYLEID, W_BASEDON = _w("style"), _w("styleId"), _w("basedOn")
W_NOBREAKHYPHEN, W_SOFTHYPHEN = _w("noBreakHyphen"), _w("softHyphen")
MC_ALTERNATE, MC_CHOICE = f"{{{MC_NS}}}AlternateContent", f"{{{MC_NS}}}Choice"
# Run containers whose runs are part of the paragraph text. Deleted text (w:del) and text
# boxes (drawings) are not; mc:AlternateContent is read through its first choice only.
_RUN_CONTAINERS = {
    _w(name)
    for name in ("hyperlink", "ins", "smartTag", "fldSimple", "customXml", "moveTo", "bdo", "dir")
}
_FALSE = {"0", "false", "off", "none"}


def read_docx(data: bytes | BinaryIO, *, require_tasks: bool = True) -> ParsedDocument:
    """Parse an uploaded .docx plan.

    Raises ImportFileError when the file is unsafe or unreadable, and, unless `require_tasks`
    is False, when it holds neither a task table nor labelled prose tasks.
    """
    raw = read_limited(data)
    if inspect_ooxml(raw) != KIND_DOCX:
        raise ImportFileError("Tệp không phải văn bản Word (.docx).")
    try:
        document = Document(io.BytesIO(raw))
    except (PackageNotFoundError, KeyError, ValueError, etree.LxmlError, AttributeError) as exc:
        raise ImportFileError(
            "Không mở được tệp Word: tệp bị hỏng hoặc không đúng định dạng .docx."
        ) from exc
    reader = BodyReader(_Styles(document.styles.element))
    reader.read(document.element.body)
    return reader.result(require_tasks=require_tasks)


# --- text and bold ----------------------------------------------------------------------------


class _Styles:
    """Bold flag and list numbering of paragraph/character styles, following basedOn chains."""

    def __init__(self, styles: etree._Element) -> None:
        self._own: dict[str, bool | None] = {}
        self._own_num: dict[str, tuple[str | None, int | None]] = {}
        self._based_on: dict[str, str] = {}
        for style in styles.iter(W_STYLE):
            style_id = style.get(W_STYLEID)
            if not style_id:
                continue
            rpr = style.find(W_RPR)
            self._own[style_id] = _bold_value(rpr)
            self._own_num[style_id] = _num_pr(style.find(W_PPR))
            based = style.find(W_BASEDON)
            if based is not None and based.get(W_VAL):
                self._based_on[style_id] = based.get(W_VAL, "")
        self._cache: dict[str, bool] = {}
        self._num_cache: dict[str, tuple[str | None, int | None]] = {}

    def _chain(self, style_id: str) -> Iterator[str]:
        seen: set[str] = set()
        current: str | None = style_id
        while current and current not in seen:
            seen.add(current)
            yield current
            current = self._based_on.get(current)

    def bold(self, style_id: str | None) -> bool:
        if not style_id:
            return False
        if style_id not in self._cache:
            value = False
            for current in self._chain(style_id):
                own = self._own.get(current)
                if own is not None:
                    value = own
                    break
            self._cache[style_id] = value
        return self._cache[style_id]

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        """(numId, ilvl) a paragraph style gives its paragraphs ("List Bullet" styles)."""
        if not style_id:
            return None, None
        if style_id not in self._num_cache:
            num_id: str | None = None
            level: int | None = None
            for current in self._chain(style_id):
                own_id, own_level = self._own_num.get(current, (None, None))
                num_id = num_id if num_id is not None else own_id
                level = level if level is not None else own_level
            self._num_cache[style_id] = (num_id, level)
        return self._num_cache[style_id]


def _num_pr(ppr: etree._Element | None) -> tuple[str | None, int | None]:
    numpr = ppr.find(W_NUMPR) if ppr is not None else None
    if numpr is None:
        return None, None
    num_id = numpr.find(W_NUMID)
    ilvl = numpr.find(W_ILVL)
    level: int | None = None
    if ilvl is not None:
        try:
            level = max(int(ilvl.get(W_VAL, "0")), 0)
        except ValueError:
            level = 0
    return (num_id.get(W_VAL) if num_id is not None else None), level


def _bold_value(rpr: etree._Element | None) -> bool | None:
    if rpr is None:
        return None
    b = rpr.find(W_B)
    if b is None:
        return None
    return b.get(W_VAL, "true").lower() not in _FALSE


@dataclass
class _Paragraph:
    text: str
    bold_chars: int
    chars: int
    list_level: int | None = None

    @property
    def bold(self) -> bool:
        return self.chars > 0 and self.bold_chars * 10 >= self.chars * 6


def _iter_runs(parent: etree._Element) -> Iterator[etree._Element]:
    for child in parent:
        tag = child.tag
        if tag == W_R:
            yield child
        elif tag in _RUN_CONTAINERS:
            yield from _iter_runs(child)
        elif tag == W_SDT:
            content = child.find(W_SDT_CONTENT)
            if content is not None:
                yield from _iter_runs(content)
        elif tag == MC_ALTERNATE:
            choice = child.find(MC_CHOICE)
            if choice is not None:
                yield from _iter_runs(choice)


def _paragraph(p: etree._Element, styles: _Styles) -> _Paragraph:
    ppr = p.find(W_PPR)
    paragraph_bold = False
    style_id: str | None = None
    if ppr is not None:
        pstyle = ppr.find(W_PSTYLE)
        if pstyle is not None:
            style_id = pstyle.get(W_VAL)
            paragraph_bold = styles.bold(style_id)
    parts: list[str] = []
    bold_chars = chars = 0
    for run in _iter_runs(p):
        rpr = run.find(W_RPR)
        run_bold = _bold_value(rpr)
        if run_bold is None and rpr is not None:
            rstyle = rpr.find(W_RSTYLE)
            if rstyle is not None:
                run_bold = styles.bold(rstyle.get(W_VAL)) or None
        bold = paragraph_bold if run_bold is None else run_bold
        for child in run:
            tag = child.tag
            if tag == W_T:
                text = child.text or ""
                parts.append(text)
                visible = len(text.strip())
                chars += visible
                if bold:
                    bold_chars += visible
            elif tag == W_TAB:
                parts.append("\t")
            elif tag in (W_BR, W_CR):
                parts.append("\n")
            elif tag == W_NOBREAKHYPHEN:
                parts.append("-")
    return _Paragraph("".join(parts), bold_chars, chars, _list_level(ppr, style_id, styles))


def _list_level(ppr: etree._Element | None, style_id: str | None, styles: _Styles) -> int | None:
    """Word list level of an auto-numbered paragraph; numId 0 switches numbering off."""
    num_id, level = _num_pr(ppr)
    if num_id is None or level is None:
        style_num_id, style_level = styles.numbering(style_id)
        num_id = num_id if num_id is not None else style_num_id
        level = level if level is not None else style_level
    if num_id is None or num_id == "0":
        return None
    return level or 0


# --- tables -----------------------------------------------------------------------------------


def _cell_children(tc: etree._Element) -> Iterator[etree._Element]:
    for child in tc:
        if child.tag == W_SDT:
            content = child.find(W_SDT_CONTENT)
            if content is not None:
                yield from content
        else:
            yield child


def _table_rows(tbl: etree._Element) -> Iterator[etree._Element]:
    for child in tbl:
        if child.tag == W_TR:
            yield child
        elif child.tag == W_SDT:
            content = child.find(W_SDT_CONTENT)
            if content is not None:
                yield from (tr for tr in content if tr.tag == W_TR)


def _row_cells(tr: etree._Element) -> Iterator[etree._Element]:
    for child in tr:
        if child.tag == W_TC:
            yield child
        elif child.tag in (W_SDT, *_RUN_CONTAINERS):
            content = child.find(W_SDT_CONTENT) if child.tag == W_SDT else child
            if content is not None:
                yield from (tc for tc in content if tc.tag == W_TC)


def _int_val(parent: etree._Element | None, tag: str, default: int) -> int:
    if parent is None:
        return default
    element = parent.find(tag)
    if element is None:
        return default
    try:
        return max(int(element.get(W_VAL, default)), 0)
    except ValueError:
        return default


@dataclass
class _Table:
    element: etree._Element
    grid: Grid
    nested: list[etree._Element] = field(default_factory=list)
    cell_paragraphs: list[list[_Paragraph]] = field(default_factory=list)


def _build_table(tbl: etree._Element, styles: _Styles) -> _Table:
    grid: Grid = []
    table = _Table(tbl, grid)
    above: dict[int, Slot] = {}
    for tr in _table_rows(tbl):
        trpr = tr.find(W_TRPR)
        col = _int_val(trpr, W_GRIDBEFORE, 0)
        row: list[Slot | None] = [None] * col
        current: dict[int, Slot] = {}
        for tc in _row_cells(tr):
            tcpr = tc.find(W_TCPR)
            span = max(_int_val(tcpr, W_GRIDSPAN, 1), 1)
            vmerge = tcpr.find(W_VMERGE) if tcpr is not None else None
            continued = vmerge is not None and vmerge.get(W_VAL, "continue") == "continue"
            origin = above.get(col) if continued else None
            if origin is not None:
                slot = Slot(origin.origin, origin.text, origin.bold, continued=True)
            else:
                paragraphs = []
                for child in _cell_children(tc):
                    if child.tag == W_P:
                        paragraphs.append(_paragraph(child, styles))
                    elif child.tag == W_TBL:
                        table.nested.append(child)
                table.cell_paragraphs.append(paragraphs)
                text = clean_text("\n".join(p.text for p in paragraphs))
                chars = sum(p.chars for p in paragraphs)
                bold = chars > 0 and sum(p.bold_chars for p in paragraphs) * 10 >= chars * 6
                slot = Slot(tc, text, bold)
            for offset in range(span):
                row.append(slot)
                current[col + offset] = slot
            col += span
        grid_after = _int_val(trpr, W_GRIDAFTER, 0)
        row.extend([None] * grid_after)
        grid.append(row)
        above = current
    return table


def _grid_width(tbl: etree._Element, grid: Grid) -> int:
    declared = tbl.find(W_TBLGRID)
    declared_cols = len(declared.findall(W_GRIDCOL)) if declared is not None else 0
    return max(declared_cols, max((len(row) for row in grid), default=0))


# --- body walk --------------------------------------------------------------------------------


@dataclass
class _ProseState:
    headings: list[Heading] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    labels: dict[str, str] | None = None
    open_role: str | None = None
    order: int = 0
    pending_order: int = 0


class BodyReader:
    """Assembles a ParsedDocument from paragraphs and table grids fed in document order.

    The .docx walk below feeds it from the lxml tree; `pdf_reader` feeds it from page text
    and ruled tables, so both formats share the task-table, prose and narrative rules.
    """

    def __init__(self, styles: _Styles | None = None) -> None:
        self.styles = styles or _Styles(etree.Element(W_STYLE))
        self.blocks: list[TextBlock] = []
        self.block_order: list[int] = []
        self.builder = TaskListBuilder(SOURCE_TABLE)
        self.row_order: list[int] = []
        self.layout: TableLayout | None = None
        self.layout_width = 0
        self.text_since_table = True
        self.tables_seen = 0
        self.unrecognised_tables = 0
        self.warnings: list[str] = []
        self._order = 0

    def read(self, body: etree._Element) -> None:
        for child in body:
            self._visit(child, in_table=False)

    def _visit(self, element: etree._Element, *, in_table: bool) -> None:
        tag = element.tag
        if tag == W_P:
            paragraph = _paragraph(element, self.styles)
            self.add_text(
                TextBlock(
                    clean_text(paragraph.text), paragraph.bold, in_table, paragraph.list_level
                )
            )
        elif tag == W_TBL:
            self._visit_table(element)
        elif tag == W_SDT:
            content = element.find(W_SDT_CONTENT)
            if content is not None:
                for child in content:
                    self._visit(child, in_table=in_table)
        elif tag == MC_ALTERNATE:
            choice = element.find(MC_CHOICE)
            if choice is not None:
                for child in choice:
                    self._visit(child, in_table=in_table)
        elif tag in _RUN_CONTAINERS:
            for child in element:
                self._visit(child, in_table=in_table)

    def _visit_table(self, tbl: etree._Element) -> None:
        table = _build_table(tbl, self.styles)
        cell_blocks = [
            TextBlock(clean_text(paragraph.text), paragraph.bold, True, paragraph.list_level)
            for paragraphs in table.cell_paragraphs
            for paragraph in paragraphs
        ]
        self.add_table(table.grid, _grid_width(tbl, table.grid), cell_blocks)
        for nested in table.nested:
            self._visit_table(nested)

    # --- what every reader feeds in (the PDF reader too) ----------------------------------

    def add_text(self, block: TextBlock) -> None:
        """One paragraph of running text, in document order (empty ones are skipped)."""
        if not block.text:
            return
        self._order += 1
        self.blocks.append(block)
        self.block_order.append(self._order)
        self.text_since_table = True

    def add_table(self, grid: Grid, width: int, cell_blocks: list[TextBlock]) -> None:
        """One table: a task table (or its continuation), else a layout table read as text."""
        self.tables_seen += 1
        layout = find_header(grid)
        continues = not self.text_since_table and self.layout is not None
        if layout is not None:
            if not (continues and layout.same_columns(self.layout)):
                self.builder.break_continuity()
            self._add_rows(grid, layout, skip_header=True)
            self.layout, self.layout_width = layout, width
            self.text_since_table = False
        elif continues and self.layout is not None and width == self.layout_width:
            self._add_rows(grid, self.layout, skip_header=False)
            self.text_since_table = False
        else:
            if _looks_like_task_rows(grid):
                self.unrecognised_tables += 1
            for block in cell_blocks:
                self.add_text(block)
            self.text_since_table = True

    def _add_rows(self, grid: Grid, layout: TableLayout, *, skip_header: bool) -> None:
        before = len(self.builder.rows)
        self.builder.add_grid(grid, layout, skip_header=skip_header)
        for _ in range(len(self.builder.rows) - before):
            self._order += 1
            self.row_order.append(self._order)

    # --- result -------------------------------------------------------------------------------

    def result(self, *, require_tasks: bool) -> ParsedDocument:
        prose_rows, prose_order = _prose_tasks(self.blocks, self.block_order)
        ordered = sorted(
            [(order, row) for order, row in zip(self.row_order, self.builder.rows, strict=True)]
            + list(zip(prose_order, prose_rows, strict=True)),
            key=lambda pair: pair[0],
        )
        rows = [row for _, row in ordered]
        finish_rows(rows)
        metadata, warnings = extract_metadata(self.blocks)
        warnings = self.warnings + warnings
        appendix = find_appendix_reference(self.blocks) if not self.builder.rows else ""
        if not any(row.is_task for row in rows):
            # Tables and labelled prose win; bullets under "Nhiệm vụ" headings are the fallback.
            rows = narrative_tasks(self.blocks)
            if any(row.is_task for row in rows):
                warnings.append(_NARRATIVE_WARNING)
        responsibilities = unit_responsibilities(self.blocks)
        if not any(row.is_task for row in rows):
            # Last: the duties "TỔ CHỨC THỰC HIỆN" assigns ("Giao X chủ trì, phối hợp với Y").
            rows = stated_tasks(responsibilities)
            if rows:
                warnings.append(_STATED_WARNING)
        if not any(row.is_task for row in rows):
            if self.layout is not None:
                message = "Bảng nhiệm vụ trong tệp chỉ có hàng tiêu đề, không có nhiệm vụ nào."
            else:
                message = _no_tasks_message(self.tables_seen)
            if appendix:
                message += " " + _appendix_message(appendix)
            if require_tasks:
                raise ImportFileError(message)
            # First: a refusal names this cause, not a missing title (issue #13).
            warnings.insert(0, message)
        else:
            if self.layout is not None and not self.builder.rows:
                warnings.append(
                    "Bảng nhiệm vụ trong tệp chỉ có hàng tiêu đề, không có nhiệm vụ nào."
                )
            if appendix:
                warnings.append(_appendix_message(appendix))
            if self.unrecognised_tables:
                warnings.append(
                    f"Có {self.unrecognised_tables} bảng không có hàng tiêu đề nhận dạng được "
                    f"nên không được đọc. Hàng tiêu đề cần có các cột {EXPECTED_HEADERS_TEXT}."
                )
        return ParsedDocument(
            metadata=metadata,
            rows=rows,
            target_sentences=find_target_sentences(self.blocks),
            budget_lines=find_budget_lines(self.blocks),
            warnings=warnings,
            unit_responsibilities=responsibilities,
        )


_NARRATIVE_WARNING = (
    "Nhiệm vụ được đọc từ các gạch đầu dòng dưới mục “Nhiệm vụ” trong văn bản. Kế hoạch không "
    "ghi đơn vị chủ trì, đơn vị phối hợp và thời hạn cho từng nhiệm vụ: hãy chọn đơn vị và "
    "thời hạn ở bước xem trước."
)

_STATED_WARNING = (
    "Kế hoạch không có bảng hay danh sách nhiệm vụ: nhiệm vụ được đọc từ các câu giao việc "
    "trong mục “Tổ chức thực hiện”, mỗi câu (hoặc mỗi gạch đầu dòng của một đơn vị) là một "
    "nhiệm vụ. Kiểm tra đơn vị chủ trì, đơn vị phối hợp và chọn thời hạn ở bước xem trước."
)


def _appendix_message(phrase: str) -> str:
    return (
        f"Văn bản có ghi “{phrase}” nhưng phụ lục nhiệm vụ đó không có trong tệp này. "
        "Nếu phụ lục là một tệp riêng, hãy nhập tiếp tệp phụ lục (.docx hoặc .xlsx)."
    )


def _looks_like_task_rows(grid: Grid) -> bool:
    """A headerless table whose first column holds STT codes (ignored, but worth a warning)."""
    coded = sum(1 for row in grid if row and row[0] is not None and is_code_like(row[0].text))
    return len(grid) >= 2 and coded * 2 >= len(grid) and max(len(r) for r in grid) >= 3


def _no_tasks_message(tables: int) -> str:
    if tables:
        seen = f"Tệp có {tables} bảng nhưng không bảng nào có hàng tiêu đề phù hợp. "
    else:
        seen = "Tệp không có bảng nào. "
    return (
        "Không tìm thấy bảng nhiệm vụ trong tệp. "
        + seen
        + f"Bảng nhiệm vụ cần có hàng tiêu đề gồm các cột {EXPECTED_HEADERS_TEXT} "
        "(ít nhất cột nội dung và cột cơ quan chủ trì hoặc thời gian hoàn thành), "
        "hoặc nhiệm vụ ghi trong văn bản kèm dòng “Đơn vị chủ trì thực hiện: ...”."
    )


# --- prose tasks ------------------------------------------------------------------------------

_LABEL_ATTRS = {
    ROLE_LEAD: "lead_text",
    ROLE_COORD: "coordinating_text",
    ROLE_DEADLINE: "deadline_text",
    ROLE_REQUIREMENT: "requirement",
}


def _prose_tasks(blocks: list[TextBlock], orders: list[int]) -> tuple[list[RawRow], list[int]]:
    """Tasks written as headings and paragraphs followed by "Đơn vị chủ trì: ..." labels.

    A task's numbered heading is its title ("2.1. Công tác chỉ đạo, điều hành CCHC") unless
    it is a generic one ("1.2. Nhiệm vụ"); the numbered headings above it become section rows,
    so the preview shows the plan's structure. A numbered heading with paragraphs but no
    label line is kept as a task without units (flagged in the preview) when a sibling
    heading at its level in the same part of the plan carries labels: that is a task whose
    units the plan forgot, not an introduction.
    """
    if not any(split_label(block.text) for block in blocks):
        return [], []
    indexed = join_wrapped_indexed(blocks)
    joined = [block for _, block in indexed]
    joined_orders = [orders[first] for first, _ in indexed]
    items: list[tuple[int, int, RawRow]] = []  # (order, sequence, row)
    sections: set[int] = set()  # ids of the headings already added as section rows
    heading_order: dict[int, int] = {}
    labelled_levels: set[tuple[str, int]] = set()
    unlabelled: list[tuple[int, list[Heading], list[str]]] = []
    state = _ProseState()

    def add(order: int, row: RawRow) -> None:
        items.append((order, len(items), row))

    def add_sections(chain: list[Heading], below: Heading | None, order: int) -> None:
        for heading in chain:
            if heading is below or not heading.code or id(heading) in sections:
                continue
            if below is not None and heading.level >= below.level:
                continue
            sections.add(id(heading))
            add(heading_order.get(id(heading), order), _section_row(heading))

    def emit() -> None:
        labels = state.labels or {}
        if labels.get(ROLE_LEAD) or labels.get(ROLE_COORD):
            heading = _nearest_numbered(state.headings)
            add_sections(state.headings, heading, state.order)
            row = _prose_row(heading, state.pending, state.headings)
            for role, value in labels.items():
                setattr(row, _LABEL_ATTRS[role], value)
            add(state.order, row)
            if heading is not None:
                labelled_levels.add((_roman_of(state.headings), heading.level))
        state.labels, state.open_role, state.pending = None, None, []

    def leave_heading() -> None:
        heading = _nearest_numbered(state.headings)
        if (
            state.labels is None
            and state.pending
            and heading is not None
            and heading.level > 0
            and not match_key(heading.title).startswith(_NOT_TASK_HEADINGS)
        ):
            unlabelled.append((state.pending_order, list(state.headings), list(state.pending)))

    for index, block in enumerate(joined):
        if block.in_table:
            continue
        text = block.text
        next_text = joined[index + 1].text if index + 1 < len(joined) else ""
        label = split_label(text)
        if label is not None:
            role, value = label
            if state.labels is None:
                state.labels, state.order = {}, joined_orders[index]
            previous = state.labels.get(role, "")
            state.labels[role] = f"{previous}\n{value}".strip() if previous else value
            state.open_role = role if not value else None
            continue
        heading = heading_of(block, next_text)
        if state.labels is not None:
            if state.open_role and heading is None and _is_value_line(text, joined, index):
                role = state.open_role
                state.labels[role] = f"{state.labels[role]}\n{text}".strip()
                continue
            emit()
        if heading is not None:
            leave_heading()
            heading_order[id(heading)] = joined_orders[index]
            state.headings = [h for h in state.headings if h.level < heading.level] + [heading]
            state.pending = []
            continue
        if not state.pending:
            state.pending_order = joined_orders[index]
        state.pending.append(text)
    if state.labels is not None:
        emit()
    leave_heading()
    for order, chain, pending in unlabelled:
        heading = _nearest_numbered(chain)
        if heading is None or (_roman_of(chain), heading.level) not in labelled_levels:
            continue
        add_sections(chain, heading, order)
        row = _prose_row(heading, pending, chain)
        # No label line, but a sentence may still name the units ("Giao X chủ trì, ...").
        stated = next(filter(None, (read_assignment(text) for text in pending)), None)
        if stated is not None:
            row.lead_text, row.coordinating_text = stated.lead, stated.coordinating
        add(order, row)
    items.sort(key=lambda item: (item[0], item[1]))
    return [row for _, _, row in items], [order for order, _, _ in items]


# Headings whose paragraphs are never tasks: targets, purposes, requirements.
_NOT_TASK_HEADINGS = ("mục tiêu", "chỉ tiêu", "mục đích", "yêu cầu", "kết quả", "căn cứ")
# Headings that name a part of a plan, not a task ("1.2. Nhiệm vụ", "2. Giải pháp").
_GENERIC_HEADINGS = (
    "nhiệm vụ",
    "nhiệm vụ cụ thể",
    "nhiệm vụ trọng tâm",
    "nhiệm vụ, giải pháp",
    "giải pháp",
    "mục tiêu",
    "nội dung",
    "nội dung thực hiện",
)


def _prose_row(heading: Heading | None, pending: list[str], chain: list[Heading]) -> RawRow:
    title = heading.title if heading else ""
    if title and match_key(title).strip(" .:") in _GENERIC_HEADINGS:
        title = ""
    return RawRow(
        code=heading.code if heading else "",
        content="\n".join(pending) or (heading.title if heading else ""),
        title=title if pending else "",
        source=SOURCE_PROSE,
        area_hint=_area_of(chain),
    )


def _section_row(heading: Heading) -> RawRow:
    return RawRow(
        code=heading.code,
        content=heading.title,
        is_heading=True,
        source=SOURCE_PROSE,
        area_hint=heading.title,
    )


def _roman_of(chain: list[Heading]) -> str:
    return next((heading.code for heading in chain if heading.level == 0), "")


def _is_value_line(text: str, joined: list[TextBlock], index: int) -> bool:
    """A short list line after an empty label ("Đơn vị phối hợp:" / "- Phòng A;")."""
    for following in joined[index + 1 : index + 8]:
        if split_label(following.text):
            return True
        if heading_of(following) is not None:
            break
    return len(text) <= 100


def _nearest_numbered(headings: list[Heading]) -> Heading | None:
    for heading in reversed(headings):
        if heading.code:
            return heading
    return None


def _area_of(headings: list[Heading]) -> str:
    for heading in headings:
        if heading.level == 1:
            return heading.title
    for heading in headings:
        if heading.level == 0:
            return heading.title
    return ""
