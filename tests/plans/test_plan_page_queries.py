"""The plan page makes the same number of queries for a 3-row plan and a 300-task one."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from budget.models import BudgetEntry, BudgetLine, EntryKind
from indicators.models import Indicator, IndicatorValue
from plans.models import PlanReference
from tests.factories import PlanFactory, make_periods, make_task_tree
from tests.query_counts import assert_flat_queries

pytestmark = pytest.mark.django_db

SECTIONS, TASKS_PER_SECTION = 10, 30  # 300 tasks under 10 sections


def _grow(world, plan):
    """Ten sections of thirty tasks (``make_task_tree``), with targets, budget and references."""

    def grow():
        make_task_tree(
            plan, lead=world.unit_a, coordinating=world.unit_b,
            sections=SECTIONS, per_section=TASKS_PER_SECTION,
        )  # fmt: skip
        periods = make_periods(world.agency)
        for n in range(5):
            indicator = Indicator.objects.create(
                plan=plan, name=f"c{n}", text=f"Chỉ tiêu {n}", target_value=Decimal(90), position=n
            )
            IndicatorValue.objects.create(indicator=indicator, period=periods["q1"], value=95)
            line = BudgetLine.objects.create(
                plan=plan, code=str(n), content=f"Chi {n}", planned_amount=1_000, position=n
            )
            BudgetEntry.objects.create(
                line=line, kind=EntryKind.DISBURSEMENT, amount=10, date=dt.date(2026, 2, 1)
            )
            parent = PlanFactory(agency=world.agency)
            PlanReference.objects.create(plan=plan, text=f"Kế hoạch {n}", referenced_plan=parent)

    return grow


@pytest.mark.parametrize(
    ("who", "expected"), [("coordinator", 9), ("leader", 9), ("staff_a", 9), ("accountant", 7)]
)
def test_plan_page_query_count_is_flat(client, world, who, expected, django_assert_num_queries):
    plan = world.task_a.plan
    client.force_login(world.users[who])
    response = assert_flat_queries(
        client,
        plan.get_absolute_url(),
        expected=expected,
        grow=_grow(world, plan),
        django_assert_num_queries=django_assert_num_queries,
    )
    assert response.status_code == 200
    if who != "accountant":
        assert response.content.decode().count("Nhiệm vụ 9.29") == 1


def test_plan_page_rows_join_nothing_but_read_the_lead_names(client, world):
    """Each row is of the plan the page has: no copy of the plan, agency, lĩnh vực or parent
    per row, and the leads' names from one prefetch."""
    plan = world.task_a.plan
    client.force_login(world.users["coordinator"])
    with CaptureQueriesContext(connection) as captured:
        response = client.get(plan.get_absolute_url())
    assert response.status_code == 200
    reads = [q["sql"] for q in captured.captured_queries]
    rows = next(sql for sql in reads if sql.startswith('SELECT "tasks_task"."id"'))
    columns = rows.split(" FROM ")[0]
    for table in ("plans_plan", "organizations_agency", "tasks_area", "T"):
        assert f'"{table}".' not in columns  # the scope may join the plan; no row reads it
    assert '"tasks_task"."result"' not in columns  # a column no row draws
    assert world.unit_a.name in response.content.decode()  # the lead unit, from the prefetch
