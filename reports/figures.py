"""How a report states its figures: Vietnamese numbers, dates and the "đến hạn" sentence.

Plain Python (no Django) so every rule has a table-driven test. The words are Vietnamese
on purpose: a report is a Vietnamese administrative document whatever the page's language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from workdays.calendar import WorkCalendar


def days_late(due: dt.date, as_of: dt.date, *, calendar: WorkCalendar) -> int:
    """Working days a task is late on ``as_of`` against ``due``, 0 if not late.

    The one place reports count lateness; working days as the dashboard and the reminders
    count them (weekends, Tết and the other public holidays, the agency's overrides).
    """
    return max(0, calendar.working_days_between(due, as_of))


def format_number(value: int | Decimal) -> str:
    """4415800000 → "4.415.800.000"; Decimal("97.50") → "97,5" (dot groups, comma decimals)."""
    if isinstance(value, Decimal) and value != value.to_integral_value():
        text = f"{value.normalize():f}"
        whole, _dot, fraction = text.partition(".")
        return f"{format_number(int(whole)) if whole != '-0' else '-0'},{fraction}"
    grouped = f"{int(value):,}"
    return grouped.replace(",", ".")


def format_percent(numerator: int | Decimal, denominator: int | Decimal) -> str:
    """25/30 → "83,3%", 1/1 → "100%", 0 of 0 → "0%" (one decimal, half up, no trailing ",0")."""
    if not denominator:
        return "0%"
    share = (Decimal(numerator) * 100 / Decimal(denominator)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    return f"{format_number(share)}%"


def format_date(day: dt.date | None) -> str:
    """05/01/2026; "" for no date."""
    return f"{day:%d/%m/%Y}" if day else ""


def dated_place(place: str, day: dt.date) -> str:
    """ "Thái Nguyên, ngày 05 tháng 01 năm 2026" (Nghị định 30/2020, Phụ lục I).

    Days below 10 and the months 1 and 2 take a leading zero; months 3 to 12 do not.
    """
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


@dataclass(frozen=True)
class DueCounts:
    """Tasks due by the report date, as government reports count them (design.md).

    ``pending_in_time``: not done but still within an extended deadline; ``pending_late``:
    not done and past the deadline in force.
    """

    done_on_time: int
    done_late: int
    pending_in_time: int
    pending_late: int

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    @property
    def pending(self) -> int:
        return self.pending_in_time + self.pending_late

    @property
    def due(self) -> int:
        return self.done + self.pending

    def sentence(self) -> str:
        """ "Đã hoàn thành 25/30 nhiệm vụ đến hạn, đạt 83,3% (đúng hạn 22, quá hạn 3);
        chưa hoàn thành 5 nhiệm vụ (trong hạn 3, quá hạn 2)"."""
        if not self.due:
            return "Trong kỳ không có nhiệm vụ đến hạn"
        done = (
            f"Đã hoàn thành {format_number(self.done)}/{format_number(self.due)} nhiệm vụ "
            f"đến hạn, đạt {format_percent(self.done, self.due)} (đúng hạn "
            f"{format_number(self.done_on_time)}, quá hạn {format_number(self.done_late)})"
        )
        if not self.pending:
            return done
        return (
            f"{done}; chưa hoàn thành {format_number(self.pending)} nhiệm vụ (trong hạn "
            f"{format_number(self.pending_in_time)}, quá hạn {format_number(self.pending_late)})"
        )


# Keys are periods.models.PeriodKind values (plain strings: this module imports no model).
_PERIOD_PHRASES = {
    "q1": "quý I năm {year}",
    "h1": "6 tháng đầu năm {year}",
    "q3": "quý III năm {year}",
    "m9": "9 tháng năm {year}",
    "year": "năm {year}",
}


def period_phrase(kind: str, year: int) -> str:
    """How a report's summary line names the period: "quý I năm 2026", "năm 2026"."""
    return _PERIOD_PHRASES.get(kind, "kỳ {kind} năm {year}").format(kind=kind, year=year)


def range_phrase(start: dt.date, end: dt.date) -> str:
    """How a custom range's report names it: "từ ngày 01/01/2026 đến ngày 31/03/2026"."""
    return f"từ ngày {format_date(start)} đến ngày {format_date(end)}"


_SPEC_KINDS = {"Q1": "q1", "H1": "h1", "Q3": "q3", "9M": "m9", "": "year"}


def parse_period_spec(text: str) -> tuple[int, str]:
    """ "2026-Q1" → (2026, "q1"); "2026-H1", "2026-Q3", "2026-9M"; "2026" → (2026, "year").

    Raises ValueError for anything else.
    """
    year_text, _dash, kind_text = text.strip().upper().partition("-")
    if not (year_text.isdigit() and len(year_text) == 4) or kind_text not in _SPEC_KINDS:
        raise ValueError(text)
    if _dash and not kind_text:
        raise ValueError(text)
    return int(year_text), _SPEC_KINDS[kind_text]
