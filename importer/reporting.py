"""Plain-data views of an import preview and result, for the CLI's JSON and messages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from importer.apply import ImportResult
from importer.parsing.deadlines import Deadline
from importer.preview import ImportPreview, PreviewRow
from importer.unit_lookup import UnitDirectory, UnitRef
from tasks.models import Area


def unit_labels(refs: list[UnitRef], directory: UnitDirectory) -> list[str]:
    """Matched unit names, or the text as written when a name matched nothing."""
    labels: list[str] = []
    for ref in refs:
        names = [directory.label(unit_id) for unit_id in ref.unit_ids] or [ref.written]
        labels.extend(name for name in names if name not in labels)
    return labels


def deadline_data(deadline: Deadline) -> dict[str, Any]:
    return {
        "text": deadline.text,
        "kind": str(deadline.kind),
        "due_date": deadline.due_date.isoformat() if deadline.due_date else None,
        "window_start": deadline.window_start.isoformat() if deadline.window_start else None,
        "recurrence": [str(item) for item in deadline.recurrence],
        "event_note": deadline.event_note,
        "warnings": list(deadline.warnings),
    }


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _row_data(row: PreviewRow, directory: UnitDirectory, areas: dict[str, str]) -> dict[str, Any]:
    return {
        "code": row.code,
        "path": row.path,
        "title": row.title,
        "area": areas.get(row.area_code, ""),
        "content": row.content,
        "is_section": row.is_section,
        "lead": unit_labels(row.lead, directory),
        "coordinating": unit_labels(row.coordinating, directory),
        "deadline_text": row.deadline.text,
        "deadline_kind": str(row.deadline.kind),
        "due_date": row.deadline.due_date.isoformat() if row.deadline.due_date else None,
        "requirement": row.requirement,
        "warnings": row.warnings,
    }


def preview_data(preview: ImportPreview) -> dict[str, Any]:
    """The import as one JSON-ready object (the shape `import_plan --json` prints)."""
    meta = preview.metadata
    areas = dict(Area.objects.values_list("code", "name"))
    row_warnings = [
        f"{row.code or row.path}: {warning}" for row in preview.rows for warning in row.warnings
    ]
    return {
        "plan": {
            "number": meta.number,
            "symbol": meta.symbol,
            "title": meta.title,
            "year": meta.year,
            "issued_on": meta.issued_on.isoformat() if meta.issued_on else None,
            "basis": meta.basis,
            "signer": meta.signer,
            "signer_title": meta.signer_title,
            "kind": preview.plan_kind,
            "existing_plan_id": preview.existing_plan.pk if preview.existing_plan else None,
        },
        "sections": len(preview.sections),
        "tasks": len(preview.tasks),
        "rows": [_row_data(row, preview.directory, areas) for row in preview.rows],
        "indicators": [
            {
                "text": target.text,
                "name": target.subject,
                "comparator": str(target.comparator),
                "value": _number(target.value),
                "unit": target.unit,
                "per": target.per,
            }
            for target in preview.targets
        ],
        "budget_lines": [
            {"code": item.code, "content": item.content, "amount": item.amount, "note": item.note}
            for item in preview.budget.items
        ],
        "budget_total_stated": preview.budget.total_stated,
        "budget_total_computed": preview.budget.total_computed,
        "units_unmatched": preview.units_unmatched,
        "warnings": [*preview.warnings, *row_warnings],
        "errors": [],
        "changes": (
            {
                "added": preview.changes.added,
                "changed": preview.changes.changed,
                "removed": preview.changes.removed,
                "unchanged": preview.changes.unchanged,
            }
            if preview.changes
            else None
        ),
    }


def result_summary(result: ImportResult) -> str:
    """One Vietnamese sentence saying what an import did."""
    if result.created:
        return _(
            "Đã tạo kế hoạch “%(title)s”: %(rows)s dòng nhiệm vụ, %(indicators)s chỉ tiêu, "
            "%(budget)s dòng kinh phí."
        ) % {
            "title": result.plan.title,
            "rows": len(result.added),
            "indicators": result.indicators,
            "budget": result.budget_lines,
        }
    if not result.changed_anything:
        return _("Kế hoạch “%(title)s” đã có sẵn và không có gì thay đổi.") % {
            "title": result.plan.title
        }
    text = _(
        "Đã cập nhật kế hoạch “%(title)s”: thêm %(added)s, sửa %(changed)s, xóa %(removed)s dòng."
    ) % {
        "title": result.plan.title,
        "added": len(result.added),
        "changed": len(result.changed),
        "removed": len(result.removed),
    }
    if result.kept:
        text += " " + _(
            "Giữ lại %(count)s dòng không còn trong tệp vì đã có báo cáo: %(codes)s."
        ) % {"count": len(result.kept), "codes": ", ".join(result.kept)}
    return text


def result_counts(result: ImportResult) -> dict[str, Any]:
    """What an import did, in numbers (the audit log's record of it)."""
    return {
        "created": result.created,
        "added": len(result.added),
        "changed": len(result.changed),
        "removed": len(result.removed),
        "kept": len(result.kept),
    }
