"""Passing the cut-off locks a period: the daily report job stores its computed indicators
once, before it builds the report (a coordinator's *Khoá kỳ* does the same on a relock)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from indicators.models import IndicatorValue, Source
from periods.services import reopen_period
from reports.models import PeriodSnapshot
from reports.services import build_due_period_reports
from tasks.models import Task, TaskStatus
from tests.indicators import test_computed
from tests.indicators.test_computed import _indicator

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
plan_with_tasks = test_computed.plan_with_tasks  # the fixture with known answers
AFTER_H1 = dt.datetime(2026, 6, 16, 6, 0, tzinfo=VN)  # 6 tháng cut off on 14/6


def _beat(when: dt.datetime):
    with time_machine.travel(when, tick=False):
        return build_due_period_reports(on=when.date())


def _values(indicator) -> list[tuple[str, Decimal, bool]]:
    rows = IndicatorValue.objects.filter(indicator=indicator).order_by("period__cutoff")
    return [(row.period.kind, row.value, row.computed) for row in rows]


def test_the_beat_stores_the_cutoff_values_before_the_report(
    plan_with_tasks, periods, private_media
):
    rate = _indicator(plan_with_tasks, Source.ON_TIME_RATE)
    typed = _indicator(plan_with_tasks, Source.MANUAL)
    built = _beat(AFTER_H1)
    assert [job.period for job in built] == [periods["h1"]]
    assert _values(rate) == [("h1", Decimal("50.00"), True)]
    assert _values(typed) == []
    # The report's frozen data was taken after the values were stored.
    snapshot = PeriodSnapshot.objects.get(period=periods["h1"])
    (row,) = [row for row in snapshot.data["indicators"] if row["indicator_id"] == rate.pk]
    assert Decimal(row["value"]) == Decimal("50.00")


def test_running_again_keeps_the_first_figure(plan_with_tasks, periods, private_media):
    rate = _indicator(plan_with_tasks, Source.ON_TIME_RATE)
    _beat(AFTER_H1)
    # After the cut-off the overdue task is finished: the stored figure stays the cut-off's.
    Task.objects.filter(plan=plan_with_tasks, status=TaskStatus.NOT_STARTED).update(
        status=TaskStatus.DONE, completed_on=dt.date(2026, 6, 16)
    )
    _beat(AFTER_H1 + dt.timedelta(days=1))
    assert _values(rate) == [("h1", Decimal("50.00"), True)]


def test_a_coordinators_lock_is_not_recomputed(world, plan_with_tasks, periods, private_media):
    rate = _indicator(plan_with_tasks, Source.ON_TIME_RATE)
    reopen_period(
        period=periods["h1"], user=world.users["coordinator"], until=None, on=AFTER_H1.date()
    )
    IndicatorValue.objects.filter(indicator=rate).update(value=Decimal("12.00"))
    _beat(AFTER_H1)
    assert _values(rate) == [("h1", Decimal("12.00"), True)]


def test_open_and_reopened_periods_store_nothing(world, plan_with_tasks, periods, private_media):
    rate = _indicator(plan_with_tasks, Source.ON_TIME_RATE)
    _beat(dt.datetime(2026, 6, 10, 6, 0, tzinfo=VN))  # before the cut-off
    assert _values(rate) == []
    reopen_period(
        period=periods["h1"],
        user=world.users["coordinator"],
        until=dt.date(2026, 6, 30),
        on=AFTER_H1.date(),
    )
    _beat(AFTER_H1)
    assert _values(rate) == []


def test_periods_already_stored_cost_one_query(
    plan_with_tasks, periods, private_media, django_assert_num_queries
):
    from indicators.services import store_computed_values_at_cutoff

    _indicator(plan_with_tasks, Source.ON_TIME_RATE)
    _indicator(plan_with_tasks, Source.DONE_SHARE)
    _beat(AFTER_H1)
    with django_assert_num_queries(1):
        assert store_computed_values_at_cutoff(periods=[periods["h1"]]) == []
