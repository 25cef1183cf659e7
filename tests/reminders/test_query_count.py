"""Selecting costs the same for any number of units and tasks; only sending is per unit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reminders.services import send_due_reminders
from tests.factories import TaskFactory, UnitFactory, assign, make_member
from tests.reminders.conftest import DAY

pytestmark = pytest.mark.django_db

PER_RUN = 6  # units + their groups + their members; every unit's due tasks; bulk_create; ids
PER_SENT_UNIT = 2  # claim, then mark sent
PER_SKIPPED_UNIT = 1  # the claim that finds the row taken


def _count(on: dt.date, **kwargs) -> int:
    with CaptureQueriesContext(connection) as queries:
        send_due_reminders(on=on, **kwargs)
    return len(queries)


def _grow(world) -> None:
    """Twenty more tasks for one unit, three more units with staff and five tasks each."""
    for _ in range(20):
        assign(TaskFactory(plan=world.task_a.plan), world.unit_a)
    for n in range(3):
        unit = UnitFactory(agency=world.agency, name=f"Phòng thêm {n}")
        user = make_member("staff", agency=world.agency, unit=unit, username=f"them{n}")
        user.email = f"them{n}@stp.example.vn"
        user.save()
        for _ in range(5):
            assign(TaskFactory(plan=world.task_a.plan), unit)


def test_query_count_is_constant_per_unit(mail_world):
    # office, unit_a, unit_b and the other agency's office: 4 units, 4 e-mails.
    assert _count(DAY) == PER_RUN + 4 * PER_SENT_UNIT == 14
    _grow(mail_world)
    next_day = DAY + dt.timedelta(days=1)
    assert _count(next_day) == PER_RUN + 7 * PER_SENT_UNIT == 20


def test_rerun_costs_one_claim_per_unit(mail_world):
    send_due_reminders(on=DAY)
    assert _count(DAY) == PER_RUN + 4 * PER_SKIPPED_UNIT == 10


def test_dry_run_only_reads(mail_world):
    # units + groups + members, every unit's due tasks, then which were sent already.
    assert _count(DAY, dry_run=True) == 3 + 1 + 1 == 5
    _grow(mail_world)
    assert _count(DAY, dry_run=True) == 5
