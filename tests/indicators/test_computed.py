"""Computed indicators against a fixture with known answers, stored when a period is locked."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from indicators.computed import done_share, on_time_rate, reports_on_time
from indicators.models import Indicator, IndicatorValue, Source
from periods.models import PeriodSubmission
from periods.services import reopen_period
from tasks.models import TaskStatus
from tests.factories import PlanFactory, TaskFactory, UnitFactory, assign

pytestmark = pytest.mark.django_db
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def plan_with_tasks(world):
    """Due by 14/6 (6 tháng cut-off): 2 done on time, 1 done late, 1 open (overdue) = 2/4.

    Not due by then: 1 done early (counts in the done share only), 1 open, 1 recurring, 1
    section heading (never counted). Done share: 4 done of 7 tasks.
    """
    plan = PlanFactory(agency=world.agency)
    due = dt.date(2026, 5, 31)
    late_due = dt.date(2026, 3, 31)
    on_time = [
        TaskFactory(
            plan=plan, due_date=due, status=TaskStatus.DONE, completed_on=dt.date(2026, 5, 20)
        ),
        # an extension does not make a late task on time, nor does it make this one late
        TaskFactory(plan=plan, due_date=due, status=TaskStatus.DONE, completed_on=due),
    ]
    late = TaskFactory(
        plan=plan,
        due_date=late_due,
        extended_due_date=due,
        status=TaskStatus.DONE,
        completed_on=dt.date(2026, 5, 1),
    )
    overdue = TaskFactory(plan=plan, due_date=due)
    early = TaskFactory(
        plan=plan,
        due_date=dt.date(2026, 9, 30),
        status=TaskStatus.DONE,
        completed_on=dt.date(2026, 6, 1),
    )
    later = TaskFactory(plan=plan, due_date=dt.date(2026, 9, 30))
    recurring = TaskFactory(plan=plan, due_date=None, deadline_kind="continuous")
    TaskFactory(plan=plan, is_section=True, due_date=due)
    for task in [*on_time, late, overdue]:
        assign(task, world.unit_a)
    for task in (early, later, recurring):
        assign(task, world.unit_b)
    external = UnitFactory(agency=world.agency, name="Sở Khoa học và Công nghệ", kind="external")
    assign(later, external)  # an external body sends no report
    return plan


def _indicator(plan, source: str) -> Indicator:
    return Indicator.objects.create(
        plan=plan, name=source, text=f"{source} đạt 90%", target_value=90, unit="%", source=source
    )


def test_on_time_rate_counts_due_tasks_on_their_original_deadline(plan_with_tasks, periods):
    indicator = _indicator(plan_with_tasks, Source.ON_TIME_RATE)
    assert on_time_rate(indicator=indicator, period=periods["h1"]) == Decimal("50.00")
    # By Quý I's cut-off (14/3) nothing was due yet.
    assert on_time_rate(indicator=indicator, period=periods["q1"]) is None


def test_done_share_counts_every_task_but_section_headings(plan_with_tasks, periods):
    indicator = _indicator(plan_with_tasks, Source.DONE_SHARE)
    assert done_share(indicator=indicator, period=periods["h1"]) == Decimal("57.14")  # 4 / 7


def test_reports_on_time_counts_lead_units_that_sent_by_the_due_day(
    world, plan_with_tasks, periods
):
    period = periods["h1"]
    indicator = _indicator(plan_with_tasks, Source.REPORTS_ON_TIME)
    assert reports_on_time(indicator=indicator, period=period) == Decimal("0.00")
    last_minute = dt.datetime.combine(period.due_date, dt.time(23, 59), ZONE)
    PeriodSubmission.objects.create(period=period, unit=world.unit_a, submitted_at=last_minute)
    assert reports_on_time(indicator=indicator, period=period) == Decimal("50.00")
    sub_b = PeriodSubmission.objects.create(
        period=period, unit=world.unit_b, submitted_at=last_minute + dt.timedelta(minutes=2)
    )
    assert reports_on_time(indicator=indicator, period=period) == Decimal("50.00")  # late
    sub_b.submitted_at = last_minute
    sub_b.save()
    assert reports_on_time(indicator=indicator, period=period) == Decimal("100.00")


def test_locking_a_period_stores_its_computed_values_once(world, plan_with_tasks, periods):
    rate = _indicator(plan_with_tasks, Source.ON_TIME_RATE)
    typed = _indicator(plan_with_tasks, Source.MANUAL)
    coordinator = world.users["coordinator"]
    reopen_period(period=periods["h1"], user=coordinator, until=None, on=dt.date(2026, 7, 1))
    stored = IndicatorValue.objects.get(indicator=rate, period=periods["h1"])
    assert (stored.value, stored.computed) == (Decimal("50.00"), True)
    assert not IndicatorValue.objects.filter(indicator=typed).exists()
    reopen_period(period=periods["h1"], user=coordinator, until=None, on=dt.date(2026, 7, 2))
    assert IndicatorValue.objects.filter(indicator=rate).count() == 1


def test_reopening_stores_nothing(world, plan_with_tasks, periods):
    _indicator(plan_with_tasks, Source.ON_TIME_RATE)
    reopen_period(
        period=periods["h1"],
        user=world.users["coordinator"],
        until=dt.date(2026, 7, 31),
        on=dt.date(2026, 7, 1),
    )
    assert not IndicatorValue.objects.exists()
