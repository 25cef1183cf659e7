"""Working-day arithmetic, as tables: Tết 2026, a make-up Saturday, weekends, negative steps."""

from __future__ import annotations

import datetime as dt

import pytest

from workdays.calendar import WorkCalendar

D = dt.date
# Tết Nguyên đán 2026 as the holidays library gives it: Mon 16/02 to Fri 20/02.
TET_2026 = [D(2026, 2, 16), D(2026, 2, 17), D(2026, 2, 18), D(2026, 2, 19), D(2026, 2, 20)]
MAKE_UP_SATURDAY = D(2026, 8, 22)  # worked so that Mon 31/08 bridges Quốc khánh
EXTRA_DAY_OFF = D(2026, 2, 13)  # a Friday given off before Tết by override


def _calendar(years: range = range(2025, 2028)) -> WorkCalendar:
    return WorkCalendar(
        holidays=[*TET_2026, D(2026, 8, 31), D(2026, 9, 1), D(2026, 9, 2)],
        overrides={MAKE_UP_SATURDAY: True, EXTRA_DAY_OFF: False},
        years=years,
    )


# Both the precomputed path and the day-by-day path (no span) must give the same answers.
CALENDARS = [
    pytest.param(_calendar(), id="precomputed"),
    pytest.param(_calendar(range(0)), id="day-by-day"),
]


@pytest.mark.parametrize("calendar", CALENDARS)
@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 2, 12), True),  # Thursday before Tết
        (EXTRA_DAY_OFF, False),
        (D(2026, 2, 14), False),  # Saturday
        (D(2026, 2, 17), False),  # Mùng một
        (D(2026, 2, 20), False),
        (D(2026, 2, 23), True),  # first day back
        (MAKE_UP_SATURDAY, True),
        (D(2026, 8, 29), False),  # an ordinary Saturday
        (D(2026, 8, 31), False),
        (D(2026, 9, 3), True),
    ],
)
def test_is_working_day(calendar, day, working):
    assert calendar.is_working_day(day) is working


@pytest.mark.parametrize("calendar", CALENDARS)
@pytest.mark.parametrize(
    ("day", "n", "expected"),
    [
        (D(2026, 2, 12), 0, D(2026, 2, 12)),
        (D(2026, 2, 12), 1, D(2026, 2, 23)),  # over the override, the weekend and Tết
        (D(2026, 2, 12), 2, D(2026, 2, 24)),
        (D(2026, 2, 23), -1, D(2026, 2, 12)),
        (D(2026, 2, 23), -3, D(2026, 2, 10)),
        (D(2026, 8, 21), 1, MAKE_UP_SATURDAY),
        (MAKE_UP_SATURDAY, 1, D(2026, 8, 24)),
        (D(2026, 8, 28), 1, D(2026, 9, 3)),  # 31/08, 01/09, 02/09 off
        (D(2026, 9, 3), -1, D(2026, 8, 28)),
        (D(2026, 8, 24), -1, MAKE_UP_SATURDAY),
        (D(2026, 12, 31), 1, D(2027, 1, 1)),  # no holiday given for 2027 here
    ],
)
def test_add_working_days(calendar, day, n, expected):
    assert calendar.add_working_days(day, n) == expected


@pytest.mark.parametrize("calendar", CALENDARS)
@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2026, 2, 12), D(2026, 2, 12), 0),
        (D(2026, 2, 12), D(2026, 2, 23), 1),
        (D(2026, 2, 12), D(2026, 2, 27), 5),
        (D(2026, 2, 23), D(2026, 2, 12), -1),
        (D(2026, 2, 14), D(2026, 2, 15), 0),  # a weekend
        (D(2026, 8, 21), D(2026, 8, 24), 2),  # the make-up Saturday counts
        (D(2026, 8, 28), D(2026, 9, 3), 1),
        (D(2024, 12, 31), D(2025, 1, 2), 2),  # spans the precomputed edge
        (D(2027, 12, 30), D(2028, 1, 4), 3),  # past it: 31/12, 03/01, 04/01
    ],
)
def test_working_days_between(calendar, start, end, expected):
    assert calendar.working_days_between(start, end) == expected


@pytest.mark.parametrize("calendar", CALENDARS)
@pytest.mark.parametrize(
    ("day", "next_day", "on_or_after"),
    [
        (D(2026, 2, 12), D(2026, 2, 23), D(2026, 2, 12)),
        (D(2026, 2, 15), D(2026, 2, 23), D(2026, 2, 23)),  # Sunday before Tết
        (D(2026, 8, 21), MAKE_UP_SATURDAY, D(2026, 8, 21)),
        (D(2026, 8, 30), D(2026, 9, 3), D(2026, 9, 3)),
    ],
)
def test_next_working_day_and_roll_forward(calendar, day, next_day, on_or_after):
    assert calendar.next_working_day(day) == next_day
    assert calendar.on_or_after(day) == on_or_after


@pytest.mark.parametrize("n", [0, 1, 4, 17, 60, -1, -9, -60])
def test_adding_then_counting_gives_n_back(n):
    calendar = _calendar()
    start = D(2026, 2, 12)
    assert calendar.working_days_between(start, calendar.add_working_days(start, n)) == n
