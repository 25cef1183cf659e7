"""Which reminder a deadline calls for on a day: pure working-day rules, no Django.

Each answer is the *current* threshold only. A sweep that missed days (downtime) asks on
the day it runs and gets today's threshold, so it catches up once with what is still
true and never replays the lead-day reminders that went stale meanwhile.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from workdays.calendar import WorkCalendar

LEAD, DUE, OVERDUE, ESCALATION = "lead", "due", "overdue", "escalation"
PERIOD_CUTOFF, PERIOD_DUE, PERIOD_MISSING = "period_cutoff", "period_due", "period_missing"


@dataclass(frozen=True)
class TaskRules:
    lead_days: tuple[int, ...] = (7, 3, 1)
    on_due_day: bool = True
    overdue_every: int = 5
    escalate_after: int = 10


@dataclass(frozen=True)
class Threshold:
    kind: str
    key: str  # part of the ledger key: said once per (subject, recipient, key, deadline)
    working_days: int  # left before the deadline, or late after it


def task_thresholds(
    calendar: WorkCalendar, *, deadline: dt.date, on: dt.date, rules: TaskRules
) -> list[Threshold]:
    """Lead (the tightest lead day reached), due today, overdue every N, escalation at M.

    A deadline on a day off counts from the next working day (a legal time limit ending
    on a holiday ends on the next working day).
    """
    due = calendar.on_or_after(deadline)
    if on < due:
        left = calendar.working_days_between(on, due)
        reached = [days for days in rules.lead_days if left <= days]
        if not reached or left == 0:
            return []
        return [Threshold(LEAD, f"lead-{min(reached)}", left)]
    if on == due:
        return [Threshold(DUE, "due", 0)] if rules.on_due_day else []
    late = calendar.working_days_between(due, on)
    if late <= 0:
        return []
    found = [Threshold(OVERDUE, f"overdue-{(late - 1) // rules.overdue_every}", late)]
    if late >= rules.escalate_after:
        found.append(Threshold(ESCALATION, "escalation", late))
    return found


def period_thresholds(
    calendar: WorkCalendar, *, cutoff: dt.date, due: dt.date, on: dt.date, lead_days: int
) -> list[Threshold]:
    """For a unit that has not sent its report: once within ``lead_days`` of each date."""
    found = []
    for kind, day in ((PERIOD_CUTOFF, cutoff), (PERIOD_DUE, due)):
        left = calendar.working_days_between(on, calendar.on_or_after(day))
        if 0 <= left <= lead_days:
            found.append(Threshold(kind, f"{kind}-{lead_days}", left))
    return found


def missing_reports_threshold(
    calendar: WorkCalendar, *, due: dt.date, on: dt.date, stale_after: int
) -> Threshold | None:
    """The Văn phòng's list of units that did not report: on the due date (or, after a
    downtime, the first sweep within ``stale_after`` working days of it)."""
    due = calendar.on_or_after(due)
    late = calendar.working_days_between(due, on)
    if 0 <= late <= stale_after and on >= due:
        return Threshold(PERIOD_MISSING, "missing", late)
    return None
