"""A sample plan saved as .doc or PDF imports to the same rows as the .docx it was made from."""

from __future__ import annotations

import pytest
from django.db import transaction

from importer.apply import apply_import
from importer.preview import build_preview
from tasks.models import Task, TaskAssignment
from tests.importer.integration.conftest import CAO_BANG_PLAN, CCHC, KSTTHC, sample
from tests.importer.office_files import convert_docx, needs_soffice

pytestmark = [pytest.mark.django_db, needs_soffice]

FIELDS = (
    "path",
    "code",
    "is_section",
    "content",
    "lead_text",
    "coordinating_text",
    "deadline_text",
    "deadline_kind",
    "due_date",
    "area__code",
    "parent__path",
)


def _imported(agency, data: bytes, filename: str):
    """Import, read back what was written, and roll it back so the next import is a new one."""
    with transaction.atomic():
        result = _import_and_read(agency, data, filename)
        transaction.set_rollback(True)
    return result


def _import_and_read(agency, data: bytes, filename: str):
    preview = build_preview(agency=agency, data=data, filename=filename)
    plan = apply_import(preview=preview).plan
    rows = list(Task.objects.filter(plan=plan).order_by("position").values_list(*FIELDS))
    assignments = sorted(
        TaskAssignment.objects.filter(task__plan=plan).values_list(
            "task__path", "unit__name", "role"
        )
    )
    counts = (plan.indicators.count(), plan.budget_lines.count())
    facts = (plan.number, plan.symbol, plan.title, plan.year, plan.signer)
    return preview, rows, assignments, counts, facts


@pytest.mark.parametrize("kind", ["pdf", "doc"])
@pytest.mark.parametrize(
    ("name", "agency"),
    [(KSTTHC, "thai_nguyen"), (CCHC, "thai_nguyen"), (CAO_BANG_PLAN, "cao_bang")],
)
def test_same_rows_as_the_docx(demo, kind, name, agency):
    target = getattr(demo, agency)
    docx = sample(name)
    expected = _imported(target, docx, name)
    converted = convert_docx(docx, kind)
    found = _imported(target, converted, name.replace(".docx", f".{kind}"))
    assert found[0].file_kind == kind
    assert found[1:] == expected[1:]
    assert found[0].warnings == expected[0].warnings
