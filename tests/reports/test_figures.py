"""The pure formatting rules of reports/figures.py, as tables of cases."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from reports.figures import (
    DueCounts,
    dated_place,
    days_late,
    format_number,
    format_percent,
    parse_period_spec,
    period_phrase,
)
from workdays.calendar import WorkCalendar


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "0"),
        (999, "999"),
        (25_000_000, "25.000.000"),
        (4_415_800_000, "4.415.800.000"),
        (Decimal("97.50"), "97,5"),
        (Decimal("100.00"), "100"),
        (Decimal("1234.25"), "1.234,25"),
    ],
)
def test_format_number(value, text):
    assert format_number(value) == text


@pytest.mark.parametrize(
    ("numerator", "denominator", "text"),
    [
        (25, 30, "83,3%"),
        (39, 40, "97,5%"),
        (1, 1, "100%"),
        (0, 0, "0%"),
        (1, 3, "33,3%"),
        (2, 3, "66,7%"),
        (10_000_000, 4_415_800_000, "0,2%"),
    ],
)
def test_format_percent(numerator, denominator, text):
    assert format_percent(numerator, denominator) == text


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2026, 1, 5), "Thái Nguyên, ngày 05 tháng 01 năm 2026"),
        (dt.date(2026, 2, 28), "Thái Nguyên, ngày 28 tháng 02 năm 2026"),
        (dt.date(2026, 3, 9), "Thái Nguyên, ngày 09 tháng 3 năm 2026"),
        (dt.date(2026, 12, 20), "Thái Nguyên, ngày 20 tháng 12 năm 2026"),
    ],
)
def test_dated_place_leading_zeros(day, text):
    assert dated_place("Thái Nguyên", day) == text


# Tết Nguyên đán 2026 off from Monday 16/02 to Friday 20/02; 01/01 a holiday.
CALENDAR = WorkCalendar(
    holidays=[dt.date(2026, 1, 1), *(dt.date(2026, 2, day) for day in range(16, 21))],
    years=range(2025, 2027),
)


@pytest.mark.parametrize(
    ("due", "as_of", "late"),
    [
        (dt.date(2026, 3, 10), dt.date(2026, 3, 14), 3),  # Tue → Sat: Wed, Thu, Fri
        (dt.date(2026, 3, 14), dt.date(2026, 3, 14), 0),
        (dt.date(2026, 3, 20), dt.date(2026, 3, 14), 0),  # not due yet
        (dt.date(2025, 12, 31), dt.date(2026, 1, 1), 0),  # 01/01 is a holiday
        (dt.date(2025, 12, 31), dt.date(2026, 1, 2), 1),
        (dt.date(2026, 2, 13), dt.date(2026, 2, 23), 1),  # Tết week skipped: Mon 23/02
    ],
)
def test_days_late_in_working_days(due, as_of, late):
    assert days_late(due, as_of, calendar=CALENDAR) == late


@pytest.mark.parametrize(
    ("counts", "sentence"),
    [
        (
            DueCounts(22, 3, 3, 2),
            "Đã hoàn thành 25/30 nhiệm vụ đến hạn, đạt 83,3% (đúng hạn 22, quá hạn 3); "
            "chưa hoàn thành 5 nhiệm vụ (trong hạn 3, quá hạn 2)",
        ),
        (
            DueCounts(14_068, 1_983, 0, 0),
            "Đã hoàn thành 16.051/16.051 nhiệm vụ đến hạn, đạt 100% (đúng hạn 14.068, quá hạn "
            "1.983)",
        ),
        (DueCounts(0, 0, 0, 0), "Trong kỳ không có nhiệm vụ đến hạn"),
    ],
)
def test_due_sentence(counts, sentence):
    assert counts.sentence() == sentence


@pytest.mark.parametrize(
    ("spec", "parsed"),
    [
        ("2026-Q1", (2026, "q1")),
        ("2026-h1", (2026, "h1")),
        ("2026-Q3", (2026, "q3")),
        ("2026-9M", (2026, "m9")),
        ("2026", (2026, "year")),
    ],
)
def test_period_spec(spec, parsed):
    assert parse_period_spec(spec) == parsed


@pytest.mark.parametrize("spec", ["", "2026-", "2026-Q2", "26-Q1", "Q1-2026", "2026-Q1-x"])
def test_bad_period_spec(spec):
    with pytest.raises(ValueError):
        parse_period_spec(spec)


@pytest.mark.parametrize(
    ("kind", "phrase"),
    [
        ("q1", "quý I năm 2026"),
        ("h1", "6 tháng đầu năm 2026"),
        ("q3", "quý III năm 2026"),
        ("m9", "9 tháng năm 2026"),
        ("year", "năm 2026"),
    ],
)
def test_period_phrase(kind, phrase):
    assert period_phrase(kind, 2026) == phrase
