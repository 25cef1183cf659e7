"""The lists of fields an import owns say what the code writes."""

from __future__ import annotations

import pytest

from importer.apply import PLAN_IMPORT_FIELDS
from importer.forms import ConfirmImportForm
from importer.preview import TASK_IMPORT_FIELDS, build_preview
from plans.models import Plan
from tasks.models import Task
from tests.importer.integration.conftest import KSTTHC, sample

pytestmark = pytest.mark.django_db


def _attnames(model) -> set[str]:
    return {field.attname for field in model._meta.concrete_fields}


def test_a_row_sets_exactly_the_task_fields_an_import_owns(demo):
    preview = build_preview(agency=demo.thai_nguyen, data=sample(KSTTHC), filename=KSTTHC)
    for row in preview.rows:
        assert tuple(row.task_values({})) == TASK_IMPORT_FIELDS
    assert set(TASK_IMPORT_FIELDS) <= _attnames(Task)
    assert not {"status", "progress", "result"} & set(TASK_IMPORT_FIELDS)


def test_the_confirm_form_edits_every_plan_field_an_import_owns(demo):
    preview = build_preview(agency=demo.thai_nguyen, data=sample(KSTTHC), filename=KSTTHC)
    form = ConfirmImportForm(preview=preview)
    assert set(PLAN_IMPORT_FIELDS) <= set(form.fields)
    assert set(PLAN_IMPORT_FIELDS) <= _attnames(Plan)
