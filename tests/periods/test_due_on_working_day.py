"""A period due on a day off is due on the next working day (workdays calendar)."""

from __future__ import annotations

import datetime as dt

import pytest

from periods.schedule import NATIONAL_RULES
from periods.services import ensure_periods
from tests.factories import AgencyFactory
from workdays.models import CalendarOverride
from workdays.selectors import work_calendar

D = dt.date


@pytest.mark.django_db
def test_national_2026_due_dates_move_off_weekends():
    periods = {p.kind: p for p in ensure_periods(agency=AgencyFactory(), year=2026)}
    assert periods["q1"].due_date == D(2026, 3, 20)  # a Friday: unchanged
    assert periods["h1"].due_date == D(2026, 6, 22)  # 20/06 is a Saturday
    assert periods["q3"].due_date == D(2026, 9, 21)  # 20/09 is a Sunday
    assert periods["year"].due_date == D(2026, 12, 21)
    assert periods["h1"].cutoff == D(2026, 6, 14)  # the cut-off is not moved


@pytest.mark.django_db
def test_an_override_day_off_moves_the_due_date_too():
    CalendarOverride.objects.create(date=D(2026, 3, 20), is_working_day=False)
    calendar = work_calendar(first_year=2026, last_year=2026)
    assert NATIONAL_RULES["q1"].dates_for(2026, calendar=calendar).due_date == D(2026, 3, 23)


def test_without_a_calendar_the_rule_is_the_plain_date():
    assert NATIONAL_RULES["h1"].dates_for(2026).due_date == D(2026, 6, 20)
