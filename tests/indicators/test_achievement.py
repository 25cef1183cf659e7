"""Achievement per period (indicators.achievement): scaling, comparators, trend."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from indicators.achievement import (
    Achievement,
    Trend,
    achievement,
    months_covered,
    required_value,
    status_for,
    trend,
)

MET, NOT_MET, NO_DATA = Achievement.MET, Achievement.NOT_MET, Achievement.NO_DATA
D = Decimal

# The national periods (docs: 15/12 of the year before to the cut-off).
Q1 = (dt.date(2025, 12, 15), dt.date(2026, 3, 14))
H1 = (dt.date(2025, 12, 15), dt.date(2026, 6, 14))
Q3 = (dt.date(2026, 6, 15), dt.date(2026, 9, 14))
M9 = (dt.date(2025, 12, 15), dt.date(2026, 9, 14))
YEAR = (dt.date(2025, 12, 15), dt.date(2026, 12, 14))


@pytest.mark.parametrize(
    ("period", "months"),
    [
        (Q1, 3),
        (H1, 6),
        (Q3, 3),
        (M9, 9),
        (YEAR, 12),
        ((dt.date(2026, 1, 1), dt.date(2026, 1, 31)), 1),
        ((dt.date(2026, 1, 1), dt.date(2026, 1, 3)), 1),  # never zero
        ((dt.date(2026, 1, 1), dt.date(2026, 12, 31)), 12),
    ],
)
def test_months_covered(period, months):
    assert months_covered(*period) == months


@pytest.mark.parametrize(
    ("target", "per", "months", "required"),
    [
        ("7", "month", 3, "21"),
        ("7", "month", 6, "42"),
        ("7", "month", 12, "84"),
        ("10", "quarter", 3, "10"),
        ("10", "quarter", 6, "20"),
        ("10", "quarter", 12, "40"),
        ("1", "week", 12, "52"),
        ("97", "", 3, "97"),  # a percentage is the same in every period
        ("2", "year", 3, "2"),  # a yearly count is judged as written
    ],
)
def test_required_value_scales_with_the_months(target, per, months, required):
    assert required_value(target=D(target), per=per, months=months) == D(required)


@pytest.mark.parametrize(
    ("comparator", "target", "per", "value", "months", "expected"),
    [
        ("gte", "97", "", "97", 3, MET),
        ("gte", "97", "", "98.5", 3, MET),
        ("gte", "97", "", "96.99", 3, NOT_MET),
        ("gt", "80", "", "80", 3, NOT_MET),
        ("gt", "80", "", "80.01", 3, MET),
        ("eq", "100", "", "100", 3, MET),
        ("eq", "100", "", "99", 3, NOT_MET),
        ("lte", "2", "", "2", 3, MET),
        ("lte", "2", "", "2.1", 3, NOT_MET),
        ("lt", "5", "", "5", 3, NOT_MET),
        ("lt", "5", "", "4", 3, MET),
        ("gte", "7", "month", "21", 3, MET),  # Quý I: 3 months × 7
        ("gte", "7", "month", "20", 3, NOT_MET),
        ("gte", "7", "month", "21", 6, NOT_MET),  # 6 tháng asks 42
        ("gte", "7", "month", "84", 12, MET),
        ("gte", "10", "quarter", "19", 6, NOT_MET),
        ("gte", "10", "quarter", "20", 6, MET),
        ("lte", "3", "month", "9", 3, MET),  # at most 3 a month: at most 9 a quarter
        ("lte", "3", "month", "10", 3, NOT_MET),
        ("gte", "97", "", None, 3, NO_DATA),
        ("lte", "2", "month", None, 12, NO_DATA),
    ],
)
def test_achievement(comparator, target, per, value, months, expected):
    got = achievement(
        comparator=comparator,
        target=D(target),
        per=per,
        value=None if value is None else D(value),
        months=months,
    )
    assert got == expected


@pytest.mark.parametrize(
    ("period", "value", "expected"),
    [
        (Q1, "21", MET),
        (H1, "21", NOT_MET),
        (H1, "42", MET),
        (YEAR, "83", NOT_MET),
        (YEAR, None, NO_DATA),
    ],
)
def test_status_for_reads_the_indicator_and_the_period(period, value, expected):
    indicator = SimpleNamespace(comparator="gte", target_value=D(7), per="month")
    start, cutoff = period
    got = status_for(
        indicator, None if value is None else D(value), SimpleNamespace(start=start, cutoff=cutoff)
    )
    assert got == expected


B, W, S, N = Trend.BETTER, Trend.WORSE, Trend.SAME, Trend.NONE


@pytest.mark.parametrize(
    ("comparator", "values", "expected"),
    [
        ("gte", [], []),
        ("gte", ["90"], [N]),
        ("gte", ["90", "95", "95", "92"], [N, B, S, W]),
        ("lte", ["5", "3", "4"], [N, B, W]),
        ("lt", ["5", "5"], [N, S]),
        ("gte", ["90", None, "95"], [N, N, N]),
        ("eq", ["90", "100"], [N, B]),
    ],
)
def test_trend(comparator, values, expected):
    assert trend(comparator, [None if v is None else D(v) for v in values]) == expected
