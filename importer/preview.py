"""The read side of an import: check and read a plan file and describe what importing it does.

``build_preview`` runs the safety checks and the pure readers, matches unit names against the
agency's units and aliases, parses deadlines, targets and budget lines, and compares the result
with the plan already in the database when the file is a revised version of it. It writes
nothing; ``importer.apply.apply_import`` writes a preview once the coordinator confirms it.
``stage_checked_upload`` keeps a browser upload in the staging area only if it previews.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import PurePath

from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from importer.classify import area_code_for, plan_kind_for, title_key
from importer.parsing.assignment import AreaLeadSuggestion, suggest_area_leads
from importer.parsing.budget import BudgetParse, parse_budget_lines
from importer.parsing.deadlines import Deadline, parse_deadline
from importer.parsing.doc_converter import convert_doc_to_docx
from importer.parsing.document import (
    SOURCE_NARRATIVE,
    ImportFileError,
    ParsedDocument,
    PlanMetadata,
    RawRow,
)
from importer.parsing.docx_reader import read_docx
from importer.parsing.issuer import Issuer, mismatches, names_agency, read_issuer
from importer.parsing.pdf_reader import read_pdf
from importer.parsing.safety import (
    KIND_CSV,
    KIND_DOC,
    KIND_DOCX,
    KIND_PDF,
    KIND_XLSX,
    check_upload,
)
from importer.parsing.targets import Target, find_targets
from importer.parsing.xlsx_reader import read_csv, read_xlsx
from importer.staging import StagedUpload, max_upload_bytes, read_converted, stage_upload
from importer.unit_lookup import UnitDirectory, UnitRef, load_directory
from organizations.models import Agency
from plans.models import Plan
from tasks.models import Area, AssignmentRole, Task

# File kinds an upload may be: .doc is converted to .docx, PDF needs a text layer.
KINDS = (KIND_DOCX, KIND_DOC, KIND_PDF, KIND_XLSX, KIND_CSV)
_YEAR_IN_NAME_RE = re.compile(r"(?<!\d)(20\d{2})(?!\d)")

# (unit id, AssignmentRole value, position): one TaskAssignment as plain data.
Assignment = tuple[int, str, int]

# Task fields an import owns (PreviewRow.task_values); everything else (status, progress,
# results, ...) belongs to the units reporting on the task and survives a re-import.
TASK_IMPORT_FIELDS = (
    "code",
    "position",
    "is_section",
    "area_id",
    "content",
    "requirement",
    "notes",
    "lead_text",
    "coordinating_text",
    "deadline_text",
    "deadline_kind",
    "due_date",
    "window_start",
    "recurrence",
    "event_note",
)


@dataclass
class PreviewRow:
    """One task-list row as it will be imported, with what was understood from it."""

    position: int
    code: str
    path: str
    parent_path: str | None
    depth: int
    content: str
    is_section: bool
    is_heading: bool
    requirement: str
    notes: str
    area_code: str
    lead_text: str
    coordinating_text: str
    lead: list[UnitRef]
    coordinating: list[UnitRef]
    deadline: Deadline
    merged_rows: int
    source: str
    warnings: list[str] = field(default_factory=list)
    change: str = ""  # on re-import: "added", "changed" or "unchanged"
    area_path: str = ""  # path of the top-level section the row belongs to ("" at top level)
    area_lead_id: int | None = None  # the lead chosen for its area, used when the row has none
    title: str = ""  # a prose task's own heading; the task's content starts with it

    @property
    def needs_lead(self) -> bool:
        """A task the file names no lead unit for (it may get its area's lead)."""
        return not self.is_section and not self.lead_text.strip()

    @property
    def lead_ids(self) -> list[int]:
        return _unique_ids(self.lead)

    @property
    def coordinating_ids(self) -> list[int]:
        return _unique_ids(self.coordinating)

    @property
    def unmatched(self) -> list[str]:
        return [ref.written for ref in (*self.lead, *self.coordinating) if not ref.matched]

    @property
    def label(self) -> str:
        """How lists of rows name it: the STT code, or the path when the row has none."""
        return self.code or self.path

    def task_values(self, area_ids: Mapping[str, int]) -> dict[str, object]:
        """The Task fields an import owns (TASK_IMPORT_FIELDS), as this row sets them."""
        deadline = self.deadline
        return {
            "code": self.code[:20],
            "position": self.position,
            "is_section": self.is_section,
            "area_id": area_ids.get(self.area_code),
            "content": f"{self.title}\n{self.content}" if self.title else self.content,
            "requirement": self.requirement,
            "notes": self.notes,
            "lead_text": self.lead_text,
            "coordinating_text": self.coordinating_text,
            "deadline_text": deadline.text[:500],
            "deadline_kind": str(deadline.kind),
            "due_date": deadline.due_date,
            "window_start": deadline.window_start,
            "recurrence": ",".join(str(item) for item in deadline.recurrence)[:60],
            "event_note": deadline.event_note[:300],
        }

    def wanted_assignments(self, current: Iterable[Assignment] = ()) -> list[Assignment]:
        """The assignments the task should have; `current` is what it has now.

        A row the file names no lead for keeps the leads it already has (set by an earlier
        import's area choice or by hand), else gets its area's chosen lead, if any.
        """
        lead_ids = self.lead_ids
        kept: list[Assignment] = []
        if self.needs_lead and not lead_ids:
            leads = (a for a in current if a[1] == AssignmentRole.LEAD.value)
            kept = sorted(leads, key=lambda a: a[2])
            if not kept and self.area_lead_id:
                lead_ids = [self.area_lead_id]
        lead_role = AssignmentRole.LEAD.value
        wanted = kept or [(unit_id, lead_role, n) for n, unit_id in enumerate(lead_ids)]
        lead = {unit_id for unit_id, _role, _position in wanted}
        coordinating = [unit_id for unit_id in self.coordinating_ids if unit_id not in lead]
        coordinating_role = AssignmentRole.COORDINATING.value
        return wanted + [(unit_id, coordinating_role, n) for n, unit_id in enumerate(coordinating)]


@dataclass
class PlanChanges:
    """What a re-import would do to the existing plan's rows (labels in document order)."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


@dataclass
class AreaLead:
    """A top-level section whose tasks name no lead unit, with the suggested lead for them."""

    path: str
    title: str
    tasks: int
    suggested_unit_id: int | None = None
    suggestion: AreaLeadSuggestion | None = None


@dataclass
class ImportPreview:
    """Everything the coordinator checks before confirming an import."""

    agency: Agency
    filename: str
    file_kind: str
    metadata: PlanMetadata
    plan_kind: str
    rows: list[PreviewRow]
    targets: list[Target]
    budget: BudgetParse
    directory: UnitDirectory
    warnings: list[str]
    existing_plan: Plan | None = None
    changes: PlanChanges | None = None
    area_leads: list[AreaLead] = field(default_factory=list)
    issuer: Issuer = field(default_factory=Issuer)

    @property
    def sections(self) -> list[PreviewRow]:
        return [row for row in self.rows if row.is_section]

    @property
    def tasks(self) -> list[PreviewRow]:
        return [row for row in self.rows if not row.is_section]

    @property
    def units_unmatched(self) -> list[str]:
        names: list[str] = []
        for row in self.rows:
            for name in row.unmatched:
                if name not in names:
                    names.append(name)
        return names

    @property
    def budget_mismatch(self) -> bool:
        return not self.budget.total_matches


# --- reading the file -----------------------------------------------------------------------


def read_plan_file(data: bytes, *, filename: str) -> tuple[str, ParsedDocument]:
    """Check and read an uploaded file; raise ImportFileError with a Vietnamese message."""
    kind = check_upload(data, filename=filename, max_bytes=max_upload_bytes(), allowed=KINDS)
    if kind == KIND_DOCX:
        document = read_docx(data, require_tasks=False)
    elif kind == KIND_DOC:
        digest = hashlib.sha256(data).hexdigest()
        converted = read_converted(digest, lambda: convert_doc_to_docx(data))
        document = read_docx(converted, require_tasks=False)
    elif kind == KIND_PDF:
        document = read_pdf(data, require_tasks=False)
    elif kind == KIND_CSV:
        document = read_csv(data)
    else:
        document = read_xlsx(data)
    if not document.rows and not document.target_sentences and not document.budget_lines:
        raise ImportFileError(
            document.warnings[0]
            if document.warnings
            else _("Không tìm thấy nhiệm vụ, chỉ tiêu hay kinh phí nào trong tệp.")
        )
    return kind, document


def stage_checked_upload(
    *, upload: UploadedFile, agency: Agency, user_id: int | None
) -> tuple[StagedUpload, ImportPreview]:
    """Stage an uploaded file and preview it once; a file that cannot be imported is dropped.

    Raises ImportFileError (and keeps nothing) when the file is refused.
    """
    staged = stage_upload(
        chunks=upload.chunks(),
        size=upload.size or 0,
        filename=upload.name or "",
        agency_id=agency.pk,
        user_id=user_id,
    )
    try:
        preview = build_preview(agency=agency, data=staged.read_bytes(), filename=staged.filename)
    except ImportFileError:
        staged.discard()
        raise
    return staged, preview


# --- the preview ----------------------------------------------------------------------------


def build_preview(
    *, agency: Agency, data: bytes, filename: str, year: int | None = None
) -> ImportPreview:
    """Parse `data` for `agency` and describe the import; writes nothing.

    `year` overrides the year read from the document (the CLI's and the form's choice).
    """
    kind, document = read_plan_file(data, filename=filename)
    warnings = list(document.warnings)
    metadata = _completed_metadata(document, filename=filename, year=year, warnings=warnings)
    issuer = read_issuer(metadata)
    warnings.extend(_issuer_warnings(issuer, agency))
    directory = load_directory(agency)
    rows = _preview_rows(document.rows, directory=directory, year=metadata.year)
    budget = parse_budget_lines(document.budget_lines)
    warnings.extend(budget.warnings)
    preview = ImportPreview(
        agency=agency,
        filename=PurePath(filename).name,
        file_kind=kind,
        metadata=metadata,
        plan_kind=plan_kind_for(metadata.title),
        rows=rows,
        targets=find_targets(document.target_sentences),
        budget=budget,
        directory=directory,
        warnings=warnings,
        area_leads=_area_leads(document, rows, directory),
        issuer=issuer,
    )
    preview.existing_plan = find_existing_plan(agency=agency, metadata=metadata)
    if preview.existing_plan is not None and preview.existing_plan.is_deleted:
        # Importing over it would update a plan nobody sees; restoring is the coordinator's call.
        raise ImportFileError(
            _("Kế hoạch “%(plan)s” đang ở Thùng rác: khôi phục kế hoạch trước khi nhập lại tệp.")
            % {"plan": preview.existing_plan}
        )
    if preview.existing_plan is not None:
        preview.changes = _compare(preview.existing_plan, rows, area_ids_by_code())
    return preview


def _completed_metadata(
    document: ParsedDocument, *, filename: str, year: int | None, warnings: list[str]
) -> PlanMetadata:
    """The document's metadata with a year and a title, guessed (and warned about) if missing."""
    metadata = replace(document.metadata)
    if year is not None:
        metadata.year = year
    if metadata.year is None:
        metadata.year = _guess_year(document, filename)
        warnings.append(
            _("Không thấy năm của kế hoạch trong tệp; tạm lấy năm %(year)s, vui lòng kiểm tra.")
            % {"year": metadata.year}
        )
    if not metadata.title:
        metadata.title = _("Kế hoạch nhập từ tệp %(name)s") % {"name": PurePath(filename).stem}
        warnings.append(_("Không thấy tên kế hoạch trong tệp; vui lòng nhập tên kế hoạch."))
    return metadata


def _issuer_warnings(issuer: Issuer, agency: Agency) -> list[str]:
    """A warning when the plan's header names another agency or province than `agency`."""
    found = mismatches(issuer, header_name=agency.header_name, place_name=agency.place_name)
    if not found:
        return []
    written = " — ".join(part for part in (issuer.name, issuer.place) if part)
    return [
        _(
            "Kế hoạch ghi cơ quan ban hành là “%(issuer)s”, khác với cơ quan đang nhập "
            "(%(agency)s). Kiểm tra lại: nếu kế hoạch thuộc cơ quan khác, hãy bấm “Chọn tệp khác” "
            "và tải lên lại với đúng cơ quan."
        )
        % {"issuer": written, "agency": agency.name}
    ]


def agency_named_by(preview: ImportPreview, agencies: Iterable[Agency]) -> Agency | None:
    """The first of `agencies` the document's header names as its issuer, if any."""
    for agency in agencies:
        if names_agency(
            preview.issuer, header_name=agency.header_name, place_name=agency.place_name
        ):
            return agency
    return None


def _area_leads(
    document: ParsedDocument, rows: list[PreviewRow], directory: UnitDirectory
) -> list[AreaLead]:
    """Top-level sections with tasks that name no lead, each with a suggested lead unit."""
    titles = {raw.path: raw.area_hint or raw.content for raw in document.rows}
    missing = Counter(row.area_path for row in rows if row.area_path and row.needs_lead)
    areas = [
        AreaLead(path=row.path, title=titles.get(row.path, row.content), tasks=missing[row.path])
        for row in rows
        if row.is_section and row.parent_path is None and missing[row.path]
    ]
    suggestions = suggest_area_leads(
        [area.title for area in areas],
        document.unit_responsibilities,
        known=lambda text: _single_unit(directory, text) is not None,
    )
    for area in areas:
        area.suggestion = suggestions.get(area.title)
        if area.suggestion is not None:
            area.suggested_unit_id = _single_unit(directory, area.suggestion.unit_text)
    return areas


def _single_unit(directory: UnitDirectory, text: str) -> int | None:
    """The one unit a duty's unit heading names, through the preview's matcher."""
    ids = _unique_ids(directory.resolve(text))
    return ids[0] if len(ids) == 1 else None


def _preview_rows(
    raw_rows: list[RawRow], *, directory: UnitDirectory, year: int | None
) -> list[PreviewRow]:
    depths: dict[str, int] = {}
    roots: dict[str, str] = {}
    read_deadline = _deadline_reader(year)
    rows = []
    for position, raw in enumerate(raw_rows, start=1):
        deadline = read_deadline(raw.deadline_text)
        depth = depths.get(raw.parent_path, -1) + 1 if raw.parent_path else 0
        depths[raw.path] = depth
        parent = raw.parent_path
        roots[raw.path] = roots.get(parent, parent) if parent else raw.path
        row = PreviewRow(
            position=position,
            code=raw.code,
            path=raw.path,
            parent_path=raw.parent_path,
            depth=depth,
            content=raw.content,
            is_section=raw.is_section,
            is_heading=raw.is_heading,
            requirement=raw.requirement,
            notes="\n".join(raw.notes),
            # The lĩnh vực from the heading chain, else from the task's own heading.
            area_code=area_code_for(raw.area_hint) or area_code_for(raw.title),
            lead_text=raw.lead_text,
            coordinating_text=raw.coordinating_text,
            lead=directory.resolve(raw.lead_text),
            coordinating=directory.resolve(raw.coordinating_text),
            deadline=deadline,
            merged_rows=raw.merged_rows,
            source=raw.source,
            area_path=roots[raw.path] if parent else "",
            title=raw.title,
        )
        row.warnings = _row_warnings(row)
        rows.append(row)
    return rows


def _deadline_reader(year: int | None) -> Callable[[str], Deadline]:
    """parse_deadline for one plan year, each distinct text parsed once (plans repeat them)."""
    return functools.lru_cache(maxsize=None)(lambda text: parse_deadline(text, year=year))


def _row_warnings(row: PreviewRow) -> list[str]:
    warnings = list(row.deadline.warnings) if row.deadline.text else []
    if row.is_section:
        return warnings
    if row.source == SOURCE_NARRATIVE:
        # Plans written as prose name no unit or deadline per bullet; the reader says so once.
        return warnings
    if not row.lead_text and not row.notes:
        warnings.append(_("Chưa có đơn vị chủ trì."))
    if not row.deadline.text and not row.notes:
        warnings.append(_("Chưa có thời gian hoàn thành."))
    for name in row.unmatched:
        warnings.append(_("Chưa nhận ra đơn vị “%(name)s”.") % {"name": name})
    return warnings


def rematch_rows(
    rows: list[PreviewRow], *, directory: UnitDirectory, year: int | None
) -> list[PreviewRow]:
    """The preview rows with units and deadlines read again (new aliases, an edited year)."""
    read_deadline = _deadline_reader(year)
    fresh = []
    for row in rows:
        again = replace(
            row,
            lead=directory.resolve(row.lead_text),
            coordinating=directory.resolve(row.coordinating_text),
            deadline=read_deadline(row.deadline.text),
        )
        again.warnings = _row_warnings(again)
        fresh.append(again)
    return fresh


def _guess_year(document: ParsedDocument, filename: str) -> int:
    """The year most deadlines name, else one in the file name, else this year."""
    years: dict[int, int] = {}
    for text, rows in Counter(raw.deadline_text for raw in document.rows).items():
        due = parse_deadline(text).due_date
        if due is not None:
            years[due.year] = years.get(due.year, 0) + rows
    if years:
        return max(years, key=lambda y: (years[y], y))
    match = _YEAR_IN_NAME_RE.search(PurePath(filename).name)
    return int(match.group(1)) if match else timezone.localdate().year


def _unique_ids(refs: Iterable[UnitRef]) -> list[int]:
    ids: list[int] = []
    for ref in refs:
        for unit_id in ref.unit_ids:
            if unit_id not in ids:
                ids.append(unit_id)
    return ids


# --- comparing with the plan in the database ------------------------------------------------


def find_existing_plan(*, agency: Agency, metadata: PlanMetadata) -> Plan | None:
    """The plan a file revises: same agency and year, same number (or same title if none)."""
    if metadata.year is None:  # every plan has a year, so no plan can match
        return None
    plans = Plan.objects.filter(agency=agency, year=metadata.year)
    number = (metadata.number or "").strip()
    if number:
        return plans.filter(number=number, symbol=metadata.symbol or "").first()
    wanted = title_key(metadata.title)
    return next((plan for plan in plans.filter(number="") if title_key(plan.title) == wanted), None)


def area_ids_by_code() -> dict[str, int]:
    """Reform area code -> Area id, for PreviewRow.task_values."""
    return dict(Area.objects.values_list("code", "pk"))


def changed_fields(instance: models.Model, values: Mapping[str, object]) -> list[str]:
    """The names in `values` whose value differs from the instance's."""
    return [name for name, value in values.items() if getattr(instance, name) != value]


def current_assignments(task: Task) -> list[Assignment]:
    """The task's assignments as sorted plain data (prefetch "assignments" first)."""
    return sorted((a.unit_id, a.role, a.position) for a in task.assignments.all())


def _compare(plan: Plan, rows: list[PreviewRow], area_ids: Mapping[str, int]) -> PlanChanges:
    existing = {
        task.path: task
        for task in plan.tasks.select_related("parent").prefetch_related("assignments")
    }
    changes = PlanChanges()
    for row in rows:
        task = existing.pop(row.path, None)
        if task is None:
            row.change = "added"
            changes.added.append(row.label)
        elif _row_differs(task, row, area_ids):
            row.change = "changed"
            changes.changed.append(row.label)
        else:
            row.change = "unchanged"
            changes.unchanged += 1
    changes.removed = [task.code or task.path for task in existing.values()]
    return changes


def _row_differs(task: Task, row: PreviewRow, area_ids: Mapping[str, int]) -> bool:
    current = current_assignments(task)
    parent_moved = (task.parent.path if task.parent else None) != row.parent_path
    return bool(
        changed_fields(task, row.task_values(area_ids))
        or current != sorted(row.wanted_assignments(current))
        or parent_moved
    )
