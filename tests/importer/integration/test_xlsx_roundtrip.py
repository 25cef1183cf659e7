"""Exporting a plan to .xlsx and importing the file again gives the same plan."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from importer.apply import apply_import
from importer.preview import build_preview
from importer.resources import HEADERS, export_plan_csv, export_plan_xlsx
from plans.models import Plan
from tasks.models import Task
from tests.importer.integration.conftest import CCHC, KSTTHC, KSTTHC_XLSX, sample, snapshot

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", [KSTTHC, CCHC])
def test_export_then_import_changes_nothing(demo, name):
    plan = apply_import(
        preview=build_preview(agency=demo.thai_nguyen, data=sample(name), filename=name)
    ).plan
    Plan.objects.filter(pk=plan.pk).update(number="12", issued_on=dt.date(2026, 1, 5))
    plan.refresh_from_db()
    before = snapshot()
    data = export_plan_xlsx(plan)
    preview = build_preview(agency=demo.thai_nguyen, data=data, filename="ke-hoach.xlsx")
    meta = preview.metadata
    assert (meta.number, meta.symbol, meta.title, meta.year) == (
        "12",
        "KH-STP",
        plan.title,
        2026,
    )
    assert (meta.issued_on, meta.signer, meta.basis) == (
        dt.date(2026, 1, 5),
        plan.signer,
        plan.legal_basis,
    )
    assert preview.existing_plan == plan
    assert preview.changes.added == preview.changes.changed == preview.changes.removed == []
    result = apply_import(preview=preview)
    assert not result.changed_anything
    assert snapshot() == before


def test_sample_xlsx_gives_the_same_tasks_as_the_docx(demo):
    from_docx = build_preview(agency=demo.thai_nguyen, data=sample(KSTTHC), filename=KSTTHC)
    from_xlsx = build_preview(
        agency=demo.thai_nguyen, data=sample(KSTTHC_XLSX), filename=KSTTHC_XLSX
    )

    def shape(preview):
        return [
            (
                row.path,
                row.is_section,
                row.content,
                row.lead_ids,
                row.coordinating_ids,
                row.deadline.kind,
                row.deadline.due_date,
            )
            for row in preview.rows
        ]

    assert shape(from_xlsx) == shape(from_docx)
    assert from_xlsx.metadata.year == 2026  # guessed from the deadlines, with a warning
    assert from_xlsx.warnings


def test_csv_export_has_the_appendix_columns_and_imports(demo):
    plan = apply_import(
        preview=build_preview(agency=demo.thai_nguyen, data=sample(CCHC), filename=CCHC)
    ).plan
    data = export_plan_csv(plan)
    header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert header == list(HEADERS.values())
    preview = build_preview(agency=demo.thai_nguyen, data=data, filename="ke-hoach.csv")
    assert [row.content for row in preview.rows] == list(
        Task.objects.filter(plan=plan).values_list("content", flat=True)
    )
