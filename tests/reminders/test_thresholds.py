"""The threshold rules as a table: lead days, due day, overdue repeat, escalation, catch-up."""

from __future__ import annotations

import datetime as dt

import pytest

from reminders.thresholds import (
    TaskRules,
    Threshold,
    missing_reports_threshold,
    period_thresholds,
    task_thresholds,
)
from workdays.calendar import WorkCalendar

D = dt.date
TET = [D(2026, 2, d) for d in range(16, 21)]
CALENDAR = WorkCalendar(holidays=TET, overrides={D(2026, 2, 7): True}, years=range(2026, 2027))
RULES = TaskRules(lead_days=(7, 3, 1), on_due_day=True, overdue_every=5, escalate_after=10)
DEADLINE = D(2026, 2, 27)  # a Friday, a week after Tết


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (D(2026, 2, 10), []),  # 8 working days left (Tết is not counted)
        (D(2026, 2, 11), [Threshold("lead", "lead-7", 7)]),
        (D(2026, 2, 13), [Threshold("lead", "lead-7", 5)]),  # still the 7-day threshold
        (D(2026, 2, 15), [Threshold("lead", "lead-7", 5)]),  # a Sunday: the same key again
        (D(2026, 2, 23), [Threshold("lead", "lead-7", 4)]),
        (D(2026, 2, 24), [Threshold("lead", "lead-3", 3)]),
        (D(2026, 2, 26), [Threshold("lead", "lead-1", 1)]),
        (D(2026, 2, 27), [Threshold("due", "due", 0)]),
        (D(2026, 3, 2), [Threshold("overdue", "overdue-0", 1)]),
        (D(2026, 3, 6), [Threshold("overdue", "overdue-0", 5)]),
        (D(2026, 3, 9), [Threshold("overdue", "overdue-1", 6)]),
        (
            D(2026, 3, 13),
            [Threshold("overdue", "overdue-1", 10), Threshold("escalation", "escalation", 10)],
        ),
        (
            D(2026, 3, 16),
            [Threshold("overdue", "overdue-2", 11), Threshold("escalation", "escalation", 11)],
        ),
    ],
)
def test_task_thresholds(on, expected):
    assert task_thresholds(CALENDAR, deadline=DEADLINE, on=on, rules=RULES) == expected


def test_lead_thresholds_count_working_days_over_tet_and_make_up_saturday():
    deadline = D(2026, 2, 10)  # Tuesday
    # Sat 07/02 is a make-up working day: from Thursday 05/02, 06, 07, 09, 10 = 4 left.
    assert task_thresholds(CALENDAR, deadline=deadline, on=D(2026, 2, 5), rules=RULES) == [
        Threshold("lead", "lead-7", 4)
    ]
    assert task_thresholds(CALENDAR, deadline=deadline, on=D(2026, 2, 7), rules=RULES) == [
        Threshold("lead", "lead-3", 2)
    ]


def test_deadline_on_a_day_off_counts_from_the_next_working_day():
    # Due on Mùng một (17/02): the deadline is in fact Monday 23/02.
    rules = RULES
    assert task_thresholds(CALENDAR, deadline=D(2026, 2, 17), on=D(2026, 2, 23), rules=rules) == [
        Threshold("due", "due", 0)
    ]
    late = task_thresholds(CALENDAR, deadline=D(2026, 2, 17), on=D(2026, 2, 24), rules=rules)
    assert late == [Threshold("overdue", "overdue-0", 1)]


def test_no_due_day_reminder_when_switched_off():
    rules = TaskRules(lead_days=(3,), on_due_day=False, overdue_every=5, escalate_after=10)
    assert task_thresholds(CALENDAR, deadline=DEADLINE, on=DEADLINE, rules=rules) == []


def test_downtime_catch_up_gives_only_todays_threshold():
    # The sweep did not run from 20/02 to 05/03: it says "overdue" once, never the lead days.
    found = task_thresholds(CALENDAR, deadline=DEADLINE, on=D(2026, 3, 5), rules=RULES)
    assert [t.kind for t in found] == ["overdue"]


@pytest.mark.parametrize(
    ("on", "kinds"),
    [
        (D(2026, 3, 10), []),  # 4 working days before the cut-off
        (D(2026, 3, 11), ["period_cutoff"]),  # cut-off 14/03 (Sat) counts as Mon 16/03: 3 left
        (D(2026, 3, 16), ["period_cutoff"]),
        (D(2026, 3, 17), ["period_due"]),  # due Fri 20/03: 3 left
        (D(2026, 3, 20), ["period_due"]),
        (D(2026, 3, 23), []),
    ],
)
def test_period_thresholds(on, kinds):
    found = period_thresholds(
        CALENDAR, cutoff=D(2026, 3, 14), due=D(2026, 3, 20), on=on, lead_days=3
    )
    assert [t.kind for t in found] == kinds
    assert all(t.key == f"{t.kind}-3" for t in found)  # once per window, whatever the day


@pytest.mark.parametrize(
    ("on", "late"),
    [(D(2026, 3, 19), None), (D(2026, 3, 20), 0), (D(2026, 3, 23), 1), (D(2026, 3, 30), None)],
)
def test_missing_reports_list_on_the_due_date_or_shortly_after(on, late):
    found = missing_reports_threshold(CALENDAR, due=D(2026, 3, 20), on=on, stale_after=5)
    assert (found.working_days if found else None) == late
