"""The one rule of which badges a task row shows (tasks/badges.py), as a table.

Kinds × status × extension, in chasing and report contexts, through ``Task.row_badges``
and, for annotated rows, through ``TaskQuerySet.with_timeliness``.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from tasks.models import DeadlineKind, Task, TaskStatus

DAY = dt.date(2026, 6, 25)
ORIGINAL = dt.date(2026, 6, 15)  # ten days before DAY: past the original deadline
EXTENDED = dt.date(2026, 7, 31)  # far enough to be "Trong hạn" on DAY
EXT_NOTE = "Đã gia hạn đến 31/07/2026"

# (deadline kind, status, extended?, chasing labels, report labels)
CASES = [
    # A dated task past its original deadline, open.
    (DeadlineKind.DATE, TaskStatus.IN_PROGRESS, False, ["Quá hạn"], ["Chưa hoàn thành, quá hạn"]),
    # The case: after an extension it is "Trong hạn" to chase, still overdue to report,
    # and the two never show side by side.
    (
        DeadlineKind.DATE,
        TaskStatus.IN_PROGRESS,
        True,
        ["Trong hạn", EXT_NOTE],
        ["Chưa hoàn thành, quá hạn", EXT_NOTE],
    ),
    (DeadlineKind.DATE, TaskStatus.NOT_STARTED, False, ["Quá hạn"], ["Chưa hoàn thành, quá hạn"]),
    (
        DeadlineKind.QUARTER,
        TaskStatus.NOT_STARTED,
        True,
        ["Trong hạn", EXT_NOTE],
        ["Chưa hoàn thành, quá hạn", EXT_NOTE],
    ),
    # Done by the original deadline (completed_on = 10/06/2026).
    (DeadlineKind.DATE, TaskStatus.DONE, False, ["Trong hạn"], ["Hoàn thành đúng hạn"]),
    (
        DeadlineKind.DATE,
        TaskStatus.DONE,
        True,
        ["Trong hạn", EXT_NOTE],
        ["Hoàn thành đúng hạn", EXT_NOTE],
    ),
    # Recurring and continuous: their own label, never "Chưa xác định hạn".
    (DeadlineKind.CONTINUOUS, TaskStatus.IN_PROGRESS, False, ["Thường xuyên"], ["Thường xuyên"]),
    (DeadlineKind.CONTINUOUS, TaskStatus.DONE, False, ["Thường xuyên"], ["Thường xuyên"]),
    (DeadlineKind.RECURRING, TaskStatus.NOT_STARTED, False, ["Định kỳ"], ["Định kỳ"]),
    (
        DeadlineKind.RECURRING,
        TaskStatus.IN_PROGRESS,
        True,
        ["Định kỳ", EXT_NOTE],
        ["Định kỳ", EXT_NOTE],
    ),
    # Event-triggered and unknown deadlines have no date yet: honestly "no deadline".
    (
        DeadlineKind.EVENT,
        TaskStatus.NOT_STARTED,
        False,
        ["Chưa xác định hạn"],
        ["Chưa xác định hạn"],
    ),
    (
        DeadlineKind.UNKNOWN,
        TaskStatus.IN_PROGRESS,
        False,
        ["Chưa xác định hạn"],
        ["Chưa xác định hạn"],
    ),
]


def _task(kind: str, status: str, extended: bool, **extra) -> Task:
    dated = kind not in (DeadlineKind.CONTINUOUS, DeadlineKind.EVENT, DeadlineKind.UNKNOWN)
    return Task(
        content="Nhiệm vụ",
        deadline_kind=kind,
        status=status,
        due_date=ORIGINAL if dated else None,
        extended_due_date=EXTENDED if extended else None,
        completed_on=dt.date(2026, 6, 10) if status == TaskStatus.DONE else None,
        **extra,
    )


def _labels(badges) -> list[str]:
    return [badge.label for badge in badges]


@pytest.mark.parametrize(("kind", "status", "extended", "chasing", "report"), CASES)
def test_row_badges(kind, status, extended, chasing, report):
    task = _task(kind, status, extended)
    assert _labels(task.row_badges(on=DAY)) == chasing
    assert _labels(task.row_badges(on=DAY, report=True)) == report


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "status", "extended", "chasing", "report"), CASES)
def test_annotated_rows_give_the_same_badges(world, kind, status, extended, chasing, report):
    task = _task(kind, status, extended, plan=world.task_a.plan, path="x/1", result="Xong")
    task.save()
    row = Task.objects.filter(pk=task.pk).with_timeliness(on=DAY).get()
    assert _labels(row.badges) == chasing
    assert _labels(row.report_badges) == report


@pytest.mark.parametrize("extended", [False, True])
def test_a_section_heading_shows_no_badge(extended):
    assert (
        _task(DeadlineKind.DATE, TaskStatus.NOT_STARTED, extended, is_section=True).row_badges(
            on=DAY
        )
        == []
    )


def test_badges_carry_the_css_of_their_kind():
    task = _task(DeadlineKind.DATE, TaskStatus.IN_PROGRESS, True)
    assert [b.css for b in task.row_badges(on=DAY)] == ["tl-on_time", "text-bg-info"]
    assert [b.css for b in task.row_badges(on=DAY, report=True)] == [
        "bucket-badge bucket-overdue",
        "text-bg-info",
    ]
    continuous = _task(DeadlineKind.CONTINUOUS, TaskStatus.IN_PROGRESS, False)
    assert [b.css for b in continuous.row_badges(on=DAY)] == ["kind-badge kind-continuous"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("", '<span class="badge tl-on_time">Trong hạn</span>', "bucket-badge bucket-overdue"),
        (
            "?bucket=overdue",
            '<span class="badge bucket-badge bucket-overdue">Chưa hoàn thành, quá hạn</span>',
            '<span class="badge tl-on_time">',
        ),
    ],
)
def test_task_list_shows_timeliness_or_the_bucket_when_filtered_by_one(
    client, world, query, shown, hidden
):
    """A list filtered by report bucket is a report context; the plain list is for chasing."""
    world.task_a.due_date, world.task_a.extended_due_date = ORIGINAL, EXTENDED
    world.task_a.save()
    client.force_login(world.users["coordinator"])
    with time_machine.travel(dt.datetime(2026, 6, 25, 9, 0), tick=False):
        page = client.get("/nhiem-vu/" + query).content.decode()
    assert shown in page and hidden not in page
    assert page.count(EXT_NOTE) == 1
