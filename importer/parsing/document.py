"""Shared result types of the document readers (docx, xlsx, csv).

The readers only find and shape raw text; deadlines, targets, budget amounts and unit names
are parsed later by the integration step from the strings kept here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from importer.parsing.text import casefold_vi, simplify_punctuation

SOURCE_TABLE = "table"
SOURCE_PROSE = "prose"
SOURCE_NARRATIVE = "narrative"
SOURCE_XLSX = "xlsx"
SOURCE_CSV = "csv"


class ImportFileError(Exception):
    """Raised with a Vietnamese, user-facing message when the file cannot be read."""


@dataclass
class RawRow:
    """One row of a task list as written in the source document.

    `path` is the stable hierarchy key set by `structure.assign_parents` ("II/1.2"), or by
    `narrative.narrative_tasks` for bullets read from a "Nhiệm vụ" section ("II/1.2.1/-3");
    the integration step uses it to match rows of a re-imported plan. `merged_rows` counts the
    continuation rows (page-break splits) folded into this row.
    """

    code: str
    content: str
    lead_text: str = ""
    coordinating_text: str = ""
    deadline_text: str = ""
    requirement: str = ""
    is_section: bool = False
    is_heading: bool = False
    area_hint: str = ""
    notes: list[str] = field(default_factory=list)
    source: str = SOURCE_TABLE
    position: int = 0
    parent_code: str | None = None
    path: str = ""
    parent_path: str | None = None
    merged_rows: int = 0
    title: str = ""  # a prose task's own heading ("Công tác chỉ đạo, điều hành CCHC")

    @property
    def is_task(self) -> bool:
        return not self.is_section


@dataclass
class PlanMetadata:
    """Header facts of a plan (Kế hoạch); empty strings / None when not found."""

    number: str = ""
    symbol: str = ""
    title: str = ""
    year: int | None = None
    issued_on: date | None = None
    place: str = ""
    place_date_text: str = ""
    basis: str = ""
    basis_refs: list[str] = field(default_factory=list)
    signer: str = ""
    signer_title: str = ""
    agency_line: str = ""


@dataclass
class UnitResponsibility:
    """One unit's duties from the "TỔ CHỨC THỰC HIỆN" section ("2. Phòng ..." + bullets).

    Or a sentence there that assigns a duty ("Giao X chủ trì, phối hợp với Y ..."; `stated`):
    its lead is `unit_text`, its coordinating units `coordinating_text`, the sentence the first
    duty. They suggest the lead of areas whose tasks name none; only a plan with no task
    anywhere else takes its tasks from the stated ones (`narrative.stated_tasks`).
    """

    unit_text: str
    duties: list[str] = field(default_factory=list)
    coordinating_text: str = ""
    stated: bool = False


@dataclass
class ParsedDocument:
    """Everything a reader found in one uploaded file."""

    metadata: PlanMetadata
    rows: list[RawRow]
    target_sentences: list[str] = field(default_factory=list)
    budget_lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unit_responsibilities: list[UnitResponsibility] = field(default_factory=list)

    @property
    def tasks(self) -> list[RawRow]:
        return [row for row in self.rows if not row.is_section]

    @property
    def sections(self) -> list[RawRow]:
        return [row for row in self.rows if row.is_section]


@dataclass(frozen=True)
class TextBlock:
    """One paragraph of running text in document order (body, or a non-task table).

    `list_level` is the Word list level (w:numPr ilvl, 0 = outermost) of an auto-numbered or
    auto-bulleted paragraph, whose marker is not part of `text`; None for other paragraphs.
    """

    text: str
    bold: bool = False
    in_table: bool = False
    list_level: int | None = None


# --- text shaping shared by the readers -------------------------------------------------------

_SPACE_RE = re.compile(r"[ \t\u00a0\u2007\u202f\u2000-\u200a\u3000]+")
_ZERO_WIDTH_RE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def clean_text(value: str | None) -> str:
    """NFC, no-break spaces and tabs folded, lines stripped, blank lines dropped.

    Line breaks are kept as "\\n" because several units in one cell are often one per line.
    """
    if not value:
        return ""
    text = unicodedata.normalize("NFC", str(value))
    text = _ZERO_WIDTH_RE.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x0b", "\n")
    lines = (_SPACE_RE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def one_line(value: str | None) -> str:
    """`clean_text` with line breaks folded to spaces (titles, headings)."""
    return clean_text(value).replace("\n", " ")


def match_key(value: str | None) -> str:
    """Comparison key for header words and labels (casefolded, one tone style, ASCII dashes)."""
    return simplify_punctuation(casefold_vi(one_line(value)))
