"""The budget page: who may open it, and the totals, allocations and disbursements it shows."""

import datetime as dt

import pytest
from django.urls import reverse

from budget.models import BudgetEntry, BudgetLine, EntryKind
from budget.selectors import budget_totals

URL = reverse("budget:list")
pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 2)


def line(plan, content: str, amount: int | None, parent=None) -> BudgetLine:
    return BudgetLine.objects.create(
        plan=plan, parent=parent, content=content, planned_amount=amount, position=0
    )


def entry(line: BudgetLine, kind: str, amount: int) -> None:
    BudgetEntry.objects.create(line=line, kind=kind, amount=amount, date=DAY)


@pytest.fixture
def budget(world):
    plan = world.task_a.plan
    stated = line(plan, "Chi tuyên truyền", 30_000_000)
    line(plan, "In tờ rơi", 10_000_000, parent=stated)  # part of the 30, not added to it
    summed = line(plan, "Chi hội nghị", None)
    first = line(plan, "Hội nghị sơ kết", 4_000_000, parent=summed)
    line(plan, "Hội nghị tổng kết", 6_000_000, parent=summed)
    entry(stated, EntryKind.ALLOCATION, 30_000_000)
    entry(stated, EntryKind.DISBURSEMENT, 12_000_000)
    entry(stated, EntryKind.DISBURSEMENT, 3_000_000)
    entry(first, EntryKind.ALLOCATION, 4_000_000)
    other = line(world.task_other.plan, "Chi của cơ quan khác", 99_000_000)
    entry(other, EntryKind.ALLOCATION, 99_000_000)
    return {"stated": stated, "first": first}


@pytest.mark.parametrize("who", ["staff_a", "head_a", "staff_b"])
def test_a_role_without_budget_gets_403_not_an_empty_list(client, world, who):
    client.force_login(world.users[who])
    assert client.get(URL).status_code == 403


def test_totals_count_sub_items_once_and_leave_other_agencies_out(world, budget):
    lines = BudgetLine.objects.visible_to(world.users["accountant"])
    totals = budget_totals(lines=lines)
    assert (totals.planned, totals.allocated, totals.disbursed) == (
        40_000_000,
        34_000_000,
        15_000_000,
    )
    assert totals.remaining == 19_000_000


def test_an_empty_budget_totals_zero(world):
    totals = budget_totals(lines=BudgetLine.objects.visible_to(world.users["accountant"]))
    assert (totals.planned, totals.allocated, totals.disbursed) == (0, 0, 0)


def test_each_line_shows_what_was_allocated_and_disbursed(client, world, budget):
    client.force_login(world.users["accountant"])
    response = client.get(URL)
    rows = {row.pk: (row.allocated, row.disbursed) for row in response.context["page"]}
    assert rows[budget["stated"].pk] == (30_000_000, 15_000_000)
    assert rows[budget["first"].pk] == (4_000_000, 0)
    page = response.content.decode()
    assert "40.000.000 đồng" in page and "34.000.000 đồng" in page and "15.000.000 đồng" in page
    assert "99.000.000" not in page
