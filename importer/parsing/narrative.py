"""The outline of a plan written as running text: "Nhiệm vụ" bullets and unit duties.

Many plans have no task table and no "Đơn vị chủ trì thực hiện:" labels. Their work is written
as "II. MỤC TIÊU, NHIỆM VỤ CỤ THỂ" → "1. Cải cách thể chế" → "1.1. Mục tiêu" (targets, read by
`metadata.find_target_sentences`) and "1.2. Nhiệm vụ" (bullets, the tasks), and their
"TỔ CHỨC THỰC HIỆN" section lists each unit with its duties. The docx reader falls back to
`narrative_tasks` only when it found neither a task table row nor a labelled prose task.

Narrative tasks (rules, in document order, on paragraphs re-joined by `join_wrapped`):
- A Nhiệm vụ heading is a heading (numbered "1.2.", roman, lettered "b)", bold, upper-case,
  an auto-numbered paragraph, or a plain line) whose title is "Nhiệm vụ", "Nhiệm vụ cụ thể",
  "Nhiệm vụ, giải pháp", "Các nhiệm vụ trọng tâm", ... ("Mục tiêu, nhiệm vụ cụ thể" is not: its
  "Mục tiêu" sub-sections hold targets). Its block runs until a heading that is not deeper
  (a numbered heading with as many or fewer parts, a roman or upper-case heading, another
  Nhiệm vụ heading at the same depth), or "Trên đây ..." / "Nơi nhận".
- Deeper headings inside the block ("1.2.1. Thực hiện nhiệm vụ tham mưu ...", a bold line,
  a lettered line "a) Tham mưu UBND tỉnh" followed by bullets) are sub-sections. Items of a
  sub-section titled "Mục tiêu", "Chỉ tiêu", "Mục đích" or "Yêu cầu" are not tasks (a
  "II. NHIỆM VỤ, GIẢI PHÁP" block holding "1.1. Mục tiêu"). A sub-section with no items of
  its own is a task itself (its title is the content), as a childless heading row is in a
  task table.
- Items are paragraphs marked "-", "–", "+", "•", "*", auto-numbered/bulleted paragraphs
  (w:numPr), paragraphs numbered "1." / "2.3." that are too long to be headings, and
  lettered "a)" paragraphs. The first item of a (sub-)section fixes its item style; items of
  another style ("+" under "-", level-2 list items under level-1 ones, "a)" under "1.") are
  details of the task before them and are folded into its content on a new line, marker kept,
  so one task stays one task (the sub-points are rarely tracked on their own).
- An unmarked paragraph is folded into the previous task when that task ends with ":"; it is
  skipped when it is a lead-in ending with ":" ("... như sau:"), a note in parentheses
  ("(Có phụ lục chi tiết kèm theo)") or a page-bottom footnote ("1 Quy định ..."); otherwise
  it is a task (a dash left out by the typist).
- Content is the item without its dash or bullet (a letter "a)" stays in the text, a number
  "2." moves to the code); code is the item's own number when it has one, else the number of
  the nearest numbered heading ("1.2.1", or the roman one); area_hint is the title of the
  enclosing level-1 heading ("Cải cách thể chế"), else of the roman one unless that is the
  Nhiệm vụ heading itself. Lead, coordinating units and deadline stay empty.
- Every Nhiệm vụ heading and sub-section with tasks below it is a section row (is_section).

Paths follow `structure.assign_parents`' scheme: the roman scope plus the heading number
("II/1.2", "II/1.2.1"); an unnumbered or lettered heading hangs under its parent ("II/1.2/a",
"1/#1"); items hang under their section: "-n" by position ("II/1.2.1/-3"), or the item's own
number ("II/2"). A path seen twice gets "~2".

Unit duties (`unit_responsibilities`): under a heading titled "TỔ CHỨC THỰC HIỆN", each deeper
heading whose title starts like a unit name (Văn phòng, Phòng, Thanh tra, Trung tâm, Chi cục,
Ban, Sở, Các phòng/đơn vị/cơ quan, Thủ trưởng/Trưởng các ..., UBND) opens a unit; its items
(bullets, list paragraphs; "+" details folded) are its duties. A unit written as one plain
paragraph gets that paragraph; an unmarked paragraph after a unit's bullets is a closing remark
and ends the unit. Units without duties are left out. A paragraph or item outside a unit block
(or a heading such as "3. Thanh tra Sở: chủ trì ...") that `read_assignment` reads is a stated
duty ("Giao X chủ trì, phối hợp với Y ...": unit X, coordinating Y); marked items after it are
its details, any other paragraph ends it. `stated_tasks` turns the duties into tasks for a plan
that has no other task.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from importer.parsing.assignment_sentences import read_assignment
from importer.parsing.document import (
    SOURCE_NARRATIVE,
    RawRow,
    TextBlock,
    UnitResponsibility,
    match_key,
    one_line,
)
from importer.parsing.metadata import heading_of, join_wrapped
from importer.parsing.structure import KIND_NUMBER, KIND_ROMAN, parse_code

_TASK_TITLE_RE = re.compile(
    r"^(?:các |những )?nhiệm vụ(?: cụ thể| trọng tâm| chủ yếu| chính)?"
    r"(?:(?:,| và) (?:các )?giải pháp(?: cụ thể| trọng tâm| chủ yếu)?)?"
    r"(?: thực hiện)?(?: năm \d{4})?$"
)
_ORGANISATION_TITLE_RE = re.compile(r"^tổ chức thực hiện(?: kế hoạch)?$")
_UNIT_TITLE_RE = re.compile(
    r"^(?:văn phòng|phòng|thanh tra|trung tâm|chi cục|ban|sở|ủy ban nhân dân|ubnd)(?=\s|$)"
    r"|^(?:các (?:phòng|đơn vị|cơ quan|sở)|thủ trưởng|trưởng các)(?=[\s,]|$)"
)  # "Phòng, chống tham nhũng" is a topic, "Các phòng, đơn vị thuộc Sở" a group of units
_UNIT_TAIL_RE = re.compile(r"\s*(?:có trách nhiệm|chịu trách nhiệm)?\s*:?\s*$")
_LETTER_HEADING_RE = re.compile(r"^(?P<code>[a-zđ])[.)]\s*(?P<title>\S.*)$")
_NUMBER_ITEM_RE = re.compile(r"^(?P<code>\d{1,2}(?:\.\d{1,2})*)[.)]\s+(?P<rest>\S.*)$")
_LETTER_ITEM_RE = re.compile(r"^[a-zđ][.)]\s+\S")
_MARKER_RE = re.compile(r"^(?P<marker>[-–—−+•*·▪○◦])\s*")
_FOOTNOTE_RE = re.compile(r"^\d{1,2}\s+\S")
_HELPING_RE = re.compile(r"^phối hợp\b")
_STOP_PREFIXES = ("trên đây", "nơi nhận")
_TARGET_TITLES = ("mục tiêu", "các mục tiêu", "chỉ tiêu", "các chỉ tiêu", "mục đích", "yêu cầu")
_FAMILIES = {"–": "-", "—": "-", "−": "-", "·": "•", "▪": "•", "○": "•", "◦": "•", "*": "•"}

_LEVEL_TOP = 0.0  # roman and upper-case unnumbered headings


@dataclass
class _Head:
    code: str  # as found: "II", "1.2", "b", "" (unnumbered)
    kind: str  # "roman", "number", "letter", "none"
    title: str
    level: float
    is_tasks: bool = False
    is_organisation: bool = False
    is_targets: bool = False  # "Mục tiêu", "Chỉ tiêu", "Yêu cầu": its bullets are not tasks


@dataclass
class _Item:
    family: str  # "-", "+", "•", "list0", "number", "letter", "" (unmarked)
    text: str  # without a dash/bullet marker
    code: str = ""  # own number of a "2." item


@dataclass
class _Section:
    head: _Head
    parent: _Section | None
    chain: list[_Head]  # enclosing headings outside the block, outermost first
    children: list[_Section | _Task] = field(default_factory=list)
    family: str | None = None

    def last_task(self) -> _Task | None:
        for child in reversed(self.children):
            if isinstance(child, _Task):
                return child
        return None

    def has_tasks(self) -> bool:
        return any(isinstance(child, _Task) or child.has_tasks() for child in self.children)


@dataclass
class _Task:
    content: str
    code: str = ""


def narrative_tasks(blocks: Sequence[TextBlock]) -> list[RawRow]:
    """Tasks and section rows read from "Nhiệm vụ" bullets, with positions and paths set."""
    joined = [block for block in join_wrapped(blocks) if not block.in_table]
    chain: list[_Head] = []
    roots: list[_Section] = []
    current: _Section | None = None  # innermost open section of the open Nhiệm vụ block
    for index, block in enumerate(joined):
        text = block.text
        if match_key(text).startswith(_STOP_PREFIXES):
            current = None
            continue
        next_text = joined[index + 1].text if index + 1 < len(joined) else ""
        head = _head_of(block, next_text, _numbered_level(chain, current))
        if head is not None:
            current = _place_heading(head, chain, roots, current)
            continue
        if current is not None and not current.head.is_targets:
            _add_item(current, _item_of(block))
    emitter = _Emitter()
    for root in roots:
        emitter.section(root)
    return emitter.rows


def unit_responsibilities(blocks: Sequence[TextBlock]) -> list[UnitResponsibility]:
    """Units and their duties under "TỔ CHỨC THỰC HIỆN" (see the module docstring)."""
    joined = [block for block in join_wrapped(blocks) if not block.in_table]
    units: list[UnitResponsibility] = []
    chain: list[_Head] = []
    section_level: float | None = None
    unit: UnitResponsibility | None = None
    family: str | None = None
    for index, block in enumerate(joined):
        if match_key(block.text).startswith(_STOP_PREFIXES):
            section_level, unit = None, None
            continue
        next_text = joined[index + 1].text if index + 1 < len(joined) else ""
        head = _head_of(block, next_text, _numbered_level(chain, None))
        if head is not None:
            chain[:] = [h for h in chain if h.level < head.level] + [head]
            if head.is_organisation:
                section_level, unit = head.level, None
            elif section_level is not None and head.level > section_level:
                unit, family = _stated_unit(head.title), None
                if unit is None and _is_unit_title(head.title):
                    unit = UnitResponsibility(_unit_text(head.title))
                if unit is not None:
                    units.append(unit)
            else:
                section_level, unit = None, None
            continue
        if section_level is None:
            continue
        item = _item_of(block)
        if unit is None or unit.stated or (family is not None and not item.family):
            # Outside a unit's block, a sentence may assign the duty ("Giao X chủ trì, ...").
            stated = _stated_unit(item.text)
            if stated is not None:
                unit, family = stated, None
                units.append(unit)
                continue
            if unit is None or not unit.stated or item.family in ("", "number"):
                unit = None  # a remark, or the next paragraph after a stated duty
                continue
        if not item.family:
            if unit.duties and unit.duties[-1].endswith(":"):
                unit.duties[-1] += "\n" + item.text
            else:
                unit.duties.append(item.text)
            continue
        if family is None:
            family = item.family
        if item.family != family and unit.duties:
            unit.duties[-1] += "\n" + block.text
        else:
            unit.duties.append(item.text)
    return [unit for unit in units if unit.duties]


def stated_tasks(responsibilities: Sequence[UnitResponsibility]) -> list[RawRow]:
    """Tasks of a plan that assigns its work only under "TỔ CHỨC THỰC HIỆN".

    A stated sentence is one task with the units it names; each duty under a unit heading is a
    task led by that unit ("Chủ trì, phối hợp với Y ..." also names Y), except a duty that
    starts with "Phối hợp": the unit only helps, so the task has no lead (chosen in the preview).
    """
    rows: list[RawRow] = []
    for unit in responsibilities:
        duties = ["\n".join(unit.duties)] if unit.stated else unit.duties
        for duty in duties:
            number = len(rows) + 1
            lead, coordinating = _duty_units(unit, duty)
            rows.append(
                RawRow(
                    code=str(number),
                    content=duty,
                    lead_text=lead,
                    coordinating_text=coordinating,
                    source=SOURCE_NARRATIVE,
                    position=number,
                    path=f"TCTH/{number}",
                )
            )
    return rows


def _duty_units(unit: UnitResponsibility, duty: str) -> tuple[str, str]:
    if unit.stated:
        return unit.unit_text, unit.coordinating_text
    if _HELPING_RE.match(match_key(duty)):
        return "", unit.unit_text
    stated = read_assignment(f"{unit.unit_text} {duty}")
    if stated is not None and stated.lead == unit.unit_text:
        return unit.unit_text, stated.coordinating
    return unit.unit_text, ""


def _stated_unit(text: str) -> UnitResponsibility | None:
    """A duty whose sentence names its units; a bare unit heading ("Văn phòng Sở:") is not one."""
    stated = read_assignment(text)
    if stated is None or stated.lead == _unit_text(text):
        return None
    return UnitResponsibility(
        stated.lead, [one_line(text)], coordinating_text=stated.coordinating, stated=True
    )


def _is_unit_title(title: str) -> bool:
    return len(title) <= 150 and bool(_UNIT_TITLE_RE.match(match_key(title)))


def _unit_text(title: str) -> str:
    return _UNIT_TAIL_RE.sub("", one_line(title))


# --- headings ---------------------------------------------------------------------------------


def _title_key(title: str) -> str:
    return match_key(title).strip(" .:;")


def _head_of(block: TextBlock, next_text: str, numbered_level: float) -> _Head | None:
    """A heading with a level comparable across kinds, or None for an item/paragraph."""
    text = one_line(block.text)
    if block.list_level is not None:
        # An auto-numbered paragraph is an item unless it is titled like a Nhiệm vụ heading.
        if _TASK_TITLE_RE.match(_title_key(text)):
            return _Head("", "none", text, numbered_level + 0.5, is_tasks=True)
        return None
    letter = _LETTER_HEADING_RE.match(text)
    if letter:
        # "b) Nhiệm vụ", or "a) Tham mưu UBND tỉnh" followed by its bullets.
        title = letter.group("title")
        key = _title_key(title)
        is_tasks = len(text) <= 60 and bool(_TASK_TITLE_RE.match(key))
        opens_list = (
            len(text) <= 150
            and not text.endswith((".", ";", ","))
            and bool(_MARKER_RE.match(next_text))
        )
        if is_tasks or opens_list:
            head = _Head(letter.group("code"), "letter", title, numbered_level + 0.5, is_tasks)
            head.is_organisation = bool(_ORGANISATION_TITLE_RE.match(key))
            head.is_targets = key.startswith(_TARGET_TITLES)
            return head
    # heading_of refuses a line followed by a lower-case one (a wrapped sentence); "a) ..." items
    # are not sentence tails.
    heading = heading_of(block, "" if _LETTER_ITEM_RE.match(next_text) else next_text)
    if heading is None:
        if len(text) <= 60 and _TASK_TITLE_RE.match(_title_key(text)):
            heading_code, title, kind, level = "", text, "none", numbered_level + 0.5
        else:
            return None
    else:
        heading_code, title = heading.code, heading.title
        info = parse_code(heading_code)
        if info.kind == KIND_ROMAN:
            kind, level = "roman", _LEVEL_TOP
        elif info.kind == KIND_NUMBER:
            kind, level = "number", float(info.depth)
        else:
            letters = [ch for ch in title if ch.isalpha()]
            upper = bool(letters) and all(ch.isupper() for ch in letters)
            kind = "none"
            level = _LEVEL_TOP if upper else numbered_level + 0.5
    key = _title_key(title)
    head = _Head(heading_code, kind, title, level)
    head.is_tasks = bool(_TASK_TITLE_RE.match(key))
    head.is_organisation = bool(_ORGANISATION_TITLE_RE.match(key))
    head.is_targets = key.startswith(_TARGET_TITLES)
    return head


def _numbered_level(chain: list[_Head], current: _Section | None) -> float:
    """Level of the innermost open numbered/roman heading (unnumbered ones sit below it)."""
    heads = [*chain]
    section = current
    inner: list[_Head] = []
    while section is not None:
        inner.append(section.head)
        section = section.parent
    heads.extend(reversed(inner))
    for head in reversed(heads):
        if head.kind in ("number", "roman"):
            return head.level
    return _LEVEL_TOP


def _place_heading(
    head: _Head, chain: list[_Head], roots: list[_Section], current: _Section | None
) -> _Section | None:
    """Open, nest or close Nhiệm vụ sections for a heading; return the open section."""
    section = current
    while section is not None and head.level <= section.head.level:
        section = section.parent
    if section is not None:
        child = _Section(head, section, section.chain)
        section.children.append(child)
        return child
    chain[:] = [h for h in chain if h.level < head.level] + [head]
    if head.is_tasks:
        root = _Section(head, None, list(chain[:-1]))
        roots.append(root)
        return root
    return None


# --- items ------------------------------------------------------------------------------------


def _item_of(block: TextBlock) -> _Item:
    text = one_line(block.text)
    marker = _MARKER_RE.match(text)
    if marker:
        symbol = marker.group("marker")
        return _Item(_FAMILIES.get(symbol, symbol), text[marker.end() :].strip())
    if block.list_level is not None:
        return _Item(f"list{block.list_level}", text)
    number = _NUMBER_ITEM_RE.match(text)
    if number:
        return _Item("number", number.group("rest").strip(), number.group("code"))
    if _LETTER_ITEM_RE.match(text):
        return _Item("letter", text)
    return _Item("", text)


def _is_aside(text: str) -> bool:
    """A lead-in ("... như sau:"), a note "(Có phụ lục ... kèm theo)" or a footnote."""
    return (
        text.endswith(":")
        or (text.startswith("(") and text.endswith(")"))
        or bool(_FOOTNOTE_RE.match(text))
    )


def _add_item(section: _Section, item: _Item) -> None:
    previous = section.last_task()
    if not item.family:
        if previous is not None and previous.content.endswith(":"):
            previous.content += "\n" + item.text
        elif not _is_aside(item.text):
            section.children.append(_Task(item.text))
        return
    if section.family is None:
        section.family = item.family
    if item.family != section.family and previous is not None:
        detail = item.text if item.family.startswith("list") else _with_marker(item)
        previous.content += "\n" + detail
        return
    section.children.append(_Task(item.text, item.code))


def _with_marker(item: _Item) -> str:
    if item.family in ("number", "letter", ""):
        return f"{item.code}. {item.text}" if item.code else item.text
    return f"{item.family} {item.text}"


# --- rows and paths ---------------------------------------------------------------------------


class _Emitter:
    """Flattens the section trees into RawRows in document order, with unique paths."""

    def __init__(self) -> None:
        self.rows: list[RawRow] = []
        self._seen: dict[str, int] = {}
        self._ordinals: dict[tuple[str, str], int] = {}

    def section(self, section: _Section, parent: RawRow | None = None) -> None:
        if section.head.is_targets:
            return
        heads = _heads(section)
        if not section.has_tasks():
            if parent is not None:  # an empty sub-heading is a task of its own
                code = _task_code(heads)
                self._add(section.head.title, code, heads, parent, self._head_key(section, parent))
            return
        row = self._add(
            section.head.title,
            _short_code(section.head),
            heads,
            parent,
            self._head_key(section, parent),
        )
        row.is_heading = row.is_section = True
        for child in section.children:
            if isinstance(child, _Section):
                self.section(child, row)
            elif child.code:
                key = f"{row.path}/{parse_code(child.code).key}"
                self._add(child.content, parse_code(child.code).key, heads, row, key)
            else:
                key = f"{row.path}/-{self._ordinal(row.path, '-')}"
                self._add(child.content, _task_code(heads), heads, row, key)

    def _head_key(self, section: _Section, parent: RawRow | None) -> str:
        head = section.head
        if head.kind == "roman":
            return parse_code(head.code).key
        scope = _roman_scope(_heads(section)[:-1])
        if head.kind == "number":
            key = parse_code(head.code).key
            return f"{scope}/{key}" if scope else key
        if parent is not None:
            base = parent.path
        else:
            anchor = _numbered(section.chain)
            if anchor is None:
                base = ""
            elif anchor.kind == "roman":
                base = parse_code(anchor.code).key
            else:
                key = parse_code(anchor.code).key
                base = f"{scope}/{key}" if scope else key
        label = head.code if head.kind == "letter" else f"#{self._ordinal(base, '#')}"
        return f"{base}/{label}" if base else label

    def _ordinal(self, base: str, marker: str) -> int:
        self._ordinals[(base, marker)] = self._ordinals.get((base, marker), 0) + 1
        return self._ordinals[(base, marker)]

    def _add(
        self, content: str, code: str, heads: list[_Head], parent: RawRow | None, path: str
    ) -> RawRow:
        count = self._seen.get(path, 0) + 1
        self._seen[path] = count
        row = RawRow(
            code=code,
            content=content,
            source=SOURCE_NARRATIVE,
            area_hint=_area(heads),
            position=len(self.rows),
            path=path if count == 1 else f"{path}~{count}",
            parent_path=parent.path if parent is not None else None,
            parent_code=(parse_code(parent.code).key or None) if parent is not None else None,
        )
        self.rows.append(row)
        return row


def _heads(section: _Section) -> list[_Head]:
    inner: list[_Head] = []
    current: _Section | None = section
    while current is not None:
        inner.append(current.head)
        current = current.parent
    return [*section.chain, *reversed(inner)]


def _numbered(heads: list[_Head]) -> _Head | None:
    for head in reversed(heads):
        if head.kind in ("number", "roman"):
            return head
    return None


def _roman_scope(heads: list[_Head]) -> str:
    for head in reversed(heads):
        if head.kind == "roman":
            return parse_code(head.code).key
    return ""


def _short_code(head: _Head) -> str:
    return parse_code(head.code).key if head.kind in ("number", "roman") else head.code


def _task_code(heads: list[_Head]) -> str:
    """The number of the nearest numbered (or roman) heading."""
    head = _numbered(heads)
    return _short_code(head) if head is not None else ""


def _area(heads: list[_Head]) -> str:
    for head in heads:
        if head.kind == "number" and head.level == 1:
            return head.title
    for head in heads:
        if head.kind == "roman" and not head.is_tasks:
            return head.title
    return ""
