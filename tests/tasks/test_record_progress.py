"""record_progress: one entry per task and period, the task mirrors the latest, all or nothing."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from tasks.models import Evidence, Task, TaskProgress, TaskStatus
from tasks.services import ProgressReport, record_progress
from tests.factories import evidence_upload, make_periods

# 5 May 2026: Quý I (cut off 14/3) is locked, 6 tháng and Năm are open.
FROZEN = dt.datetime(2026, 5, 5, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_day():
    with time_machine.travel(FROZEN, tick=False):
        yield


def report(**overrides) -> ProgressReport:
    values = {"status": TaskStatus.IN_PROGRESS, "progress": 40, "result": "Đã dự thảo"}
    return ProgressReport(**(values | overrides))


def test_an_update_creates_the_period_entry_and_the_task_mirrors_it(world, periods):
    staff = world.users["staff_a"]
    entry = record_progress(
        task=world.task_a,
        period=periods["h1"],
        user=staff,
        report=report(difficulties="Thiếu người"),
    )
    task = Task.objects.get(pk=world.task_a.pk)
    assert (entry.status, entry.progress, entry.updated_by) == ("in_progress", 40, staff)
    assert (task.status, task.progress, task.result, task.difficulties) == (
        "in_progress",
        40,
        "Đã dự thảo",
        "Thiếu người",
    )
    assert task.history.first().history_user == staff


def test_a_second_update_in_the_same_period_replaces_the_entry(world, periods):
    staff = world.users["staff_a"]
    record_progress(task=world.task_a, period=periods["h1"], user=staff, report=report())
    record_progress(task=world.task_a, period=periods["h1"], user=staff, report=report(progress=70))
    assert TaskProgress.objects.filter(task=world.task_a).count() == 1
    assert TaskProgress.objects.get(task=world.task_a).progress == 70


def test_recurring_tasks_keep_one_entry_per_period_and_mirror_the_latest(world, periods):
    task = world.task_a
    task.deadline_kind, task.deadline_text, task.due_date = "recurring", "Định kỳ hàng quý", None
    task.save()
    coordinator = world.users["coordinator"]
    record_progress(task=task, period=periods["year"], user=coordinator, report=report(progress=30))
    # The Văn phòng corrects the locked Quý I afterwards: the task still mirrors the later period.
    record_progress(task=task, period=periods["q1"], user=coordinator, report=report(progress=90))
    entries = dict(TaskProgress.objects.filter(task=task).values_list("period__kind", "progress"))
    assert entries == {"q1": 90, "year": 30}
    assert Task.objects.get(pk=task.pk).progress == 30


def test_done_needs_a_result_and_gets_100_percent_and_a_completion_date(world, periods):
    staff = world.users["staff_a"]
    with pytest.raises(ValidationError) as caught:
        record_progress(
            task=world.task_a,
            period=periods["h1"],
            user=staff,
            report=report(status="done", result=" "),
        )
    assert "result" in caught.value.message_dict
    assert not TaskProgress.objects.exists()
    record_progress(
        task=world.task_a,
        period=periods["h1"],
        user=staff,
        report=report(status="done", progress=50),
    )
    task = Task.objects.get(pk=world.task_a.pk)
    assert (task.status, task.progress, task.completed_on) == ("done", 100, dt.date(2026, 5, 5))


def test_leaving_done_clears_the_completion_date(world, periods):
    staff = world.users["staff_a"]
    record_progress(
        task=world.task_a, period=periods["h1"], user=staff, report=report(status="done")
    )
    record_progress(task=world.task_a, period=periods["h1"], user=staff, report=report())
    assert Task.objects.get(pk=world.task_a.pk).completed_on is None


def test_a_locked_period_refuses_staff_but_not_the_coordinator(world, periods):
    with pytest.raises(ValidationError) as caught:
        record_progress(
            task=world.task_a, period=periods["q1"], user=world.users["staff_a"], report=report()
        )
    assert "đã chốt số liệu" in caught.value.message_dict["period"][0]
    record_progress(
        task=world.task_a, period=periods["q1"], user=world.users["coordinator"], report=report()
    )


def test_a_reopened_period_accepts_staff_again(world, periods):
    q1 = periods["q1"]
    q1.reopened_until = dt.date(2026, 5, 10)
    q1.save()
    record_progress(task=world.task_a, period=q1, user=world.users["staff_a"], report=report())
    assert TaskProgress.objects.filter(period=q1).count() == 1


@pytest.mark.parametrize("who", ["staff_b", "leader", "other_coordinator"])
def test_only_editors_of_the_task_may_write(world, periods, who):
    with pytest.raises(PermissionDenied):
        record_progress(
            task=world.task_a, period=periods["h1"], user=world.users[who], report=report()
        )


def test_another_agencys_period_is_refused(world, periods):
    other_period = make_periods(world.other_agency)["h1"]
    with pytest.raises(ValidationError):
        record_progress(
            task=world.task_a, period=other_period, user=world.users["coordinator"], report=report()
        )


def test_evidence_is_stored_privately_under_a_random_name(world, periods, private_media):
    record_progress(
        task=world.task_a,
        period=periods["h1"],
        user=world.users["staff_a"],
        report=report(),
        files=[evidence_upload("Báo cáo Quý I.pdf"), evidence_upload("so-lieu.xlsx")],
    )
    stored = list(Evidence.objects.order_by("pk"))
    assert [e.original_name for e in stored] == ["Báo cáo Quý I.pdf", "so-lieu.xlsx"]
    assert [e.content_type for e in stored] == [
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ]
    first = stored[0]
    assert first.period == periods["h1"] and first.uploaded_by == world.users["staff_a"]
    assert "Báo cáo" not in first.file.name and first.file.name.endswith(".pdf")
    assert first.file.path.startswith(str(private_media))


def test_one_bad_file_leaves_the_database_and_the_disk_unchanged(world, periods, private_media):
    before = Task.objects.get(pk=world.task_a.pk).history.count()
    fake = evidence_upload("that-ra-la-html.pdf", kind="png")
    with pytest.raises(ValidationError) as caught:
        record_progress(
            task=world.task_a,
            period=periods["h1"],
            user=world.users["staff_a"],
            report=report(progress=80),
            files=[evidence_upload("tot.pdf"), fake],
        )
    assert "that-ra-la-html.pdf" in caught.value.messages[0]
    assert not TaskProgress.objects.exists() and not Evidence.objects.exists()
    assert Task.objects.get(pk=world.task_a.pk).progress == 0
    assert Task.objects.get(pk=world.task_a.pk).history.count() == before
    assert (
        not any(p.is_file() for p in private_media.rglob("*")) if private_media.exists() else True
    )


def test_a_database_failure_after_saving_files_removes_them(
    world, periods, private_media, monkeypatch
):
    from tasks import services

    def explode(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "mirror_latest_entry", explode)
    with pytest.raises(RuntimeError):
        record_progress(
            task=world.task_a,
            period=periods["h1"],
            user=world.users["staff_a"],
            report=report(),
            files=[evidence_upload("tot.pdf")],
        )
    assert not TaskProgress.objects.exists() and not Evidence.objects.exists()
    assert not [p for p in private_media.rglob("*") if p.is_file()]


def test_oversized_files_are_refused_with_the_limit_in_the_message(world, periods, settings):
    settings.UPLOAD_MAX_MB = 0
    with pytest.raises(ValidationError) as caught:
        record_progress(
            task=world.task_a,
            period=periods["h1"],
            user=world.users["staff_a"],
            report=report(),
            files=[evidence_upload("lon.pdf")],
        )
    assert "vượt quá dung lượng cho phép (0 MB)" in caught.value.messages[0]
