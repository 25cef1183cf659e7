"""What the preview page (and the CLI) shows, computed here so the template only displays."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from importer.parsing.budget import format_vnd
from importer.parsing.deadlines import Deadline, DeadlineKind, Recurrence
from importer.parsing.targets import Target
from importer.preview import ImportPreview, PreviewRow
from importer.unit_lookup import UnitDirectory, UnitRef
from indicators.models import Comparator
from tasks.models import DeadlineKind as TaskDeadlineKind

RECURRENCE_LABELS = {
    Recurrence.WEEKLY: _lazy("hằng tuần"),
    Recurrence.MONTHLY: _lazy("hằng tháng"),
    Recurrence.QUARTERLY: _lazy("hằng quý"),
    Recurrence.HALF_YEARLY: _lazy("6 tháng"),
    Recurrence.YEARLY: _lazy("hằng năm"),
}
CHANGE_LABELS = {
    "added": ("success", _lazy("Mới")),
    "changed": ("warning", _lazy("Thay đổi")),
    "unchanged": ("secondary", _lazy("Giữ nguyên")),
}


def deadline_for_display(deadline: Deadline) -> str:
    """A short Vietnamese reading of a parsed deadline for the preview and the CLI."""
    parts = [str(TaskDeadlineKind(str(deadline.kind)).label)]
    if deadline.recurrence:
        parts.append(", ".join(str(RECURRENCE_LABELS[item]) for item in deadline.recurrence))
    if deadline.window_start and deadline.kind in (DeadlineKind.WINDOW, DeadlineKind.CONTINUOUS):
        parts.append(_("từ %(day)s") % {"day": _vn_date(deadline.window_start)})
    if deadline.due_date:
        parts.append(_("hạn %(day)s") % {"day": _vn_date(deadline.due_date)})
    if deadline.event_note:
        parts.append(deadline.event_note)
    return " · ".join(parts)


def _vn_date(value: date) -> str:
    return value.strftime("%d/%m/%Y")


@dataclass(frozen=True)
class UnitChip:
    label: str
    matched: bool
    members: str = ""  # for a group: who it stands for


@dataclass(frozen=True)
class RowView:
    code: str
    content: str
    title: str
    indent_rem: float
    is_section: bool
    is_heading: bool
    lead: list[UnitChip]
    coordinating: list[UnitChip]
    deadline_text: str
    deadline_reading: str
    deadline_known: bool
    requirement: str
    notes: str
    warnings: list[str]
    merged_rows: int
    change_class: str
    change_label: str
    row_class: str


def _chips(refs: list[UnitRef], directory: UnitDirectory) -> list[UnitChip]:
    chips = []
    for ref in refs:
        if not ref.matched:
            chips.append(UnitChip(ref.written, matched=False))
            continue
        for unit_id in ref.unit_ids:
            members = directory.members.get(unit_id, ())
            hint = _("Gồm: %(names)s") % {"names": "; ".join(members)} if members else ""
            chips.append(UnitChip(directory.label(unit_id), matched=True, members=hint))
    return chips


def row_view(row: PreviewRow, directory: UnitDirectory) -> RowView:
    change_class, change_label = CHANGE_LABELS.get(row.change, ("", ""))
    row_class = "task-section" if row.is_section else ""
    if row.warnings and not row.is_section:
        row_class = "table-warning"
    return RowView(
        code=row.code,
        content=row.content,
        title=row.title,
        indent_rem=min(row.depth, 4) * 1.0,
        is_section=row.is_section,
        is_heading=row.is_heading and not row.is_section,
        lead=_chips(row.lead, directory),
        coordinating=_chips(row.coordinating, directory),
        deadline_text=row.deadline.text,
        deadline_reading=deadline_for_display(row.deadline) if row.deadline.text else "",
        deadline_known=str(row.deadline.kind) != "unknown",
        requirement=row.requirement,
        notes=row.notes,
        warnings=row.warnings,
        merged_rows=row.merged_rows,
        change_class=change_class,
        change_label=str(change_label),
        row_class=row_class,
    )


@dataclass(frozen=True)
class PreviewSummary:
    sections: int
    tasks: int
    heading_tasks: int
    merged_rows: int
    indicators: int
    budget_lines: int
    unmatched: int
    warnings: int


def summary(preview: ImportPreview) -> PreviewSummary:
    return PreviewSummary(
        sections=len(preview.sections),
        tasks=len(preview.tasks),
        heading_tasks=sum(1 for row in preview.tasks if row.is_heading),
        merged_rows=sum(row.merged_rows for row in preview.rows),
        indicators=len(preview.targets),
        budget_lines=len(preview.budget.items),
        unmatched=len(preview.units_unmatched),
        warnings=len(preview.warnings) + sum(len(row.warnings) for row in preview.rows),
    )


def preview_context(preview: ImportPreview) -> dict:
    return {
        "preview": preview,
        "summary": summary(preview),
        "rows": [row_view(row, preview.directory) for row in preview.rows],
        "changes": preview.changes,
        "budget": preview.budget,
        "budget_rows": [
            BudgetRowView(item.code, item.content, _amount(item.amount), item.note)
            for item in preview.budget.items
        ],
        "budget_total_computed": _amount(preview.budget.total_computed),
        "budget_total_stated": _amount(preview.budget.total_stated),
        "targets": [target_view(target) for target in preview.targets],
    }


@dataclass(frozen=True)
class BudgetRowView:
    code: str
    content: str
    amount: str
    note: str


def _amount(value: int | None) -> str:
    """Whole đồng with Vietnamese grouping (4.415.800.000), whatever the active language."""
    return format_vnd(value) if value is not None else ""


@dataclass(frozen=True)
class TargetView:
    name: str
    comparator_label: str
    value: str
    unit: str
    text: str


def target_view(target: Target) -> TargetView:
    value = target.value.normalize()
    written = f"{value:f}".replace(".", ",")
    return TargetView(
        name=target.subject,
        comparator_label=str(Comparator(str(target.comparator)).label),
        value=written,
        unit=target.unit,
        text=target.text,
    )
