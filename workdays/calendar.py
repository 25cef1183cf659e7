"""Vietnamese working-day arithmetic: pure, no Django (built by ``workdays.selectors``).

Saturdays and Sundays are off, public holidays are off, and the Prime Minister's yearly
swaps (a make-up Saturday, an extra day off around Tết) override both. Counting is on
half-open ranges, so the answers compose: ``working_days_between(d, add_working_days(d, n))
== n`` for a working day ``d``.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping

ONE_DAY = dt.timedelta(days=1)
SATURDAY = 5


class WorkCalendar:
    """Which days are working days, given holidays and per-day overrides.

    ``overrides`` maps a date to True (a working day, e.g. a make-up Saturday) or False
    (a day off). Answers inside ``years`` come from a precomputed sorted list; outside
    it the same rule is applied day by day, so nothing is wrong, only slower.
    """

    def __init__(
        self,
        *,
        holidays: Iterable[dt.date] = (),
        overrides: Mapping[dt.date, bool] | None = None,
        years: range = range(0),
    ) -> None:
        self._holidays = frozenset(holidays)
        self._overrides = dict(overrides or {})
        self._span = (dt.date(years[0], 1, 1), dt.date(years[-1], 12, 31)) if years else None
        self._working: list[dt.date] = []
        if self._span:
            day, last = self._span
            while day <= last:
                if self._rule(day):
                    self._working.append(day)
                day += ONE_DAY

    def _rule(self, day: dt.date) -> bool:
        if day in self._overrides:
            return self._overrides[day]
        return day.weekday() < SATURDAY and day not in self._holidays

    def _covers(self, *days: dt.date) -> bool:
        return self._span is not None and all(self._span[0] <= d <= self._span[1] for d in days)

    def is_working_day(self, day: dt.date) -> bool:
        return self._rule(day)

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        return self.add_working_days(day, 1)

    def on_or_after(self, day: dt.date) -> dt.date:
        """``day`` itself when it is a working day, else the next one (a due date on a day off)."""
        return day if self.is_working_day(day) else self.next_working_day(day)

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after ``day`` (before it when n < 0); ``day`` itself for 0."""
        step = ONE_DAY if n > 0 else -ONE_DAY
        remaining = abs(n)
        while remaining:
            day += step
            if self._rule(day):
                remaining -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]; negative when ``end`` is before ``start``.

        "3 working days left" on Monday for a Thursday deadline; "1 day late" on the first
        working day after the deadline.
        """
        if end < start:
            return -self.working_days_between(end, start)
        if self._covers(start, end):
            return bisect.bisect_right(self._working, end) - bisect.bisect_right(
                self._working, start
            )
        count, day = 0, start
        while day < end:
            day += ONE_DAY
            count += self._rule(day)
        return count
