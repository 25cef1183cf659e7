"""One table of cases through the pure rule, the model method and the QuerySet annotation."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db.models import Q

from tasks import timeliness as rules
from tasks.models import ReportBucket, Task, TaskStatus, Timeliness
from tests.factories import TaskFactory

TODAY = dt.date(2026, 6, 20)
FROZEN = dt.datetime(2026, 6, 20, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
D = dt.date

# name, status, deadline kind, due, extended, completed_on, soon days -> timeliness, bucket
CASES = [
    ("far ahead", "in_progress", "date", D(2026, 7, 31), None, None, 7, "on_time", "in_progress"),
    (
        "inside window",
        "not_started",
        "date",
        D(2026, 6, 25),
        None,
        None,
        7,
        "due_soon",
        "in_progress",
    ),
    (
        "window edge",
        "in_progress",
        "date",
        D(2026, 6, 27),
        None,
        None,
        7,
        "due_soon",
        "in_progress",
    ),
    (
        "just outside",
        "in_progress",
        "date",
        D(2026, 6, 28),
        None,
        None,
        7,
        "on_time",
        "in_progress",
    ),
    ("due today", "in_progress", "date", D(2026, 6, 20), None, None, 7, "due_soon", "in_progress"),
    ("due yesterday", "in_progress", "date", D(2026, 6, 19), None, None, 7, "overdue", "overdue"),
    ("no deadline", "in_progress", "event", None, None, None, 7, "no_deadline", "no_deadline"),
    ("unknown kind", "not_started", "unknown", None, None, None, 7, "no_deadline", "no_deadline"),
    (
        "done early",
        "done",
        "date",
        D(2026, 6, 30),
        None,
        D(2026, 6, 10),
        7,
        "on_time",
        "done_on_time",
    ),
    (
        "done on the day",
        "done",
        "date",
        D(2026, 6, 10),
        None,
        D(2026, 6, 10),
        7,
        "on_time",
        "done_on_time",
    ),
    ("done late", "done", "date", D(2026, 6, 10), None, D(2026, 6, 15), 7, "overdue", "done_late"),
    (
        "done, no deadline",
        "done",
        "event",
        None,
        None,
        D(2026, 6, 1),
        7,
        "no_deadline",
        "done_on_time",
    ),
    (
        "extended, open",
        "in_progress",
        "date",
        D(2026, 6, 10),
        D(2026, 7, 31),
        None,
        7,
        "on_time",
        "overdue",
    ),
    (
        "extended, soon",
        "in_progress",
        "date",
        D(2026, 6, 10),
        D(2026, 6, 22),
        None,
        7,
        "due_soon",
        "overdue",
    ),
    (
        "extended, lapsed",
        "in_progress",
        "date",
        D(2026, 6, 1),
        D(2026, 6, 15),
        None,
        7,
        "overdue",
        "overdue",
    ),
    (
        "extended, done in time",
        "done",
        "date",
        D(2026, 6, 10),
        D(2026, 6, 30),
        D(2026, 6, 18),
        7,
        "on_time",
        "done_late",
    ),
    (
        "extended, done late",
        "done",
        "date",
        D(2026, 6, 10),
        D(2026, 6, 12),
        D(2026, 6, 18),
        7,
        "overdue",
        "done_late",
    ),
    ("recurring", "in_progress", "recurring", None, None, None, 7, "no_deadline", "recurring"),
    (
        "continuous with year end",
        "in_progress",
        "continuous",
        D(2026, 12, 31),
        None,
        None,
        7,
        "on_time",
        "recurring",
    ),
    (
        "recurring, past",
        "in_progress",
        "recurring",
        D(2026, 3, 31),
        None,
        None,
        7,
        "overdue",
        "recurring",
    ),
    (
        "zero window, tomorrow",
        "in_progress",
        "date",
        D(2026, 6, 21),
        None,
        None,
        0,
        "on_time",
        "in_progress",
    ),
    (
        "zero window, today",
        "in_progress",
        "date",
        D(2026, 6, 20),
        None,
        None,
        0,
        "due_soon",
        "in_progress",
    ),
    (
        "wide window",
        "in_progress",
        "date",
        D(2026, 7, 20),
        None,
        None,
        30,
        "due_soon",
        "in_progress",
    ),
]
IDS = [case[0] for case in CASES]


@pytest.mark.parametrize(
    ("name", "status", "kind", "due", "extended", "completed", "soon", "timeliness", "bucket"),
    CASES,
    ids=IDS,
)
def test_pure_rule(name, status, kind, due, extended, completed, soon, timeliness, bucket):
    done = status == "done"
    assert (
        rules.timeliness(
            done=done,
            due_date=due,
            extended_due_date=extended,
            completed_on=completed,
            on=TODAY,
            soon_days=soon,
        )
        == timeliness
    )
    assert (
        rules.report_bucket(
            done=done, deadline_kind=kind, due_date=due, completed_on=completed, on=TODAY
        )
        == bucket
    )


def _task(status, kind, due, extended, completed) -> Task:
    return TaskFactory(
        status=status,
        deadline_kind=kind,
        due_date=due,
        extended_due_date=extended,
        completed_on=completed,
        result="Đã xong" if status == TaskStatus.DONE else "",
    )


@pytest.mark.django_db
@time_machine.travel(FROZEN, tick=False)
def test_model_method_and_annotation_agree_with_the_table():
    tasks = {case[0]: (_task(*case[1:6]), case) for case in CASES}
    for soon in sorted({case[6] for case in CASES}):
        annotated = {
            t.pk: t for t in Task.objects.with_timeliness(soon_days=soon)
        }  # default day: today (frozen)
        for name, (task, case) in tasks.items():
            if case[6] != soon:
                continue
            expected_timeliness, expected_bucket = case[7], case[8]
            assert task.timeliness_on(soon_days=soon) == expected_timeliness, name
            assert task.bucket_on() == expected_bucket, name
            assert annotated[task.pk].timeliness == expected_timeliness, name
            assert annotated[task.pk].bucket == expected_bucket, name


@pytest.mark.django_db
@time_machine.travel(FROZEN, tick=False)
def test_due_soon_window_comes_from_settings(settings):
    task = _task("in_progress", "date", D(2026, 6, 24), None, None)  # 4 days ahead
    settings.DUE_SOON_DAYS = 3
    assert task.timeliness_on() == Timeliness.ON_TIME
    assert Task.objects.with_timeliness().get(pk=task.pk).timeliness == Timeliness.ON_TIME
    settings.DUE_SOON_DAYS = 7
    assert task.timeliness_on() == Timeliness.DUE_SOON
    assert Task.objects.due_within(7).get() == task


@pytest.mark.django_db
def test_an_explicit_day_overrides_today():
    task = _task("in_progress", "date", D(2026, 6, 24), None, None)
    assert task.timeliness_on(D(2026, 7, 1)) == Timeliness.OVERDUE
    assert list(Task.objects.overdue(on=D(2026, 7, 1))) == [task]
    assert list(Task.objects.overdue(on=D(2026, 6, 1))) == []


@pytest.mark.django_db
@time_machine.travel(FROZEN, tick=False)
def test_in_overdue_bucket_picks_exactly_the_overdue_bucket():
    made = {_task(*case[1:6]).pk: case for case in CASES}
    picked = set(Task.objects.in_overdue_bucket(on=FROZEN.date()).values_list("pk", flat=True))
    assert picked == {pk for pk, case in made.items() if case[8] == ReportBucket.OVERDUE}
    assert picked and picked != set(made)


@pytest.mark.django_db
@time_machine.travel(FROZEN, tick=False)
def test_bucket_counts_in_one_query(django_assert_num_queries):
    for case in CASES:
        _task(*case[1:6])
    with django_assert_num_queries(1):
        counts = Task.objects.with_timeliness().bucket_counts()
    assert counts["total"] == len(CASES)
    assert counts["extended"] == sum(1 for case in CASES if case[4])
    for bucket in ReportBucket:
        assert counts[bucket.value] == sum(1 for case in CASES if case[8] == bucket.value)


@pytest.mark.django_db
@time_machine.travel(FROZEN, tick=False)
def test_bucket_counts_by_a_field_split_the_same_counts_in_one_query(django_assert_num_queries):
    made = [(_task(*case[1:6]), case) for case in CASES]
    with django_assert_num_queries(1):
        by_plan = Task.objects.with_timeliness().bucket_counts_by("plan")
    assert set(by_plan) == {(task.plan_id,) for task, _case in made}  # one plan per factory task
    for (plan_id,), counts in by_plan.items():
        cases = [case for task, case in made if task.plan_id == plan_id]
        assert counts["total"] == len(cases)
        assert counts["extended"] == sum(1 for case in cases if case[4])
        for bucket in ReportBucket:
            assert counts[bucket.value] == sum(1 for case in cases if case[8] == bucket.value)
    assert Task.objects.none().with_timeliness().bucket_counts()["total"] == 0


@pytest.mark.django_db
@time_machine.travel(FROZEN, tick=False)
def test_bucket_counts_by_adds_named_counts_in_the_same_query(django_assert_num_queries):
    made = [(_task(*case[1:6]), case) for case in CASES]
    extended = Q(extended_due_date__isnull=False)
    with django_assert_num_queries(1):
        counts = Task.objects.with_timeliness().bucket_counts_by(
            also={"done": Q(status=TaskStatus.DONE), "extended_again": extended}
        )[()]
    assert counts["done"] == sum(1 for task, _case in made if task.status == TaskStatus.DONE)
    assert 0 < counts["done"] < len(CASES)
    assert counts["extended_again"] == counts["extended"]
    assert counts["total"] == len(CASES)


def test_labels_cover_the_pure_values():
    assert {t.value for t in rules.Timeliness} == set(Timeliness.values)
    assert {b.value for b in rules.Bucket} == set(ReportBucket.values)
