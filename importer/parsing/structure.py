"""Task hierarchy from STT codes.

Rules (in document order):
- Roman numerals (I, II., IV) are top level and open a new scope: arabic numbering that
  restarts under a new roman section is a different task ("I/1" is not "II/1").
- "1", "2." sit under the current roman section (or at the top when there is none);
  "1.1" under the nearest earlier "1", "2.1.1" under "2.1" (falling back to a shorter prefix,
  then to the roman section, when an intermediate row is missing).
- "a)", "b." sit under the previous arabic-numbered row; "-", "+", "•" under the previous
  arabic- or letter-numbered row.
- A section heading with no code (a bold "Lĩnh vực ..." row) scopes the numbering below it
  like a roman section does, inside the current roman section.
- Any other row with no code, or an unrecognised one, is a sibling of the row before it (a
  child when the row before is a section heading).

Every row gets a `path`: the stable key the integration step uses to update a plan by STT on
re-import. It is the roman scope plus the normalised code ("II/1.2", or "1.2" when the plan has
no roman sections); letters and bullets hang under their parent ("II/1.2/a", "II/1.2/-2");
rows without a code get an ordinal under their parent ("II/#3"). A path seen twice gets "~2",
"~3", ... so keys stay unique.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from importer.parsing.document import RawRow, match_key, one_line

_ROMAN_RE = re.compile(r"^(?=[IVXLC])M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})[.)]?$")
_NUMBER_RE = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)[.)]?$")
_LETTER_RE = re.compile(r"^([a-zđ])[.)]$")
_BULLET_RE = re.compile(r"^[-+•*–]$")

KIND_ROMAN = "roman"
KIND_NUMBER = "number"
KIND_LETTER = "letter"
KIND_BULLET = "bullet"
KIND_NONE = "none"
KIND_OTHER = "other"


@dataclass(frozen=True)
class CodeInfo:
    kind: str
    key: str  # normalised code: "II", "1.2", "a", "-", ""
    depth: int = 0  # number of dot-separated parts for arabic codes


def parse_code(code: str) -> CodeInfo:
    """Classify an STT cell as written ("II.", "1.2", "a)", "-")."""
    text = code.strip().replace(" ", "")
    if not text:
        return CodeInfo(KIND_NONE, "")
    if _ROMAN_RE.match(text):
        return CodeInfo(KIND_ROMAN, text.rstrip(".)"))
    match = _NUMBER_RE.match(text)
    if match:
        key = ".".join(str(int(part)) for part in match.group(1).split("."))
        return CodeInfo(KIND_NUMBER, key, key.count(".") + 1)
    match = _LETTER_RE.match(text)
    if match:
        return CodeInfo(KIND_LETTER, match.group(1))
    if _BULLET_RE.match(text):
        return CodeInfo(KIND_BULLET, "-" if text != "+" else "+")
    return CodeInfo(KIND_OTHER, text)


def is_code_like(text: str) -> bool:
    """True when a cell holds nothing but an STT code."""
    return parse_code(text).kind not in (KIND_NONE, KIND_OTHER)


def assign_parents(rows: Iterable[RawRow]) -> None:
    """Set `parent_code`, `parent_path` and `path` on every row, in place."""
    scope = ""  # path of the current roman section
    numbered: dict[str, RawRow] = {}  # arabic key -> row, within the current roman scope
    last_numbered: RawRow | None = None
    last_lettered: RawRow | None = None
    previous: RawRow | None = None
    seen_paths: dict[str, int] = {}
    ordinals: dict[tuple[str, str], int] = {}

    def unique(path: str) -> str:
        count = seen_paths.get(path, 0) + 1
        seen_paths[path] = count
        return path if count == 1 else f"{path}~{count}"

    def ordinal(parent_path: str, marker: str) -> int:
        ordinals[(parent_path, marker)] = ordinals.get((parent_path, marker), 0) + 1
        return ordinals[(parent_path, marker)]

    scope_row: RawRow | None = None
    roman_row: RawRow | None = None
    by_path: dict[str, RawRow] = {}
    for row in rows:
        info = parse_code(row.code)
        parent: RawRow | None
        if info.kind == KIND_ROMAN:
            parent = None
            row.path = unique(info.key)
            scope, scope_row, roman_row = row.path, row, row
            numbered, last_numbered, last_lettered = {}, None, None
        elif info.kind == KIND_NUMBER:
            parts = info.key.split(".")
            parent = scope_row
            for cut in range(len(parts) - 1, 0, -1):
                candidate = numbered.get(".".join(parts[:cut]))
                if candidate is not None:
                    parent = candidate
                    break
            row.path = unique(f"{scope}/{info.key}" if scope else info.key)
            numbered[info.key] = row
            last_numbered, last_lettered = row, None
        elif info.kind == KIND_LETTER:
            parent = last_numbered or scope_row
            base = parent.path if parent else ""
            row.path = unique(f"{base}/{info.key}" if base else info.key)
            last_lettered = row
        elif info.kind == KIND_BULLET:
            parent = last_lettered or last_numbered or scope_row
            base = parent.path if parent else ""
            n = ordinal(base, info.key)
            row.path = unique(f"{base}/{info.key}{n}" if base else f"{info.key}{n}")
        elif row.is_section:
            # An unnumbered section heading scopes the numbering below it, like a roman one,
            # but sits inside the current roman section.
            parent = roman_row
            base = parent.path if parent else ""
            n = ordinal(base, "#")
            row.path = unique(f"{base}/#{n}" if base else f"#{n}")
            scope, scope_row = row.path, row
            numbered, last_numbered, last_lettered = {}, None, None
        else:
            if previous is None:
                parent = scope_row
            elif previous.is_section:
                parent = previous
            else:
                parent = by_path.get(previous.parent_path or "")
            base = parent.path if parent else ""
            marker = "#" if info.kind == KIND_NONE else info.key
            n = ordinal(base, marker)
            label = f"#{n}" if info.kind == KIND_NONE else info.key
            row.path = unique(f"{base}/{label}" if base else label)
        row.parent_path = parent.path if parent else None
        row.parent_code = (parse_code(parent.code).key or None) if parent else None
        by_path[row.path] = row
        previous = row


# --- task tables: header columns, continuation rows, section rows ------------------------------
#
# The docx and xlsx/csv readers turn their tables into a `Grid` (rows x grid columns of `Slot`s,
# a merged cell repeating the same Slot, identified by `origin`) and hand it to
# `find_header` / `TaskListBuilder`, so both formats follow the same rules:
#
# Continuation rows (empty STT). A table split across pages often leaves the tail of a row in
# a row of its own. Such a row is folded into the previous row when
#   - it has no content (only units/deadline/notes), or its content cell is the same merged
#     cell as the previous row's, or its content starts in lower case (a sentence cut mid-way);
#   - otherwise when it carries no unit or deadline of its own (content only);
#   - otherwise (own content starting in upper case AND own units/deadline) it is a separate
#     task with an empty code when the previous row already had units or a deadline, or was a
#     heading, or ended its sentence; only a previous task with no units and an unfinished
#     sentence absorbs it.
#   A bold row after a non-bold row is never a continuation (unnumbered section heading).
#   Folded cells are joined with a space when the sentence continues (lower-case start, no
#   closing punctuation) and with a newline otherwise; a merged cell is never added twice.
# Section rows. A row is a heading when its content is bold, its code is a roman numeral, or
#   one merged cell spans the content and every unit/deadline column. A heading that carries a
#   lead, coordinating unit or deadline is a task (is_heading, not is_section). A plain row
#   with no units whose code is the parent of the next row's code ("1." before "1.1") is a
#   section too, so unformatted files still get their structure.
# Notes. One merged cell spanning two or more of the lead/coordinating/deadline columns, a lead
#   cell that starts with "Theo ..." while the other two are empty, and a "Ghi chú" column go to
#   RawRow.notes, never to units.

ROLE_CODE = "code"
ROLE_CONTENT = "content"
ROLE_LEAD = "lead"
ROLE_COORD = "coordinating"
ROLE_DEADLINE = "deadline"
ROLE_REQUIREMENT = "requirement"
ROLE_NOTE = "note"
UNIT_ROLES = (ROLE_LEAD, ROLE_COORD, ROLE_DEADLINE)

EXPECTED_HEADERS_TEXT = (
    "“STT”, “Nội dung công việc”, “Cơ quan chủ trì”, “Cơ quan phối hợp”, “Thời gian hoàn thành”"
)

_CODE_HEADER_RE = re.compile(r"^(số\s*)?(s\.?\s*tt|tt|thứ tự|stt)\.?$")
_CONTENT_PREFIXES = (
    "nội dung",
    "nhiệm vụ",
    "các nhiệm vụ",
    "tên nhiệm vụ",
    "tên công việc",
    "lĩnh vực",
    "tiêu chí",
    "công việc",
    "hoạt động",
    "giải pháp",
    "danh mục",
)
_DEADLINE_WORDS = ("thời gian", "thời hạn", "hạn hoàn thành", "tiến độ", "mốc hoàn thành")
_REQUIREMENT_PREFIXES = ("yêu cầu", "kết quả", "sản phẩm", "dự kiến kết quả", "dự kiến sản phẩm")
_COLUMN_NUMBER_RE = re.compile(r"^\(?\d{1,2}\)?$")
_CODE_IN_TEXT_RE = re.compile(
    r"^(?P<code>[IVXLC]+\.|\d{1,3}(?:\.\d{1,3})*[.)]?|[a-zđ]\))\s+(?P<rest>\S.*)$", re.DOTALL
)
_SENTENCE_END = (".", ";", ":", "!", "?", "…")
_BULLET_START = ("-", "+", "•", "*", "–", "—")


@dataclass
class Slot:
    """One grid position of a table row. Horizontally merged cells share one Slot object."""

    origin: object  # identity of the underlying cell (docx w:tc, xlsx merge range, ...)
    text: str
    bold: bool = False
    continued: bool = False  # vertical-merge continuation of the cell above


Grid = list[list[Slot | None]]


@dataclass
class TableLayout:
    """Where the recognised columns are and how many header rows precede the data."""

    columns: dict[str, int]
    header_rows: int
    width: int

    def same_columns(self, other: TableLayout | None) -> bool:
        return other is not None and other.columns == self.columns


def header_role(text: str) -> str | None:
    """Column role of a header cell, by its words (never by position)."""
    key = match_key(text).strip(" .:*")
    if not key or len(key) > 90:
        return None
    if _CODE_HEADER_RE.match(key):
        return ROLE_CODE
    if "chủ trì" in key:
        return ROLE_LEAD
    if "phối hợp" in key:
        return ROLE_COORD
    if any(word in key for word in _DEADLINE_WORDS):
        return ROLE_DEADLINE
    if key.startswith(_CONTENT_PREFIXES):
        return ROLE_CONTENT
    if key.startswith(_REQUIREMENT_PREFIXES) or "kết quả" in key or "sản phẩm" in key:
        return ROLE_REQUIREMENT
    if key.startswith("ghi chú"):
        return ROLE_NOTE
    if "nội dung" in key or ("nhiệm vụ" in key and not key.startswith("phân công")):
        return ROLE_CONTENT
    return None


def _new_slots(row: list[Slot | None]) -> list[Slot]:
    """Distinct, non-continued, non-empty cells of a row, in column order."""
    seen: set[int] = set()
    out = []
    for slot in row:
        if slot is None or slot.continued or not slot.text or id(slot) in seen:
            continue
        seen.add(id(slot))
        out.append(slot)
    return out


def is_column_number_row(row: list[Slot | None]) -> bool:
    """The "1 2 3 4 5" / "(1) (2) (3)" row printed under some headers."""
    slots = _new_slots(row)
    return len(slots) >= 3 and all(_COLUMN_NUMBER_RE.match(slot.text) for slot in slots)


def _is_header_like(row: list[Slot | None]) -> bool:
    slots = _new_slots(row)
    if not slots or any(len(slot.text) > 90 or is_code_like(slot.text) for slot in slots):
        return False
    return any(header_role(slot.text) for slot in slots)


def find_header(grid: Grid, *, scan_rows: int = 15) -> TableLayout | None:
    """Locate the header band (1-3 rows) of a task table, or None."""
    width = max((len(row) for row in grid), default=0)
    for start in range(min(scan_rows, len(grid))):
        if not _is_header_like(grid[start]):
            continue
        end = start + 1
        while end < len(grid) and end - start < 3:
            if _is_header_like(grid[end]) or _only_continued(grid[end]):
                end += 1
            else:
                break
        columns = _column_roles(grid[start:end], width)
        if ROLE_CONTENT in columns and (ROLE_LEAD in columns or ROLE_DEADLINE in columns):
            while end < len(grid) and is_column_number_row(grid[end]):
                end += 1
            return TableLayout(columns=columns, header_rows=end, width=width)
    return None


def _only_continued(row: list[Slot | None]) -> bool:
    return all(slot is None or slot.continued or not slot.text for slot in row) and any(
        slot is not None and slot.continued for slot in row
    )


def _column_roles(band: Grid, width: int) -> dict[str, int]:
    columns: dict[str, int] = {}
    for col in range(width):
        # The lowest header row is the most specific ("Cơ quan chủ trì" under "Phân công").
        for row in reversed(band):
            slot = row[col] if col < len(row) else None
            role = header_role(slot.text) if slot is not None else None
            if role:
                columns.setdefault(role, col)
                break
    return columns


def _is_repeated_header(row: list[Slot | None], layout: TableLayout) -> bool:
    if not _is_header_like(row):
        return False
    hits = 0
    for role, col in layout.columns.items():
        slot = row[col] if col < len(row) else None
        if slot is not None and header_role(slot.text) == role:
            hits += 1
    return hits >= min(3, len(layout.columns))


def smart_join(first: str, second: str) -> str:
    """Join two fragments of one cell split across rows/pages."""
    if not first:
        return second
    if not second:
        return first
    if first.endswith(_SENTENCE_END) or second.startswith(_BULLET_START) or second[0].isupper():
        return f"{first}\n{second}"
    return f"{first} {second}"


@dataclass
class _RowCells:
    code: str
    texts: dict[str, str]
    origins: dict[str, object]
    notes: list[str]
    bold: bool
    spans_all: bool
    content_continued: bool

    @property
    def has_units(self) -> bool:
        return any(self.texts.get(role) for role in UNIT_ROLES)


def _read_cells(row: list[Slot | None], layout: TableLayout) -> _RowCells:
    def slot_of(role: str) -> Slot | None:
        col = layout.columns.get(role)
        return row[col] if col is not None and col < len(row) else None

    slots = {role: slot_of(role) for role in layout.columns}
    texts = {role: (slot.text if slot else "") for role, slot in slots.items()}
    origins = {role: (slot.origin if slot else None) for role, slot in slots.items()}
    content_slot = slots.get(ROLE_CONTENT)
    code_slot = slots.get(ROLE_CODE)
    notes: list[str] = []

    unit_slots = [slots[role] for role in UNIT_ROLES if slots.get(role) is not None]
    spans_all = (
        content_slot is not None
        and bool(unit_slots)
        and all(slot is content_slot for slot in unit_slots)
    )
    code = texts.get(ROLE_CODE, "")
    if code_slot is not None and code_slot.continued:
        code = ""
    if spans_all or (code_slot is not None and code_slot is content_slot):
        code, texts[ROLE_CONTENT] = _split_code(texts.get(ROLE_CONTENT, ""))
        for role in UNIT_ROLES:
            texts[role] = ""
    elif not is_code_like(code) and code and not texts.get(ROLE_CONTENT):
        # A wide section title typed into the STT cell.
        code, texts[ROLE_CONTENT] = _split_code(code)
    if not spans_all:
        shared = [s for s in unit_slots if sum(1 for o in unit_slots if o is s) > 1 and s.text]
        if shared and shared[0] is not content_slot:
            notes.append(shared[0].text)
            for role in UNIT_ROLES:
                if slots.get(role) is shared[0]:
                    texts[role] = ""
        lead = texts.get(ROLE_LEAD, "")
        if (
            lead
            and match_key(lead).startswith("theo ")
            and not texts.get(ROLE_COORD)
            and not texts.get(ROLE_DEADLINE)
        ):
            notes.append(lead)
            texts[ROLE_LEAD] = ""
    if texts.get(ROLE_NOTE):
        notes.append(texts[ROLE_NOTE])
    bold_slot = content_slot if content_slot is not None and content_slot.text else code_slot
    return _RowCells(
        code=code,
        texts=texts,
        origins=origins,
        notes=notes,
        bold=bool(bold_slot and bold_slot.bold),
        spans_all=spans_all,
        content_continued=bool(content_slot and content_slot.continued),
    )


def _split_code(text: str) -> tuple[str, str]:
    match = _CODE_IN_TEXT_RE.match(text)
    if match and is_code_like(match.group("code")):
        return match.group("code"), match.group("rest").strip()
    return "", text


class TaskListBuilder:
    """Turns the data rows of one or more task tables into RawRows (see rules above)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.rows: list[RawRow] = []
        self.continuation_merges = 0
        self._previous: RawRow | None = None
        self._previous_origins: dict[str, object] = {}
        self._previous_bold = False
        self._heading_ids: set[int] = set()

    def break_continuity(self) -> None:
        """The next table is a separate list: its first row cannot continue the last one."""
        self._previous = None

    def add_grid(self, grid: Grid, layout: TableLayout, *, skip_header: bool = True) -> None:
        for index, row in enumerate(grid):
            if skip_header and index < layout.header_rows:
                continue
            self.add_row(row, layout)

    def add_row(self, row: list[Slot | None], layout: TableLayout) -> None:
        if not _new_slots(row) or is_column_number_row(row) or _is_repeated_header(row, layout):
            return
        cells = _read_cells(row, layout)
        content = cells.texts.get(ROLE_CONTENT, "")
        requirement = cells.texts.get(ROLE_REQUIREMENT, "")
        if not (cells.code or content or cells.has_units or cells.notes or requirement):
            return
        if self._continues_previous(cells):
            self._fold(cells)
            return
        is_heading = cells.bold or cells.spans_all or parse_code(cells.code).kind == KIND_ROMAN
        new = RawRow(
            code=cells.code,
            content=content,
            lead_text=cells.texts.get(ROLE_LEAD, ""),
            coordinating_text=cells.texts.get(ROLE_COORD, ""),
            deadline_text=cells.texts.get(ROLE_DEADLINE, ""),
            requirement=cells.texts.get(ROLE_REQUIREMENT, ""),
            is_heading=is_heading,
            notes=list(cells.notes),
            source=self.source,
        )
        self.rows.append(new)
        self._previous = new
        self._previous_origins = dict(cells.origins)
        self._previous_bold = cells.bold

    def _continues_previous(self, cells: _RowCells) -> bool:
        previous = self._previous
        if previous is None or cells.code or cells.spans_all:
            return False
        content = cells.texts.get(ROLE_CONTENT, "")
        if not content or cells.content_continued:
            return True
        if content[0].islower():
            return True
        if cells.bold and not self._previous_bold:
            return False
        if not cells.has_units:
            return True
        previous_has_units = bool(
            previous.lead_text or previous.coordinating_text or previous.deadline_text
        )
        if previous_has_units or previous.is_heading:
            return False
        return not previous.content.endswith(_SENTENCE_END)

    def _fold(self, cells: _RowCells) -> None:
        previous = self._previous
        assert previous is not None
        for role, attr in (
            (ROLE_CONTENT, "content"),
            (ROLE_LEAD, "lead_text"),
            (ROLE_COORD, "coordinating_text"),
            (ROLE_DEADLINE, "deadline_text"),
            (ROLE_REQUIREMENT, "requirement"),
        ):
            text = cells.texts.get(role, "")
            origin = cells.origins.get(role)
            if not text or (origin is not None and origin == self._previous_origins.get(role)):
                continue
            setattr(previous, attr, smart_join(getattr(previous, attr), text))
            self._previous_origins[role] = origin
        previous.notes.extend(note for note in cells.notes if note not in previous.notes)
        previous.merged_rows += 1
        self.continuation_merges += 1


def finish_rows(rows: list[RawRow]) -> None:
    """Decide sections, number positions, assign hierarchy and area hints, in place."""
    for index, row in enumerate(rows):
        row.position = index
        has_units = bool(row.lead_text or row.coordinating_text or row.deadline_text)
        if not row.is_heading and not has_units and not row.notes and not row.requirement:
            info = parse_code(row.code)
            following = parse_code(rows[index + 1].code) if index + 1 < len(rows) else None
            if (
                info.kind == KIND_NUMBER
                and following is not None
                and following.kind == KIND_NUMBER
                and following.key.startswith(info.key + ".")
                and row.source != "prose"
            ):
                row.is_heading = True
        row.is_section = row.is_heading and not has_units
    assign_parents(rows)
    by_path = {row.path: row for row in rows}
    for row in rows:
        if row.area_hint:
            continue
        chain: list[RawRow] = [row] if row.is_section else []
        parent = by_path.get(row.parent_path or "")
        while parent is not None:
            if parent.is_heading:
                chain.append(parent)
            parent = by_path.get(parent.parent_path or "")
        row.area_hint = _area_title(chain)


def _area_title(chain: list[RawRow]) -> str:
    if not chain:
        return ""
    infos = [parse_code(row.code) for row in chain]
    for row, info in zip(chain, infos, strict=True):
        if info.kind == KIND_NUMBER and info.depth == 1:
            return one_line(row.content)
    for row, info in zip(chain, infos, strict=True):
        if info.kind == KIND_ROMAN:
            return one_line(row.content)
    return one_line(chain[-1].content)
