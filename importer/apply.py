"""The write side of an import: apply a confirmed preview to the database in one transaction.

``apply_import`` creates the plan, or updates the existing one by each row's ``path`` (the
stable STT key): rows that stayed are updated in place, so status, progress, results and
anything other apps hang off a task survive; new rows are added; rows no longer in the file
are deleted unless someone already reported on them (see ``has_reports``), in which case they
are kept and marked in ``notes`` so the coordinator can decide. Nothing is written when the
file brings no change, which keeps ``load_demo`` idempotent and history clean.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _lazy
from simple_history.utils import bulk_create_with_history

from budget.models import BudgetLine
from importer.classify import title_key
from importer.parsing.budget import BudgetParse
from importer.parsing.document import PlanMetadata
from importer.parsing.targets import Target
from importer.preview import (
    Assignment,
    ImportPreview,
    PreviewRow,
    area_ids_by_code,
    changed_fields,
    current_assignments,
    find_existing_plan,
    rematch_rows,
)
from importer.unit_lookup import load_directory
from indicators.models import Indicator
from organizations.models import Agency, Unit, UnitAlias, UnitKind
from plans.models import Plan, PlanKind, PlanReference
from tasks.models import Task, TaskAssignment, TaskStatus

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

REMOVED_MARK = _lazy("Không còn trong bản kế hoạch nhập lại ngày %(day)s.")
_REMOVED_MARK_RE = re.compile(r"^Không còn trong bản kế hoạch nhập lại ngày [\d/]+\.\n?")
_REF_NUMBER_RE = re.compile(r"^(?P<number>\d+)/(?P<symbol>[^\s]+)")

# Plan fields an import owns, in the order the confirmation form shows them for editing.
PLAN_IMPORT_FIELDS = (
    "title",
    "number",
    "symbol",
    "kind",
    "year",
    "issued_on",
    "legal_basis",
    "signer",
    "signer_title",
)


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
    user: AbstractBaseUser | None = None,
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
        rows = rematch_rows(preview.rows, directory=directory, year=metadata.year)
        for row in rows:
            if row.needs_lead:
                row.area_lead_id = chosen.get(row.area_path)
        plan = find_existing_plan(agency=preview.agency, metadata=metadata)
        created = plan is None
        if plan is None:
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
            _sync_stated_total(plan, preview.budget.total_stated)
    return result


def _assign_changed(instance: models.Model, values: Mapping[str, object]) -> list[str]:
    """Set the values that differ on `instance` (unsaved) and return their names."""
    changed = changed_fields(instance, values)
    for name in changed:
        setattr(instance, name, values[name])
    return changed


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


# --- the plan -------------------------------------------------------------------------------


def _sync_plan(plan: Plan, metadata: PlanMetadata, kind: str) -> bool:
    values = {
        "title": metadata.title,
        "number": (metadata.number or "")[:20],
        "symbol": (metadata.symbol or "")[:40],
        "kind": kind if kind in PlanKind.values else PlanKind.OTHER,
        "year": metadata.year,
        "issued_on": metadata.issued_on,
        "legal_basis": metadata.basis,
        "signer": (metadata.signer or "")[:120],
        "signer_title": (metadata.signer_title or "").replace("\n", " ")[:120],
    }
    changed = _assign_changed(plan, values)
    if plan.pk is not None and not changed:
        return False
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


# --- tasks ----------------------------------------------------------------------------------


@dataclass
class _SortedRows:
    """The file's rows sorted against the plan's tasks: what to create, update and remove."""

    by_path: dict[str, Task] = field(default_factory=dict)
    new_by_depth: dict[int, list[tuple[PreviewRow, Task]]] = field(default_factory=dict)
    updates: list[tuple[PreviewRow, Task, list[str]]] = field(default_factory=list)
    missing: list[Task] = field(default_factory=list)


def _sync_tasks(
    plan: Plan, rows: list[PreviewRow], result: ImportResult, *, user: AbstractBaseUser | None
) -> None:
    matched = _sort_rows(plan, rows, result)
    _create_new(matched, user=user)
    assignments: list[TaskAssignment] = []
    for row, task, changed in matched.updates:
        if _update_existing(row, task, changed, by_path=matched.by_path, pending=assignments):
            result.changed.append(row.label)
    for _depth, batch in matched.new_by_depth.items():
        for row, task in batch:
            assignments.extend(_assignments(task, row.wanted_assignments()))
    if assignments:
        bulk_create_with_history(assignments, TaskAssignment, default_user=user)
    _remove_missing(matched.missing, result)


def _sort_rows(plan: Plan, rows: list[PreviewRow], result: ImportResult) -> _SortedRows:
    """Match rows to tasks by path: new tasks built, existing ones given new values (unsaved)."""
    area_ids = area_ids_by_code()
    existing = {
        task.path: task for task in Task.objects.filter(plan=plan).prefetch_related("assignments")
    }
    matched = _SortedRows()
    for row in rows:
        values = row.task_values(area_ids)
        task = existing.pop(row.path, None)
        if task is None:
            task = Task(plan=plan, path=row.path[:120], **values)
            matched.new_by_depth.setdefault(row.depth, []).append((row, task))
            result.added.append(row.label)
        else:
            matched.updates.append((row, task, _assign_changed(task, values)))
        matched.by_path[row.path] = task
    matched.missing = list(existing.values())
    return matched


def _create_new(matched: _SortedRows, *, user: AbstractBaseUser | None) -> None:
    """Insert new tasks a level at a time, so each parent has its id before its children."""
    for depth in sorted(matched.new_by_depth):
        batch = matched.new_by_depth[depth]
        for row, task in batch:
            task.parent = matched.by_path.get(row.parent_path or "")
        bulk_create_with_history([task for _row, task in batch], Task, default_user=user)


def _update_existing(
    row: PreviewRow,
    task: Task,
    changed: list[str],
    *,
    by_path: Mapping[str, Task],
    pending: list[TaskAssignment],
) -> bool:
    """Save an existing task's changed fields and parent; True if it or its units changed."""
    parent = by_path.get(row.parent_path) if row.parent_path else None
    if task.parent_id != (parent.pk if parent else None):
        task.parent = parent
        changed.append("parent")
    assignments_changed = _replace_assignments(task, row, pending)
    if changed:
        task.save(update_fields=[*changed, "updated_at"])
    return bool(changed or assignments_changed)


def _assignments(task: Task, wanted: Iterable[Assignment]) -> list[TaskAssignment]:
    return [
        TaskAssignment(task=task, unit_id=unit_id, role=role, position=position)
        for unit_id, role, position in wanted
    ]


def _replace_assignments(task: Task, row: PreviewRow, pending: list[TaskAssignment]) -> bool:
    current = current_assignments(task)
    wanted = row.wanted_assignments(current)
    if current == sorted(wanted):
        return False
    task.assignments.all().delete()
    pending.extend(_assignments(task, wanted))
    return True


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
    for model, name in _reporting_relations() if ids else []:
        reported |= set(
            model._default_manager.filter(**{f"{name}__in": ids}).values_list(name, flat=True)
        )
    return reported


def _reporting_relations() -> list[tuple[type[models.Model], str]]:
    """(model, field) of the rows other apps hang off a task, minus history and the import's own."""
    ignored = {Task, TaskAssignment, Indicator}
    relations = []
    for relation in Task._meta.related_objects:
        model = relation.related_model
        if isinstance(model, str) or model in ignored or relation.many_to_many:
            continue
        if model.__module__.startswith("simple_history") or model.__name__.startswith("Historical"):
            continue
        relations.append((model, relation.field.name))
    return relations


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


# --- indicators and budget ------------------------------------------------------------------


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
            changed = _assign_changed(indicator, values)
            if changed:
                indicator.save(update_fields=changed)
        else:
            Indicator.objects.create(plan=plan, **values)
    for leftovers in existing.values():
        for indicator in leftovers:
            if not indicator.values.all():  # values already reported keep the indicator
                indicator.delete()
    return len(targets)


def _sync_stated_total(plan: Plan, total_stated: int | None) -> None:
    if plan.budget_total_stated != total_stated:
        plan.budget_total_stated = total_stated
        plan.save(update_fields=["budget_total_stated", "updated_at"])


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
            changed = _assign_changed(line, values)
            if changed:
                line.save(update_fields=changed)
        by_code[item.code] = line
    for line in existing.values():
        if not line.entries.exists():  # money already allocated or spent keeps its line
            line.delete()
    return len(budget.items)
