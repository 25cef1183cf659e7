"""A sweep costs the same for any number of tasks; only sending is per recipient."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reminders.services import sweep
from tests.factories import TaskFactory, UnitFactory, assign, make_member
from tests.reminders.conftest import DAY

pytestmark = pytest.mark.django_db

# calendar, agencies, settings; opt-outs, units + groups + members, coordinators; due tasks
# (one query however many); periods (the world has none: no submissions query); ledger keys;
# stuck recovery; insert the new rows; recipients with mail waiting; digests insert; claimable.
PER_SWEEP = 16
NOTHING_NEW = PER_SWEEP - 2  # neither insert runs
PER_SENT = 4  # claim, attach, read the shown items (one more than shown: no COUNT), mark sent


def _count(on: dt.date, **kwargs) -> int:
    with CaptureQueriesContext(connection) as queries:
        sweep(on=on, **kwargs)
    return len(queries)


def _grow(world) -> None:
    """Ten more tasks for one unit, three more units with staff and five tasks each.

    35 new ledger rows: one INSERT on either database (rows are inserted in batches of 2,000,
    or fewer on SQLite, whose statements take at most 999 parameters).
    """
    for _ in range(10):
        assign(TaskFactory(plan=world.task_a.plan, due_date=dt.date(2026, 6, 29)), world.unit_a)
    for n in range(3):
        unit = UnitFactory(agency=world.agency, name=f"Phòng thêm {n}")
        user = make_member("staff", agency=world.agency, unit=unit, username=f"them{n}")
        user.email = f"them{n}@stp.example.vn"
        user.save()
        for _ in range(5):
            assign(TaskFactory(plan=world.task_a.plan, due_date=dt.date(2026, 6, 29)), unit)


def test_query_count_grows_per_recipient_not_per_task(mail_world):
    assert _count(DAY) == PER_SWEEP + 5 * PER_SENT
    _grow(mail_world)
    # The next working day: the 25 new tasks are at lead-1, for unit_a's two people and the
    # three new units' staff; the world's tasks are still at lead-3, said already.
    assert _count(dt.date(2026, 6, 26)) == PER_SWEEP + 5 * PER_SENT


def test_rerun_reads_and_writes_nothing_new(mail_world):
    sweep(on=DAY)
    assert _count(DAY) == NOTHING_NEW  # a sent digest is not even claimable: no claim query


def test_dry_run_only_reads(mail_world):
    # The sweep's 11 reads up to the ledger keys (no recovery, no writes), then the new rows'
    # tasks, plans and units once for every digest shown.
    assert _count(DAY, dry_run=True) == 11 + 3
    _grow(mail_world)
    assert _count(DAY, dry_run=True) == 11 + 3
