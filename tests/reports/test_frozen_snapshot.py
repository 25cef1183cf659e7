"""A locked period's report reads its frozen snapshot; an open one reads live data."""

from __future__ import annotations

import datetime as dt
import io

import time_machine
from docx import Document

from budget.models import BudgetEntry, BudgetLine, EntryKind
from periods.services import reopen_period
from reports.models import PeriodSnapshot, SnapshotReason
from reports.services import build_report
from tasks.models import Task, TaskProgress, TaskStatus
from tests.factories import TaskFactory, assign
from tests.reports.conftest import AFTER_CUTOFF, BEFORE_CUTOFF, EXPECTED_SENTENCE, VN


def _text(docx: bytes) -> list[str]:
    document = Document(io.BytesIO(docx))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += [" | ".join(cell.text for cell in row.cells) for row in table.rows]
    return lines


def _build(known, when: dt.datetime, **kwargs):
    with time_machine.travel(when, tick=False):
        return build_report(period=known.q1, on=when.date(), **kwargs)


def _change_everything(known) -> None:
    """What coordinators may still do after the cut-off: none of it may reach the Q1 report."""
    t = known.tasks
    TaskProgress.objects.filter(task=t["T3"], period=known.q1).update(
        status=TaskStatus.DONE, progress=100, result="Đã xong", completed_on=dt.date(2026, 3, 12)
    )
    Task.objects.filter(pk=t["T1"].pk).update(content="Nội dung đã sửa")
    extra = TaskFactory(plan=known.plan, due_date=dt.date(2026, 3, 1), content="Nhiệm vụ mới")
    assign(extra, known.tasks["T1"].assignments.first().unit)
    line = BudgetLine.objects.get(code="2")
    BudgetEntry.objects.create(
        line=line, kind=EntryKind.DISBURSEMENT, amount=1_000_000, date=dt.date(2026, 3, 1)
    )


def test_a_locked_periods_report_is_identical_after_tasks_change(known):
    first = _build(known, AFTER_CUTOFF)
    assert first.from_snapshot
    _change_everything(known)
    again = _build(known, dt.datetime(2026, 4, 20, 9, 0, tzinfo=VN))
    assert _text(again.docx) == _text(first.docx)
    assert PeriodSnapshot.objects.filter(period=known.q1).count() == 1


def test_an_open_periods_report_is_live_and_says_provisional(known):
    built = _build(known, BEFORE_CUTOFF)
    assert not built.from_snapshot
    lines = _text(built.docx)
    assert "(Số liệu tạm tính đến ngày 02/03/2026)" in lines
    assert not PeriodSnapshot.objects.exists()
    assert EXPECTED_SENTENCE + "." not in lines  # counted as of 02/03: fewer tasks are due


def test_relocking_refreshes_the_snapshot_and_keeps_the_earlier_one(known):
    first = _build(known, AFTER_CUTOFF)
    with time_machine.travel(AFTER_CUTOFF, tick=False):
        reopen_period(period=known.q1, user=known.coordinator, until=dt.date(2026, 3, 25))
    reopened = _build(known, AFTER_CUTOFF + dt.timedelta(days=1))
    assert not reopened.from_snapshot  # reopened: live, provisional
    assert "(Số liệu tạm tính đến ngày 21/03/2026)" in _text(reopened.docx)
    _change_everything(known)
    lock_day = dt.datetime(2026, 3, 22, 9, 0, tzinfo=VN)
    with time_machine.travel(lock_day, tick=False):
        reopen_period(period=known.q1, user=known.coordinator, until=None)
    snapshots = list(PeriodSnapshot.objects.filter(period=known.q1).order_by("taken_at"))
    assert [s.reason for s in snapshots] == [SnapshotReason.CUTOFF, SnapshotReason.LOCK]
    assert snapshots[1].taken_by == known.coordinator
    relocked = _build(known, lock_day + dt.timedelta(days=10))
    assert relocked.from_snapshot
    assert _text(relocked.docx) != _text(first.docx)
    assert any("Nội dung đã sửa" in line for line in _text(relocked.docx))
    # The earlier snapshot still says what the first report said.
    assert snapshots[0].report_data().tasks[0].content == "Nhiệm vụ T1"


def test_a_reopening_that_runs_out_is_frozen_again_by_the_next_report(known):
    _build(known, AFTER_CUTOFF)
    with time_machine.travel(AFTER_CUTOFF, tick=False):
        reopen_period(period=known.q1, user=known.coordinator, until=dt.date(2026, 3, 25))
    _change_everything(known)
    later = _build(known, dt.datetime(2026, 3, 30, 9, 0, tzinfo=VN))
    assert later.from_snapshot
    assert PeriodSnapshot.objects.filter(period=known.q1).count() == 2
    assert any("Nội dung đã sửa" in line for line in _text(later.docx))


def test_locking_before_the_cutoff_freezes_nothing(known):
    with time_machine.travel(BEFORE_CUTOFF, tick=False):
        reopen_period(period=known.q1, user=known.coordinator, until=None)
    assert not PeriodSnapshot.objects.exists()
