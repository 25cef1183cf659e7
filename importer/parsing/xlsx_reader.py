"""Read a task list from an Excel workbook (.xlsx) or a CSV file.

Both become the same `Grid` the docx reader builds, so header words, continuation rows, section
rows and notes follow the rules in `structure`. Every sheet is scanned; the header row may sit
anywhere in its first 15 rows (title rows above it feed the metadata). Merged ranges are one
cell (the top-left value) wherever they reach. Formulas are read through their cached values;
a formula Excel never calculated gives a Vietnamese warning naming the cell and an empty value,
never the formula text.
"""

from __future__ import annotations

import csv
import io
import warnings as py_warnings
from datetime import date, datetime, time
from typing import Any, BinaryIO

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from common.spreadsheets import unescape_cell
from importer.parsing.document import (
    SOURCE_CSV,
    SOURCE_XLSX,
    ImportFileError,
    ParsedDocument,
    TextBlock,
    clean_text,
)
from importer.parsing.metadata import extract_metadata, find_budget_lines, find_target_sentences
from importer.parsing.safety import KIND_XLSX, decode_csv_bytes, inspect_ooxml, read_limited
from importer.parsing.structure import (
    EXPECTED_HEADERS_TEXT,
    Grid,
    Slot,
    TaskListBuilder,
    find_header,
    finish_rows,
)

HEADER_SCAN_ROWS = 15


def read_xlsx(data: bytes | BinaryIO) -> ParsedDocument:
    """Parse every sheet of an uploaded .xlsx for task tables."""
    raw = read_limited(data)
    if inspect_ooxml(raw) != KIND_XLSX:
        raise ImportFileError("Tệp không phải bảng tính Excel (.xlsx).")
    try:
        with py_warnings.catch_warnings():
            py_warnings.simplefilter("ignore")  # openpyxl warns on unknown extensions
            values = load_workbook(io.BytesIO(raw), data_only=True)
            formulas = load_workbook(io.BytesIO(raw), data_only=False)
    except Exception as exc:  # openpyxl raises many unrelated types on broken files
        raise ImportFileError(
            "Không mở được tệp Excel: tệp bị hỏng hoặc không đúng định dạng .xlsx."
        ) from exc
    warnings: list[str] = []
    grids: list[tuple[str, Grid]] = []
    for sheet in values.worksheets:
        if sheet.sheet_state != "visible":
            continue
        grids.append((sheet.title, _sheet_grid(sheet, formulas[sheet.title], warnings)))
    return _parse_grids(grids, SOURCE_XLSX, warnings)


def read_csv(data: bytes | BinaryIO) -> ParsedDocument:
    """Parse a CSV export (UTF-8, UTF-16 with BOM, or Windows-1258 with a warning)."""
    raw = read_limited(data)
    if not raw.strip():
        raise ImportFileError("Tệp CSV rỗng.")
    text, warnings = decode_csv_bytes(raw)
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    grid: Grid = []
    for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        row: list[Slot | None] = []
        for value in record:
            cleaned = clean_text(unescape_cell(value))
            row.append(Slot(object(), cleaned) if cleaned else None)
        grid.append(row)
    return _parse_grids([("CSV", grid)], SOURCE_CSV, warnings)


def _parse_grids(grids: list[tuple[str, Grid]], source: str, warnings: list[str]) -> ParsedDocument:
    builder = TaskListBuilder(source)
    blocks: list[TextBlock] = []
    found = False
    for _, grid in grids:
        layout = find_header(grid, scan_rows=HEADER_SCAN_ROWS)
        if layout is None:
            blocks.extend(_text_blocks(grid))
            continue
        found = True
        blocks.extend(_text_blocks(grid[: _first_header_row(grid, layout.header_rows)]))
        builder.break_continuity()
        builder.add_grid(grid, layout)
    if not found:
        raise ImportFileError(
            "Không tìm thấy bảng nhiệm vụ trong tệp: không trang tính nào có hàng tiêu đề gồm "
            f"các cột {EXPECTED_HEADERS_TEXT} (ít nhất cột nội dung và cột cơ quan chủ trì "
            "hoặc thời gian hoàn thành) trong 15 dòng đầu."
        )
    rows = builder.rows
    finish_rows(rows)
    metadata, _ = extract_metadata(blocks)
    if not metadata.title:
        metadata.title = _fallback_title(blocks)
    return ParsedDocument(
        metadata=metadata,
        rows=rows,
        target_sentences=find_target_sentences(blocks) if blocks else [],
        budget_lines=find_budget_lines(blocks) if blocks else [],
        warnings=warnings,
    )


def _first_header_row(grid: Grid, header_end: int) -> int:
    """Index of the first header row (rows above it are title lines)."""
    for index in range(header_end):
        if any(slot is not None and slot.text for slot in grid[index]):
            non_empty = {id(slot) for slot in grid[index] if slot is not None and slot.text}
            if len(non_empty) >= 2:
                return index
    return header_end


def _text_blocks(grid: Grid) -> list[TextBlock]:
    blocks = []
    for row in grid:
        seen: set[int] = set()
        for slot in row:
            if slot is None or not slot.text or id(slot) in seen or slot.continued:
                continue
            seen.add(id(slot))
            blocks.append(TextBlock(slot.text, slot.bold))
    return blocks


def _fallback_title(blocks: list[TextBlock]) -> str:
    for block in blocks:
        text = block.text.replace("\n", " ")
        key = text.casefold()
        if key.startswith(("phụ lục", "danh mục", "(kèm theo", "kèm theo")) and len(text) < 20:
            continue
        if key.startswith(("(kèm theo", "kèm theo")):
            continue
        if len(text) >= 10:
            return text
    return ""


def _sheet_grid(sheet: Worksheet, formula_sheet: Worksheet, warnings: list[str]) -> Grid:
    max_row, max_col = sheet.max_row, sheet.max_column
    merged: dict[tuple[int, int], tuple[int, int]] = {}
    for cell_range in sheet.merged_cells.ranges:
        for row in range(cell_range.min_row, cell_range.max_row + 1):
            for col in range(cell_range.min_col, cell_range.max_col + 1):
                merged[(row, col)] = (cell_range.min_row, cell_range.min_col)
    slots: dict[tuple[int, int], Slot] = {}
    grid: Grid = []
    for row_index, row_cells in enumerate(
        sheet.iter_rows(min_row=1, max_row=max_row, max_col=max_col), start=1
    ):
        row: list[Slot | None] = []
        for col_index, cell in enumerate(row_cells, start=1):
            origin = merged.get((row_index, col_index), (row_index, col_index))
            slot = slots.get(origin)
            if slot is None:
                source = cell if origin == (row_index, col_index) else sheet.cell(*origin)
                text = _cell_text(source.value)
                if source.value is None:
                    formula = formula_sheet.cell(*origin).value
                    if isinstance(formula, str) and formula.startswith("="):
                        coordinate = f"{get_column_letter(origin[1])}{origin[0]}"
                        warnings.append(
                            f"Ô {coordinate} (trang tính “{sheet.title}”) chứa công thức chưa "
                            "có giá trị tính sẵn nên được để trống. Vui lòng mở tệp bằng Excel, "
                            "lưu lại rồi tải lên lại."
                        )
                font = source.font
                slot = Slot(origin, text, bool(font is not None and font.b))
                slots[origin] = slot
                row.append(slot if text else None)
            elif origin[0] != row_index:
                continued = Slot(slot.origin, slot.text, slot.bold, continued=True)
                row.append(continued if slot.text else None)
            else:
                row.append(slot if slot.text else None)
        grid.append(row)
    return _share_vertical_continuations(grid)


def _share_vertical_continuations(grid: Grid) -> Grid:
    """Horizontally merged cells of a continuation row must be one Slot object per row."""
    for row in grid:
        by_origin: dict[object, Slot] = {}
        for index, slot in enumerate(row):
            if slot is None:
                continue
            first = by_origin.setdefault(slot.origin, slot)
            row[index] = first
    return grid


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return clean_text(unescape_cell(str(value)))
