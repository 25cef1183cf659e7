"""The calendar from the holidays library (country VN) plus the admin's override table."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from workdays.models import CalendarOverride
from workdays.selectors import work_calendar

pytestmark = pytest.mark.django_db
D = dt.date


def test_vietnamese_holidays_and_library_make_up_day():
    calendar = work_calendar(first_year=2026, last_year=2026)
    for day in (D(2026, 1, 1), D(2026, 2, 17), D(2026, 4, 27), D(2026, 4, 30), D(2026, 9, 2)):
        assert not calendar.is_working_day(day), day
    assert calendar.is_working_day(D(2026, 8, 22))  # the library's make-up Saturday
    assert calendar.working_days_between(D(2026, 2, 13), D(2026, 2, 23)) == 1  # Tết


def test_overrides_win_in_one_query():
    CalendarOverride.objects.create(date=D(2026, 1, 2), is_working_day=False, note="Nghỉ bù")
    CalendarOverride.objects.create(date=D(2026, 1, 10), is_working_day=True, note="Làm bù")
    CalendarOverride.objects.create(date=D(2026, 8, 22), is_working_day=False, note="Đổi lại")
    with CaptureQueriesContext(connection) as queries:
        calendar = work_calendar(first_year=2025, last_year=2027)
    assert len(queries) == 1
    assert not calendar.is_working_day(D(2026, 1, 2))
    assert calendar.is_working_day(D(2026, 1, 10))  # a Saturday
    assert not calendar.is_working_day(D(2026, 8, 22))
