"""The PAR Index criteria table (Chỉ số CCHC) read from spreadsheet rows (pure, no Django).

Columns: STT, criterion, maximum score, scoring guidance, required evidence (found by their
header words, else in that order). STT gives the tree:

- Roman numerals ("I", "II.") are lĩnh vực; then "1", "2" are tiêu chí and "1.1" tiêu chí
  thành phần;
- without Roman numerals, "1" is a lĩnh vực, "1.1" a tiêu chí, "1.1.1" a tiêu chí thành phần;
- a letter ("a", "b)") is a part of the numbered row above it.

Refusals are errors (the import is all-or-nothing): an STT that is not one of these, the same
STT twice, a row whose parent is missing, a missing name, a maximum score that is not a
number ≥ 0. A parent whose children's maxima do not add up to its own is a warning.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

__all__ = ["CriteriaTable", "CriterionRow", "parse_criteria"]

MAX_DEPTH = 3
_ROMAN_RE = re.compile(r"^(?=[ivxlc]+$)(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_NUMBER_RE = re.compile(r"^\d+(?:\.\d+)*$")
_LETTER_RE = re.compile(r"^[a-zđ]$")
_HEADERS = {
    "code": ("stt", "so thu tu"),
    "title": ("tieu chi", "linh vuc", "noi dung"),
    "max_score": ("diem toi da", "diem chuan", "thang diem", "toi da"),
    "guidance": ("huong dan", "cach cham", "phuong phap"),
    "evidence": ("tai lieu kiem chung", "kiem chung", "minh chung"),
}


@dataclass(frozen=True)
class CriterionRow:
    code: str  # the path, unique in the table ("II.1.2")
    label: str  # the STT as written ("1.2")
    title: str
    max_score: Decimal
    guidance: str
    evidence: str
    depth: int  # 0 lĩnh vực, 1 tiêu chí, 2 tiêu chí thành phần
    parent_code: str | None
    line: int  # 1-based row number in the sheet, for messages


@dataclass
class CriteriaTable:
    rows: list[CriterionRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def total_max(self) -> Decimal:
        return sum((row.max_score for row in self.rows if row.depth == 0), Decimal(0))


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _clean(value: object) -> str:
    text = "" if value is None else str(value)
    return " ".join(unicodedata.normalize("NFC", text).split())


def _score(text: str) -> Decimal | None:
    written = text.replace(" ", "")
    if re.fullmatch(r"\d+(?:[.,]\d+)?", written) is None:
        return None
    try:
        return Decimal(written.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern forbids it
        return None


def _columns(header: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = _fold(cell)
        for name, words in _HEADERS.items():
            if name not in found and any(key.startswith(w) or w in key for w in words):
                found[name] = index
                break
    if "code" in found and "title" in found and "max_score" in found:
        return found
    return {name: position for position, name in enumerate(_HEADERS)}


def _header_index(rows: Sequence[Sequence[str]]) -> int | None:
    for index, row in enumerate(rows[:20]):
        if row and _fold(row[0]) in ("stt", "so thu tu", "tt"):
            return index
    return None


def _cell(row: Sequence[str], index: int | None) -> str:
    return row[index] if index is not None and index < len(row) else ""


@dataclass
class _Place:
    """Where the rows read so far leave the next one: the current lĩnh vực and numbered row."""

    roman: bool
    section: str | None = None
    numbered: str | None = None


def _position(
    label: str, place: _Place, depths: dict[str, int]
) -> tuple[str, str | None, int] | None:
    """(path, parent path, depth) of the row whose STT is ``label``; None if it is no STT."""
    key = _fold(label)
    if place.roman and _ROMAN_RE.match(key):
        place.section = label.upper()
        return place.section, None, 0
    if _NUMBER_RE.match(label):
        parts = label.split(".")
        prefix = [place.section] if place.roman and place.section else []
        path = ".".join([*prefix, *parts])
        parent_parts = [*prefix, *parts[:-1]]
        parent = ".".join(parent_parts) if parent_parts else None
        place.numbered = path
        return path, parent, len(parts) - 1 + (1 if place.roman else 0)
    if _LETTER_RE.match(key) and place.numbered in depths:
        return f"{place.numbered}.{key}", place.numbered, depths[place.numbered] + 1
    return None


def parse_criteria(raw_rows: Sequence[Sequence[object]]) -> CriteriaTable:
    """The criteria of ``raw_rows`` (a sheet's cells, header row included) with any errors."""
    rows = [[_clean(cell) for cell in row] for row in raw_rows]
    table = CriteriaTable()
    header = _header_index(rows)
    if header is None:
        table.errors.append("Không tìm thấy dòng tiêu đề bắt đầu bằng cột “STT”.")
        return table
    columns = _columns(rows[header])
    body = list(enumerate(rows[header + 1 :], start=header + 2))
    labels = [_cell(row, columns["code"]).rstrip(".)").strip() for _, row in body]
    place = _Place(roman=any(_ROMAN_RE.match(_fold(label)) for label in labels if label))
    seen: dict[str, int] = {}
    depths: dict[str, int] = {}
    for (line, row), label in zip(body, labels, strict=True):
        if not any(row):
            continue
        position = _position(label, place, depths)
        if position is None:
            table.errors.append(f"Dòng {line}: STT “{label}” không đúng dạng I, 1, 1.1 hoặc a.")
            continue
        path, parent, depth = position
        problem = _problem(line, path, parent, depth, seen, row, columns)
        if problem:
            table.errors.append(problem)
            continue
        seen[path] = line
        depths[path] = depth
        table.rows.append(
            CriterionRow(
                code=path,
                label=label,
                title=_cell(row, columns["title"]),
                max_score=_score(_cell(row, columns.get("max_score"))) or Decimal(0),
                guidance=_cell(row, columns.get("guidance")),
                evidence=_cell(row, columns.get("evidence")),
                depth=depth,
                parent_code=parent,
                line=line,
            )
        )
    if not table.rows and not table.errors:
        table.errors.append("Bảng không có tiêu chí nào.")
    _check_sums(table)
    return table


def _problem(line, path, parent, depth, seen, row, columns) -> str:
    if depth >= MAX_DEPTH:
        return f"Dòng {line}: tiêu chí “{path}” lồng quá ba cấp."
    if path in seen:
        return f"Dòng {line}: STT “{path}” trùng với dòng {seen[path]}."
    if parent is not None and parent not in seen:
        return f"Dòng {line}: tiêu chí “{path}” không có mục cha “{parent}”."
    if not _cell(row, columns["title"]):
        return f"Dòng {line}: thiếu tên tiêu chí."
    if _score(_cell(row, columns.get("max_score"))) is None:
        return f"Dòng {line}: điểm tối đa của “{path}” phải là số từ 0 trở lên."
    return ""


def _check_sums(table: CriteriaTable) -> None:
    children: dict[str, Decimal] = {}
    for row in table.rows:
        if row.parent_code is not None:
            children[row.parent_code] = children.get(row.parent_code, Decimal(0)) + row.max_score
    for row in table.rows:
        total = children.get(row.code)
        if total is not None and total != row.max_score:
            table.warnings.append(
                f"Tiêu chí “{row.code}”: điểm tối đa {row.max_score} nhưng các tiêu chí con cộng"
                f" lại {total}."
            )
