"""The history shows the value a progress entry replaced, not "—"."""

import datetime as dt

import pytest

from tasks.models import Task, TaskStatus
from tasks.services import ProgressReport, record_progress
from tasks.timeline import Change, build_timeline
from tests.factories import make_periods

pytestmark = pytest.mark.django_db


def progress_changes(task) -> list[tuple[str, list[Change]]]:
    task = Task.objects.with_detail().get(pk=task.pk)
    events = [e for e in build_timeline(task) if e.title.startswith("Cập nhật tiến độ")]
    return [(event.title, event.changes) for event in reversed(events)]


def write(world, task, period, day, **report):
    # The clock runs (history orders by it, after the world's task was created); ``on``
    # is the day the period rules see.
    record_progress(
        task=task,
        period=period,
        user=world.users["staff_a"],
        report=ProgressReport(**report),
        on=day,
    )


def test_the_first_entry_shows_the_status_the_task_had(world):
    year = make_periods(world.agency)["year"]
    write(
        world, world.task_a, year, dt.date(2026, 11, 2), status=TaskStatus.IN_PROGRESS, progress=30
    )
    [(title, changes)] = progress_changes(world.task_a)
    assert title == "Cập nhật tiến độ kỳ Năm 2026"
    assert Change("Trạng thái", "Chưa thực hiện", "Đang thực hiện") in changes
    assert Change("Tiến độ (%)", "0", "30") in changes


def test_a_new_periods_first_entry_compares_with_the_entry_before(world):
    periods = make_periods(world.agency)
    write(
        world, world.task_a, periods["q3"], dt.date(2026, 9, 1), status="in_progress", progress=40
    )
    write(
        world,
        world.task_a,
        periods["year"],
        dt.date(2026, 11, 2),
        status=TaskStatus.DONE,
        progress=100,
        result="Đã ban hành",
    )
    [(_, first), (title, second)] = progress_changes(world.task_a)
    assert Change("Trạng thái", "Chưa thực hiện", "Đang thực hiện") in first
    assert title == "Cập nhật tiến độ kỳ Năm 2026"
    assert Change("Trạng thái", "Đang thực hiện", "Hoàn thành") in second
    assert Change("Tiến độ (%)", "40", "100") in second


def test_an_edit_of_the_same_entry_compares_with_that_entry(world):
    year = make_periods(world.agency)["year"]
    write(world, world.task_a, year, dt.date(2026, 11, 2), status="in_progress", progress=30)
    write(world, world.task_a, year, dt.date(2026, 11, 9), status="in_progress", progress=70)
    [_, (_, changes)] = progress_changes(world.task_a)
    assert changes == [Change("Tiến độ (%)", "30", "70")]
