"""Import a plan file: build a preview (writes nothing), then apply it in one transaction.

``build_preview`` runs the safety checks and the pure readers, matches unit names against the
agency's units and aliases, parses deadlines, targets and budget lines, and compares the result
with the plan already in the database when the file is a revised version of it.

``apply_import`` creates the plan, or updates the existing one by each row's ``path`` (the
stable STT key): rows that stayed are updated in place, so status, progress, results and
anything other apps hang off a task survive; new rows are added; rows no longer in the file
are deleted unless someone already reported on them (see ``has_reports``), in which case they
are kept and marked in ``notes`` so the coordinator can decide. Nothing is written when the
file brings no change, which keeps ``load_demo`` idempotent and history clean.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from simple_history.utils import bulk_create_with_history

from budget.models import BudgetLine
from importer.classify import area_code_for, plan_kind_for, title_key
from importer.parsing.assignment import AreaLeadSuggestion, suggest_area_leads
from importer.parsing.budget import BudgetParse, parse_budget_lines
from importer.parsing.deadlines import Deadline, DeadlineKind, Recurrence, parse_deadline
from importer.parsing.document import (
    SOURCE_NARRATIVE,
    ImportFileError,
    ParsedDocument,
    PlanMetadata,
    RawRow,
)
from importer.parsing.docx_reader import read_docx
from importer.parsing.safety import KIND_CSV, KIND_DOCX, check_upload
from importer.parsing.targets import Target, find_targets
from importer.parsing.xlsx_reader import read_csv, read_xlsx
from importer.unit_lookup import UnitDirectory, UnitRef, load_directory
from indicators.models import Indicator
from organizations.models import Agency, Unit, UnitAlias, UnitKind
from plans.models import Plan, PlanKind, PlanReference
from tasks.models import Area, AssignmentRole, Task, TaskAssignment, TaskStatus

REMOVED_MARK = _lazy("Không còn trong bản kế hoạch nhập lại ngày %(day)s.")
_REMOVED_MARK_RE = re.compile(r"^Không còn trong bản kế hoạch nhập lại ngày [\d/]+\.\n?")
_YEAR_IN_NAME_RE = re.compile(r"(?<!\d)(20\d{2})(?!\d)")
_REF_NUMBER_RE = re.compile(r"^(?P<number>\d+)/(?P<symbol>[^\s]+)")

# Task fields an import owns; everything else (status, progress, results, ...) is the units'.
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
PLAN_IMPORT_FIELDS = (
    "number",
    "symbol",
    "title",
    "kind",
    "year",
    "issued_on",
    "legal_basis",
    "signer",
    "signer_title",
)


# --- preview ------------------------------------------------------------------------------


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


@dataclass
class PlanChanges:
    """What a re-import would do to the existing plan's rows (paths in document order)."""

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


def max_upload_bytes() -> int:
    return int(settings.UPLOAD_MAX_MB) * 1024 * 1024


def read_plan_file(data: bytes, *, filename: str) -> tuple[str, ParsedDocument]:
    """Check and read an uploaded file; raise ImportFileError with a Vietnamese message."""
    kind = check_upload(data, filename=filename, max_bytes=max_upload_bytes())
    if kind == KIND_DOCX:
        document = read_docx(data, require_tasks=False)
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


def build_preview(
    *, agency: Agency, data: bytes, filename: str, year: int | None = None
) -> ImportPreview:
    """Parse `data` for `agency` and describe the import; writes nothing.

    `year` overrides the year read from the document (the CLI's and the form's choice).
    """
    kind, document = read_plan_file(data, filename=filename)
    warnings = list(document.warnings)
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
    )
    preview.existing_plan = find_existing_plan(agency=agency, metadata=metadata)
    if preview.existing_plan is not None:
        preview.changes = _compare(preview.existing_plan, rows, _area_ids())
    return preview


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
            area_code=area_code_for(raw.area_hint),
            lead_text=raw.lead_text,
            coordinating_text=raw.coordinating_text,
            lead=directory.resolve(raw.lead_text),
            coordinating=directory.resolve(raw.coordinating_text),
            deadline=deadline,
            merged_rows=raw.merged_rows,
            source=raw.source,
            area_path=roots[raw.path] if parent else "",
        )
        row.warnings = _row_warnings(row)
        rows.append(row)
    return rows


def _deadline_reader(year: int | None):
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


def _rematch(
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


def find_existing_plan(*, agency: Agency, metadata: PlanMetadata) -> Plan | None:
    """The plan a file revises: same agency and year, same number (or same title if none)."""
    plans = Plan.objects.filter(agency=agency, year=metadata.year)
    number = (metadata.number or "").strip()
    if number:
        return plans.filter(number=number, symbol=metadata.symbol or "").first()
    wanted = title_key(metadata.title)
    return next((plan for plan in plans.filter(number="") if title_key(plan.title) == wanted), None)


# --- applying -----------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitDecision:
    """What the coordinator chose for a unit name nobody recognised."""

    MAP = "map"
    CREATE = "create"
    KEEP = "keep"

    action: str
    unit_id: int | None = None
    kind: str = UnitKind.EXTERNAL


@dataclass
class ImportResult:
    """What an import did; lists hold STT codes (or paths when a row has none)."""

    plan: Plan
    created: bool
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    plan_changed: bool = False
    aliases_created: list[str] = field(default_factory=list)
    units_created: list[str] = field(default_factory=list)
    indicators: int = 0
    budget_lines: int = 0

    @property
    def changed_anything(self) -> bool:
        return bool(
            self.created
            or self.added
            or self.changed
            or self.removed
            or self.kept
            or self.plan_changed
            or self.aliases_created
            or self.units_created
        )


def apply_import(
    *,
    preview: ImportPreview,
    metadata: PlanMetadata | None = None,
    plan_kind: str | None = None,
    decisions: Mapping[str, UnitDecision] | None = None,
    area_leads: Mapping[str, int | None] | None = None,
    user=None,
    source_bytes: bytes | None = None,
) -> ImportResult:
    """Write the previewed plan (created or updated in place) in one transaction.

    `area_leads` maps a top-level section's path (`AreaLead.path`) to the unit chosen to lead
    its tasks that name no lead; a task that already has a lead in the database keeps it.
    """
    metadata = metadata or preview.metadata
    chosen = {path: unit_id for path, unit_id in (area_leads or {}).items() if unit_id}
    if any(unit_id not in preview.directory.names for unit_id in chosen.values()):
        raise ValueError("area lead is not an active unit of the agency")
    with transaction.atomic():
        aliases, units = _apply_decisions(preview.agency, decisions or {})
        directory = load_directory(preview.agency) if aliases or units else preview.directory
        rows = _rematch(preview.rows, directory=directory, year=metadata.year)
        for row in rows:
            if row.needs_lead:
                row.area_lead_id = chosen.get(row.area_path)
        plan = find_existing_plan(agency=preview.agency, metadata=metadata)
        created = plan is None
        if created:
            plan = Plan(agency=preview.agency)
        plan_changed = _sync_plan(plan, metadata, plan_kind or preview.plan_kind)
        if source_bytes is not None and (created or plan_changed):
            plan.source_file.save(preview.filename, ContentFile(source_bytes), save=True)
        result = ImportResult(plan=plan, created=created, plan_changed=plan_changed and not created)
        result.aliases_created, result.units_created = aliases, units
        _sync_references(plan, metadata.basis_refs)
        _sync_tasks(plan, rows, result, user=user)
        # A file without targets or budget lines (a bare task table) leaves those alone.
        if preview.targets:
            result.indicators = _sync_indicators(plan, preview.targets)
        if preview.budget.items:
            result.budget_lines = _sync_budget(plan, preview.budget)
    return result


def _apply_decisions(
    agency: Agency, decisions: Mapping[str, UnitDecision]
) -> tuple[list[str], list[str]]:
    """Remember aliases and create units as chosen; return what was added."""
    aliases: list[str] = []
    units: list[str] = []
    for name, decision in decisions.items():
        if decision.action == UnitDecision.MAP and decision.unit_id:
            unit = Unit.objects.get(pk=decision.unit_id, agency=agency)
            _alias, created = UnitAlias.objects.get_or_create(unit=unit, name=name[:255])
            if created:
                aliases.append(name)
        elif decision.action == UnitDecision.CREATE:
            kind = decision.kind if decision.kind in UnitKind.values else UnitKind.EXTERNAL
            _unit, created = Unit.objects.get_or_create(
                agency=agency, name=name[:255], defaults={"kind": kind}
            )
            if created:
                units.append(name)
    return aliases, units


def _sync_plan(plan: Plan, metadata: PlanMetadata, kind: str) -> bool:
    values = {
        "number": (metadata.number or "")[:20],
        "symbol": (metadata.symbol or "")[:40],
        "title": metadata.title,
        "kind": kind if kind in PlanKind.values else PlanKind.OTHER,
        "year": metadata.year,
        "issued_on": metadata.issued_on,
        "legal_basis": metadata.basis,
        "signer": (metadata.signer or "")[:120],
        "signer_title": (metadata.signer_title or "").replace("\n", " ")[:120],
    }
    changed = [name for name, value in values.items() if getattr(plan, name) != value]
    if plan.pk is not None and not changed:
        return False
    for name in changed:
        setattr(plan, name, values[name])
    plan.save()
    return True


def _sync_references(plan: Plan, refs: list[str]) -> None:
    existing = {ref.text: ref for ref in plan.references.all()}
    wanted = [text[:255] for text in refs]
    PlanReference.objects.filter(plan=plan).exclude(text__in=wanted).delete()
    for text in wanted:
        if text in existing:
            continue
        match = _REF_NUMBER_RE.match(text)
        referenced = (
            Plan.objects.filter(number=match["number"], symbol=match["symbol"]).first()
            if match
            else None
        )
        PlanReference.objects.create(plan=plan, text=text, referenced_plan=referenced)


def _area_ids() -> dict[str, int]:
    return dict(Area.objects.values_list("code", "pk"))


def _task_values(row: PreviewRow, area_ids: Mapping[str, int]) -> dict[str, object]:
    deadline = row.deadline
    return {
        "code": row.code[:20],
        "position": row.position,
        "is_section": row.is_section,
        "area_id": area_ids.get(row.area_code),
        "content": row.content,
        "requirement": row.requirement,
        "notes": row.notes,
        "lead_text": row.lead_text,
        "coordinating_text": row.coordinating_text,
        "deadline_text": deadline.text[:500],
        "deadline_kind": str(deadline.kind),
        "due_date": deadline.due_date,
        "window_start": deadline.window_start,
        "recurrence": ",".join(str(item) for item in deadline.recurrence)[:60],
        "event_note": deadline.event_note[:300],
    }


def _wanted_assignments(
    row: PreviewRow, current: Iterable[tuple[int, str, int]] = ()
) -> list[tuple[int, str, int]]:
    """(unit, role, position) rows a task should have; `current` is what it has now.

    A row the file names no lead for keeps the leads it already has (set by an earlier
    import's area choice or by hand), else gets its area's chosen lead, if any.
    """
    lead_ids = row.lead_ids
    kept = []
    if row.needs_lead and not lead_ids:
        kept = sorted((a for a in current if a[1] == AssignmentRole.LEAD.value), key=lambda a: a[2])
        if not kept and row.area_lead_id:
            lead_ids = [row.area_lead_id]
    wanted = kept or [(unit_id, AssignmentRole.LEAD.value, n) for n, unit_id in enumerate(lead_ids)]
    lead = {unit_id for unit_id, _role, _position in wanted}
    coordinating = [unit_id for unit_id in row.coordinating_ids if unit_id not in lead]
    wanted += [
        (unit_id, AssignmentRole.COORDINATING.value, n) for n, unit_id in enumerate(coordinating)
    ]
    return wanted


def _differences(task: Task, values: Mapping[str, object]) -> list[str]:
    return [name for name, value in values.items() if getattr(task, name) != value]


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
            changes.added.append(row.code or row.path)
            continue
        current = sorted((a.unit_id, a.role, a.position) for a in task.assignments.all())
        parent_moved = (task.parent.path if task.parent_id else None) != row.parent_path
        if (
            _differences(task, _task_values(row, area_ids))
            or current != sorted(_wanted_assignments(row, current))
            or parent_moved
        ):
            row.change = "changed"
            changes.changed.append(row.code or row.path)
        else:
            row.change = "unchanged"
            changes.unchanged += 1
    changes.removed = [task.code or task.path for task in existing.values()]
    return changes


def has_reports(tasks: list[Task]) -> set[int]:
    """Ids of tasks someone has reported on: status, figures, texts, or rows hanging off them.

    Reverse relations are found generically so progress entries, evidence, comments and
    extensions added by other apps count without this module knowing them.
    """
    reported = {
        task.pk
        for task in tasks
        if task.status != TaskStatus.NOT_STARTED
        or task.progress
        or task.result
        or task.difficulties
        or task.proposals
        or task.completed_on
        or task.extended_due_date
    }
    ids = [task.pk for task in tasks]
    ignored = {Task, TaskAssignment, Indicator}
    for relation in Task._meta.related_objects:
        model = relation.related_model
        if model in ignored or model.__module__.startswith("simple_history") or not ids:
            continue
        if model.__name__.startswith("Historical"):
            continue
        if relation.many_to_many:
            continue
        name = relation.field.name
        reported |= set(
            model._default_manager.filter(**{f"{name}__in": ids}).values_list(name, flat=True)
        )
    return reported


def _sync_tasks(plan: Plan, rows: list[PreviewRow], result: ImportResult, *, user) -> None:
    area_ids = _area_ids()
    existing = {
        task.path: task for task in Task.objects.filter(plan=plan).prefetch_related("assignments")
    }
    by_path: dict[str, Task] = {}
    new_by_depth: dict[int, list[tuple[PreviewRow, Task]]] = {}
    updates: list[tuple[PreviewRow, Task, list[str]]] = []
    for row in rows:
        values = _task_values(row, area_ids)
        task = existing.pop(row.path, None)
        if task is None:
            task = Task(plan=plan, path=row.path[:120], **values)
            new_by_depth.setdefault(row.depth, []).append((row, task))
            result.added.append(row.code or row.path)
        else:
            changed = _differences(task, values)
            for name in changed:
                setattr(task, name, values[name])
            updates.append((row, task, changed))
        by_path[row.path] = task

    for depth in sorted(new_by_depth):
        batch = new_by_depth[depth]
        for row, task in batch:
            task.parent = by_path.get(row.parent_path or "")
        bulk_create_with_history([task for _row, task in batch], Task, default_user=user)

    assignments: list[TaskAssignment] = []
    for row, task, changed in updates:
        parent = by_path.get(row.parent_path) if row.parent_path else None
        if task.parent_id != (parent.pk if parent else None):
            task.parent = parent
            changed.append("parent")
        assignments_changed = _replace_assignments(task, row, assignments)
        if changed:
            task.save(update_fields=[*changed, "updated_at"])
        if changed or assignments_changed:
            result.changed.append(row.code or row.path)
    for _depth, batch in new_by_depth.items():
        for row, task in batch:
            assignments.extend(
                TaskAssignment(task=task, unit_id=unit_id, role=role, position=position)
                for unit_id, role, position in _wanted_assignments(row)
            )
    if assignments:
        bulk_create_with_history(assignments, TaskAssignment, default_user=user)
    _remove_missing(list(existing.values()), result)


def _replace_assignments(task: Task, row: PreviewRow, pending: list[TaskAssignment]) -> bool:
    current = sorted((a.unit_id, a.role, a.position) for a in task.assignments.all())
    wanted = _wanted_assignments(row, current)
    if current == sorted(wanted):
        return False
    task.assignments.all().delete()
    pending.extend(
        TaskAssignment(task=task, unit_id=unit_id, role=role, position=position)
        for unit_id, role, position in wanted
    )
    return True


def _remove_missing(missing: list[Task], result: ImportResult) -> None:
    """Delete rows the new version dropped, but keep (and mark) rows already reported on."""
    if not missing:
        return
    reported = has_reports(missing)
    by_id = {task.pk: task for task in missing}
    keep = set(reported)
    for task_id in reported:  # a reported row keeps its ancestors, or CASCADE would take it
        parent_id = by_id[task_id].parent_id
        while parent_id in by_id and parent_id not in keep:
            keep.add(parent_id)
            parent_id = by_id[parent_id].parent_id
    mark = str(REMOVED_MARK) % {"day": timezone.localdate().strftime("%d/%m/%Y")}
    for task in missing:
        label = task.code or task.path
        if task.pk in keep:
            result.kept.append(label)
            if not _REMOVED_MARK_RE.match(task.notes):
                task.notes = f"{mark}\n{task.notes}".strip()
                task.save(update_fields=["notes", "updated_at"])
        else:
            result.removed.append(label)
    Task.objects.filter(pk__in=[pk for pk in by_id if pk not in keep]).delete()


def _indicator_key(text: str, value: Decimal, comparator: str) -> tuple[str, str, str]:
    return (title_key(text), f"{Decimal(value).normalize()}", str(comparator))


def _sync_indicators(plan: Plan, targets: list[Target]) -> int:
    existing: dict[tuple[str, str, str], list[Indicator]] = {}
    for indicator in Indicator.objects.filter(plan=plan).prefetch_related("values"):
        key = _indicator_key(indicator.text, indicator.target_value, indicator.comparator)
        existing.setdefault(key, []).append(indicator)
    for position, target in enumerate(targets, start=1):
        values = {
            "name": (target.subject or target.text)[:300],
            "text": target.text,
            "comparator": str(target.comparator),
            "target_value": Decimal(target.value).quantize(Decimal("0.01")),
            "unit": target.unit[:40],
            "per": target.per[:10],
            "position": position,
        }
        matches = existing.get(_indicator_key(target.text, target.value, target.comparator))
        if matches:
            indicator = matches.pop(0)
            changed = [name for name, value in values.items() if getattr(indicator, name) != value]
            if changed:
                for name in changed:
                    setattr(indicator, name, values[name])
                indicator.save(update_fields=changed)
        else:
            Indicator.objects.create(plan=plan, **values)
    for leftovers in existing.values():
        for indicator in leftovers:
            if not indicator.values.all():  # values already reported keep the indicator
                indicator.delete()
    return len(targets)


def _sync_budget(plan: Plan, budget: BudgetParse) -> int:
    existing = {line.code: line for line in BudgetLine.objects.filter(plan=plan)}
    by_code: dict[str, BudgetLine] = {}
    for position, item in enumerate(budget.items, start=1):
        parent = by_code.get(item.parent_code) if item.parent_code else None
        values = {
            "parent_id": parent.pk if parent else None,
            "content": item.content,
            "planned_amount": item.amount,
            "note": item.note,
            "position": position,
        }
        line = existing.pop(item.code[:20], None)
        if line is None:
            line = BudgetLine.objects.create(plan=plan, code=item.code[:20], **values)
        else:
            changed = [name for name, value in values.items() if getattr(line, name) != value]
            if changed:
                for name in changed:
                    setattr(line, name, values[name])
                line.save(update_fields=changed)
        by_code[item.code] = line
    for line in existing.values():
        if not line.entries.exists():  # money already allocated or spent keeps its line
            line.delete()
    return len(budget.items)


RECURRENCE_LABELS = {
    Recurrence.WEEKLY: _lazy("hằng tuần"),
    Recurrence.MONTHLY: _lazy("hằng tháng"),
    Recurrence.QUARTERLY: _lazy("hằng quý"),
    Recurrence.HALF_YEARLY: _lazy("6 tháng"),
    Recurrence.YEARLY: _lazy("hằng năm"),
}


def deadline_for_display(deadline: Deadline) -> str:
    """A short Vietnamese reading of a parsed deadline for the preview and the CLI."""
    from tasks.models import DeadlineKind as ModelKind

    label = str(ModelKind(str(deadline.kind)).label)
    parts = [label]
    if deadline.recurrence:
        parts.append(", ".join(str(RECURRENCE_LABELS[item]) for item in deadline.recurrence))
    if deadline.window_start and deadline.kind in (DeadlineKind.WINDOW, DeadlineKind.CONTINUOUS):
        parts.append(f"từ {_vn_date(deadline.window_start)}")
    if deadline.due_date:
        parts.append(f"hạn {_vn_date(deadline.due_date)}")
    if deadline.event_note:
        parts.append(deadline.event_note)
    return " · ".join(parts)


def _vn_date(value: date) -> str:
    return value.strftime("%d/%m/%Y")
