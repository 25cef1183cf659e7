"""The dashboard card and the plan page read the indicator verdicts from indicators.selectors."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard import selectors as dashboard_selectors
from indicators import selectors
from indicators.models import Indicator, IndicatorValue
from plans.models import Plan
from plans.selectors import plan_indicators

pytestmark = pytest.mark.django_db


def test_the_dashboard_card_is_the_indicator_selector():
    assert dashboard_selectors.indicator_panel is selectors.indicator_panel


def test_the_panel_judges_a_per_month_target_on_the_period_it_belongs_to(world, periods, indicator):
    IndicatorValue.objects.create(indicator=indicator, period=periods["q1"], value=21)  # 3 × 7
    plans = Plan.objects.filter(pk=indicator.plan_id)
    panel = selectors.indicator_panel(plans=plans, area=None, as_of=dt.date(2026, 4, 1))
    assert (panel.met, panel.not_met, panel.no_data) == (1, 0, 0)
    IndicatorValue.objects.create(indicator=indicator, period=periods["h1"], value=30)  # < 42
    panel = selectors.indicator_panel(plans=plans, area=None, as_of=dt.date(2026, 7, 1))
    assert (panel.met, panel.not_met) == (0, 1)
    # The value written against the whole-plan target would have looked met.
    assert indicator.is_met(30)


def test_the_plan_page_rows_carry_the_same_verdict(world, periods, indicator):
    IndicatorValue.objects.create(indicator=indicator, period=periods["h1"], value=30)
    (row,) = plan_indicators(plan=indicator.plan)
    assert row.is_met is False and row.shown_value == 30


def test_an_indicator_without_a_value_has_no_data(world, indicator):
    Indicator.objects.create(plan=indicator.plan, name="B", text="B đạt 90%", target_value=90)
    rows = selectors.indicator_rows(indicators=Indicator.objects.filter(plan=indicator.plan))
    assert [row.status for row in rows] == ["no_data", "no_data"]
