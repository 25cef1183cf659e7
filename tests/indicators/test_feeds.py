"""The dashboard card and the plan page read the indicator verdicts from indicators.selectors."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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


def test_the_panel_and_the_plan_rows_pick_the_same_latest_value(
    world, periods, indicator, django_assert_num_queries
):
    """The panel's two queries (``latest_values``) agree with the annotated rows."""
    other = Indicator.objects.create(plan=indicator.plan, name="B", text="B ≥ 5", target_value=5)
    Indicator.objects.create(plan=indicator.plan, name="C", text="C ≥ 1", target_value=1)
    IndicatorValue.objects.create(indicator=indicator, period=periods["q1"], value=21)
    IndicatorValue.objects.create(indicator=indicator, period=periods["h1"], value=30)
    IndicatorValue.objects.create(indicator=other, period=periods["q1"], value=6)
    plans = Plan.objects.filter(pk=indicator.plan_id)
    with django_assert_num_queries(2):
        panel = selectors.indicator_panel(plans=plans, area=None, as_of=dt.date(2026, 12, 31))
    rows = selectors.indicator_rows(indicators=Indicator.objects.filter(plan=indicator.plan))
    seen = [(r.indicator.pk, r.latest_value, r.status, r.period_label) for r in panel.rows]
    assert seen == [(r.indicator.pk, r.latest_value, r.status, r.period_label) for r in rows]
    latest = {pk: value for pk, value, _status, _label in seen}
    assert latest[indicator.pk] == 30 and latest[other.pk] == 6
    assert len(latest) == 3 and list(latest.values()).count(None) == 1
    # A value counts once its period has begun.
    before = min(periods["q1"].start, periods["h1"].start) - dt.timedelta(days=1)
    early = selectors.indicator_panel(plans=plans, area=None, as_of=before)
    assert [r.latest_value for r in early.rows] == [None, None, None]


def test_the_panel_judges_without_reading_texts_and_reads_only_the_rows_asked(
    world, periods, indicator, django_assert_num_queries
):
    """A province judges 2,000 indicators and draws 12: the text is read for those only."""
    second = Indicator.objects.create(plan=indicator.plan, name="B", text="B ≥ 5", target_value=5)
    third = Indicator.objects.create(plan=indicator.plan, name="C", text="C ≥ 1", target_value=1)
    IndicatorValue.objects.create(indicator=second, period=periods["q1"], value=6)
    plans = Plan.objects.filter(pk=indicator.plan_id)
    with CaptureQueriesContext(connection) as judged:
        panel = selectors.indicator_panel(plans=plans, area=None, as_of=dt.date(2026, 12, 31))
    assert all('"indicators_indicator"."text"' not in q["sql"] for q in judged.captured_queries)
    verdicts = {v.indicator_id: v for v in panel.verdicts}
    assert [verdicts[i.pk].status for i in (indicator, second, third)] == [
        "no_data", "met", "no_data",
    ]  # fmt: skip
    with django_assert_num_queries(1):
        asked = panel.rows_of([verdicts[third.pk], verdicts[second.pk]])  # in the order asked
    assert [(r.indicator.text, r.status, r.shown_value) for r in asked] == [
        ("C ≥ 1", "no_data", None), ("B ≥ 5", "met", 6),
    ]  # fmt: skip
    assert [r.indicator.pk for r in panel.rows] == [v.indicator_id for v in panel.verdicts]
    with django_assert_num_queries(0):
        assert panel.rows_of([]) == []
