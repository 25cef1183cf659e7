"""An import that fails half-way leaves no plan, task or budget row behind."""

from __future__ import annotations

import pytest

from budget.models import BudgetLine
from importer import apply
from importer.apply import apply_import
from importer.preview import build_preview
from indicators.models import Indicator
from plans.models import Plan
from tasks.models import Task, TaskAssignment
from tests.importer.integration.conftest import CCHC, sample, snapshot

pytestmark = pytest.mark.django_db


class Boom(RuntimeError):
    pass


def _after(real):
    """``real``, then a failure: the step's own rows are written when the import breaks."""

    def step(*args, **kwargs):
        real(*args, **kwargs)
        raise Boom("the disk is full")

    return step


@pytest.mark.parametrize("step", ["_sync_tasks", "_sync_indicators", "_sync_budget"])
def test_a_step_raising_rolls_the_whole_import_back(demo, monkeypatch, step):
    preview = build_preview(agency=demo.thai_nguyen, data=sample(CCHC), filename=CCHC)
    before = snapshot()
    monkeypatch.setattr(apply, step, _after(getattr(apply, step)))
    with pytest.raises(Boom):
        apply_import(preview=preview, user=demo.users["coordinator"])
    assert not Plan.objects.filter(agency=demo.thai_nguyen).exists()
    assert not Task.objects.exists() and not TaskAssignment.objects.exists()
    assert not BudgetLine.objects.exists() and not Indicator.objects.exists()
    assert snapshot() == before


def test_the_same_import_without_the_failure_writes_them(demo):
    # The counter-test: the rows above are really written by these steps.
    preview = build_preview(agency=demo.thai_nguyen, data=sample(CCHC), filename=CCHC)
    apply_import(preview=preview, user=demo.users["coordinator"])
    assert Plan.objects.filter(agency=demo.thai_nguyen).count() == 1
    assert Task.objects.exists() and BudgetLine.objects.exists() and Indicator.objects.exists()
