"""Building a report costs the same number of queries whatever the number of tasks."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.models import PeriodSnapshot
from reports.services import build_report
from tasks.models import TaskProgress, TaskStatus
from tests.factories import TaskFactory, UnitFactory, assign
from tests.par.known_set import scored_set
from tests.reports.conftest import AFTER_CUTOFF, BEFORE_CUTOFF


def _grow(known, count: int) -> None:
    unit = UnitFactory(agency=known.agency)
    for n in range(count):
        task = TaskFactory(plan=known.plan, due_date=dt.date(2026, 3, 1), content=f"Thêm {n}")
        assign(task, unit)
        TaskProgress.objects.create(
            task=task,
            period=known.q1,
            status=TaskStatus.IN_PROGRESS,
            progress=20,
            result="Đang làm",
            difficulties="Thiếu người",
        )


def _queries(known, when) -> int:
    with time_machine.travel(when, tick=False), CaptureQueriesContext(connection) as queries:
        build_report(period=known.q1, on=when.date())
    return len(queries)


def _grow_par(par_set, count: int) -> None:
    root = par_set.criteria.create(code="III", label="III", title="Thêm", max_score=count)
    for n in range(count):
        par_set.criteria.create(
            code=f"III.{n}", label=str(n + 1), title=f"Thêm {n}", max_score=1, parent=root,
            depth=1, self_score=1, position=100 + n,
        )  # fmt: skip


def test_a_live_report_reads_in_a_fixed_number_of_queries(known):
    # 14: header settings, plans, next period, tasks + assignments, entries, extensions,
    # indicators + values, budget lines, submissions, PAR sets + their criteria; the
    # working-day calendar's overrides.
    par_set = scored_set(agency=known.agency, user=known.coordinator)
    small = _queries(known, BEFORE_CUTOFF)
    _grow(known, 25)
    _grow_par(par_set, 25)
    assert _queries(known, BEFORE_CUTOFF) == small == 14


def test_freezing_and_reading_a_snapshot_is_flat_too(known):
    _grow(known, 5)
    freezing_small = _queries(known, AFTER_CUTOFF)  # takes the snapshot
    reading = _queries(known, AFTER_CUTOFF)  # reads it
    PeriodSnapshot.objects.all().delete()
    _grow(known, 25)
    assert _queries(known, AFTER_CUTOFF) == freezing_small
    assert _queries(known, AFTER_CUTOFF) == reading
