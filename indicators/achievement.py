"""Whether an indicator's value meets its target in one reporting period (pure, no Django).

A target is stated once for the plan ("Tỷ lệ hồ sơ đúng hạn đạt từ 97% trở lên"); a period
only has to reach what it covers of a per-month, per-quarter or per-week target: "mỗi tháng có
từ 07 tin, bài trở lên" asks 21 in Quý I, 42 in 6 tháng and 84 in Năm. Percentages and
per-year targets are compared as written, whatever the period.

The report words are đạt / chưa đạt / chưa có số liệu; the trend compares each period's value
with the one before it, "better" being up for gte/gt/eq targets and down for lte/lt ones.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Sequence
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise
from typing import Protocol

__all__ = [
    "Achievement",
    "Trend",
    "achievement",
    "months_covered",
    "required_value",
    "status_for",
    "trend",
]

# Average Gregorian month, so 15/12 → 14/3 (90 days) is 3 months and 15/12 → 14/12 is 12.
_DAYS_PER_MONTH = Decimal("30.436875")
# How many of each ``per`` fit in a month, as a fraction (a Decimal 1/3 would not add up to 1).
_PER_MONTH = {"month": (1, 1), "quarter": (1, 3), "week": (52, 12)}


class Achievement(StrEnum):
    MET = "met"  # đạt
    NOT_MET = "not_met"  # chưa đạt
    NO_DATA = "no_data"  # chưa có số liệu


class Trend(StrEnum):
    BETTER = "better"
    WORSE = "worse"
    SAME = "same"
    NONE = "none"  # the first value, or a missing one on either side


class _Target(Protocol):
    comparator: str
    target_value: Decimal
    per: str


class _Period(Protocol):
    start: dt.date
    cutoff: dt.date


@lru_cache(maxsize=1024)  # a province judges ~2,000 indicators over a handful of periods
def months_covered(start: dt.date, cutoff: dt.date) -> int:
    """Whole months from ``start`` to ``cutoff`` inclusive, at least one."""
    days = Decimal((cutoff - start).days + 1)
    return max(1, int((days / _DAYS_PER_MONTH).to_integral_value()))


def required_value(*, target: Decimal, per: str, months: int) -> Decimal:
    """What a period of ``months`` months must reach of a target stated per ``per``."""
    fraction = _PER_MONTH.get(per)
    if fraction is None:  # "", "year": compared as written
        return target
    numerator, denominator = fraction
    return target * numerator * months / denominator


_COMPARISONS: dict[str, Callable[[Decimal, Decimal], bool]] = {
    "gte": operator.ge,
    "gt": operator.gt,
    "eq": operator.eq,
    "lte": operator.le,
    "lt": operator.lt,
}


def compare(comparator: str, value: Decimal, required: Decimal) -> bool:
    return _COMPARISONS[comparator](value, required)


def achievement(
    *, comparator: str, target: Decimal, per: str, value: Decimal | None, months: int
) -> Achievement:
    if value is None:
        return Achievement.NO_DATA
    required = required_value(target=target, per=per, months=months)
    return Achievement.MET if compare(comparator, value, required) else Achievement.NOT_MET


def status_for(indicator: _Target, value: Decimal | None, period: _Period) -> Achievement:
    """Đạt / chưa đạt / chưa có số liệu of ``indicator`` with ``value`` in ``period``.

    The one per-period achievement rule: the indicator pages, the dashboard panel and the
    reports' appendix call it.
    """
    return achievement(
        comparator=indicator.comparator,
        target=indicator.target_value,
        per=indicator.per,
        value=value,
        months=months_covered(period.start, period.cutoff),
    )


def trend(comparator: str, values: Sequence[Decimal | None]) -> list[Trend]:
    """For each value, whether it moved towards the target since the value before it."""
    lower_is_better = comparator in ("lte", "lt")
    trends = [Trend.NONE] if values else []
    for previous, current in pairwise(values):
        if previous is None or current is None:
            trends.append(Trend.NONE)
        elif current == previous:
            trends.append(Trend.SAME)
        elif (current < previous) == lower_is_better:
            trends.append(Trend.BETTER)
        else:
            trends.append(Trend.WORSE)
    return trends
