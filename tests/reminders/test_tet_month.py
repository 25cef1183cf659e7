"""A month of daily sweeps over Tết 2026 and a make-up Saturday, with frozen time.

The task is due Tue 24/02/2026, the day after Tết ends. Sat 07/02 is declared a working
day (override); Tết (16–20/02) and weekends are off, and no sweep sends on them.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail

from reminders.jobs import send_deadline_reminders
from tests.factories import TaskFactory, assign
from workdays.models import CalendarOverride

pytestmark = pytest.mark.django_db
D = dt.date


def _daily_sweeps(first: dt.date, last: dt.date) -> dict[tuple[dt.date, str], list[str]]:
    """Run the beat job at 08:00 Hà Nội every day; (day, recipient) → reasons of task 8.1."""
    told: dict[tuple[dt.date, str], list[str]] = {}
    day = first
    while day <= last:
        mail.outbox.clear()
        with time_machine.travel(dt.datetime(day.year, day.month, day.day, 1, tzinfo=dt.UTC)):
            send_deadline_reminders.apply().get()
        for message in mail.outbox:
            lines = message.body.splitlines()
            for n, line in enumerate(lines):
                if line.startswith("- [Mục 8.1]"):
                    reason = lines[n + 1].strip().removeprefix("Lý do: ")
                    told.setdefault((day, message.to[0]), []).append(reason)
        day += dt.timedelta(days=1)
    return told


def test_thresholds_through_tet_and_a_make_up_saturday(mail_world):
    world = mail_world
    CalendarOverride.objects.create(date=D(2026, 2, 7), is_working_day=True, note="Làm bù")
    task = TaskFactory(plan=world.task_a.plan, code="8.1", due_date=D(2026, 2, 24))
    assign(task, world.unit_a)
    told = _daily_sweeps(D(2026, 2, 2), D(2026, 3, 11))
    staff = {day: reasons for (day, to), reasons in told.items() if to == "staff_a@stp.example.vn"}
    assert staff == {
        D(2026, 2, 7): ["còn 7 ngày làm việc"],  # the make-up Saturday sweeps
        D(2026, 2, 12): ["còn 3 ngày làm việc"],
        D(2026, 2, 23): ["còn 1 ngày làm việc"],  # Tết is not counted
        D(2026, 2, 24): ["đến hạn hôm nay"],
        D(2026, 2, 25): ["quá hạn 1 ngày làm việc"],
        D(2026, 3, 4): ["quá hạn 6 ngày làm việc"],
        D(2026, 3, 11): ["quá hạn 11 ngày làm việc"],
    }
    head = {day: reasons for (day, to), reasons in told.items() if to == "head_a@stp.example.vn"}
    escalated = "quá hạn 10 ngày làm việc, báo cáo Trưởng phòng và Văn phòng"
    assert head[D(2026, 3, 10)] == [escalated]
    assert told[(D(2026, 3, 10), "coordinator@stp.example.vn")] == [escalated]
    assert not any(D(2026, 2, 14) <= day <= D(2026, 2, 22) for day, _to in told)
