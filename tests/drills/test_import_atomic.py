"""An import that fails in the middle leaves the database exactly as it was: no plan, task or
budget row, no unit alias, nothing half-written."""

from __future__ import annotations

import pytest

import importer.apply
from budget.models import BudgetLine
from importer.apply import apply_import
from importer.preview import build_preview
from plans.models import Plan
from tasks.models import Task, TaskAssignment
from tests.importer.integration.conftest import CCHC, demo, sample, snapshot  # noqa: F401

pytestmark = pytest.mark.django_db


class DiskFull(OSError):
    """What a real failure half-way looks like: the tasks are written, the budget is not."""


@pytest.mark.parametrize("step", ["_sync_tasks", "_sync_indicators", "_sync_budget"])
def test_a_failure_during_apply_leaves_no_row(demo, monkeypatch, step):  # noqa: F811
    preview = build_preview(agency=demo.thai_nguyen, data=sample(CCHC), filename=CCHC)
    assert preview.budget.items and preview.targets  # every step below runs for this plan
    before = snapshot()
    real = getattr(importer.apply, step)
    reached = []

    def fail_after_writing(plan, *args, **kwargs):
        real(plan, *args, **kwargs)  # the step writes its rows, then the disk fills up
        reached.append(Task.objects.filter(plan=plan).count())
        raise DiskFull("No space left on device")

    monkeypatch.setattr(importer.apply, step, fail_after_writing)
    with pytest.raises(DiskFull):
        apply_import(preview=preview, source_bytes=sample(CCHC))
    assert reached and reached[0] > 0  # the failure came after tasks had been written
    assert not Plan.objects.exists()
    assert not Task.objects.exists() and not TaskAssignment.objects.exists()
    assert not BudgetLine.objects.exists()
    assert snapshot() == before
