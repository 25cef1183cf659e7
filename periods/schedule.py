"""National default reporting schedule and date arithmetic for periods (no Django models).

National CCHC reporting guidance (design.md): data runs from 15/12 of the previous
year; Quý I is cut off on 14/3, 6 tháng on 14/6, Quý III on 14/9 (its own window
opens on 15/6), 9 tháng on 14/9 and Năm on 14/12; reports are due by the 20th of
the period's last month. A due date that falls on a day off moves to the next working day
(the calendar is passed in: ``workdays.calendar.WorkCalendar``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workdays.calendar import WorkCalendar


@dataclass(frozen=True)
class PeriodDates:
    start: dt.date
    cutoff: dt.date
    due_date: dt.date


@dataclass(frozen=True)
class ScheduleRule:
    start_month: int
    start_day: int
    starts_previous_year: bool
    cutoff_month: int
    cutoff_day: int
    due_month: int
    due_day: int

    def dates_for(self, year: int, *, calendar: WorkCalendar | None = None) -> PeriodDates:
        start_year = year - 1 if self.starts_previous_year else year
        due_date = dt.date(year, self.due_month, self.due_day)
        return PeriodDates(
            start=dt.date(start_year, self.start_month, self.start_day),
            cutoff=dt.date(year, self.cutoff_month, self.cutoff_day),
            # "By the 20th" on a Sunday means by the Monday after, as for any legal time limit.
            due_date=calendar.on_or_after(due_date) if calendar else due_date,
        )


# Keys are PeriodKind values. "m9" is optional: only some provinces ask for it.
NATIONAL_RULES: dict[str, ScheduleRule] = {
    "q1": ScheduleRule(12, 15, True, 3, 14, 3, 20),
    "h1": ScheduleRule(12, 15, True, 6, 14, 6, 20),
    "q3": ScheduleRule(6, 15, False, 9, 14, 9, 20),
    "m9": ScheduleRule(12, 15, True, 9, 14, 9, 20),
    "year": ScheduleRule(12, 15, True, 12, 14, 12, 20),
}
NATIONAL_DEFAULT_KINDS = ("q1", "h1", "q3", "year")
