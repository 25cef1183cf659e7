"""The working-day calendar as the database and the ``holidays`` library define it."""

from __future__ import annotations

import datetime as dt

import holidays

from workdays.calendar import WorkCalendar
from workdays.models import CalendarOverride


def work_calendar(*, first_year: int, last_year: int) -> WorkCalendar:
    """Vietnamese public holidays (observed rules included) plus the override table: 1 query.

    The library's own make-up working days (a Saturday worked to bridge a holiday) count
    as working days; an admin's override of the same day wins.
    """
    years = range(first_year, last_year + 1)
    national = holidays.country_holidays("VN", years=years)
    overrides: dict[dt.date, bool] = {day: True for day in national.weekend_workdays}
    overrides.update(
        CalendarOverride.objects.filter(date__year__gte=first_year, date__year__lte=last_year)
        .values_list("date", "is_working_day")
        .iterator()
    )
    return WorkCalendar(holidays=national.keys(), overrides=overrides, years=years)


def calendar_around(day: dt.date) -> WorkCalendar:
    """The calendar from the year before ``day`` to the year after (deadlines near it)."""
    return work_calendar(first_year=day.year - 1, last_year=day.year + 1)
