"""Coordinating units and the Văn phòng comment; the Văn phòng can send an entry back."""

import datetime as dt

import pytest
from django.urls import reverse

from periods.models import PeriodSubmission
from periods.services import submit_period_report
from tasks.models import CommentKind, TaskComment, TaskProgress
from tasks.services import ProgressReport, record_progress
from tests.factories import make_periods

pytestmark = pytest.mark.django_db


def comment(client, user, task, body="Đã phối hợp"):
    client.force_login(user)
    return client.post(reverse("tasks:comment", args=[task.pk]), {"body": body})


def test_coordinating_unit_comments_as_coordination_note(client, world):
    assert comment(client, world.users["staff_b"], world.task_a).status_code == 302
    assert TaskComment.objects.get().kind == CommentKind.COORDINATION


def test_coordinator_comments_as_the_office(client, world):
    comment(client, world.users["coordinator"], world.task_a, "Đề nghị bổ sung số liệu")
    assert TaskComment.objects.get().kind == CommentKind.COORDINATOR


@pytest.mark.parametrize("who", ["staff_a", "leader"])
def test_others_who_see_the_task_may_not_comment(client, world, who):
    assert comment(client, world.users[who], world.task_a).status_code == 403
    assert not TaskComment.objects.exists()


def test_send_back_marks_the_entry_and_returns_the_units_submission(client, world):
    period = make_periods(world.agency)["year"]
    day = dt.date(2026, 11, 23)
    entry = record_progress(
        task=world.task_a,
        period=period,
        user=world.users["staff_a"],
        report=ProgressReport(status="in_progress", progress=20),
        on=day,
    )
    submit_period_report(period=period, unit=world.unit_a, user=world.users["head_a"], on=day)
    client.force_login(world.users["coordinator"])
    response = client.post(
        reverse("tasks:send_back", args=[entry.pk]), {"comment": "Thiếu số liệu"}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.is_returned
    assert PeriodSubmission.objects.get().status == "returned"
    assert TaskComment.objects.get().kind == CommentKind.SEND_BACK
    html = client.get(world.task_a.get_absolute_url()).content.decode()
    assert "Bị trả lại" in html and "Thiếu số liệu" in html
    # The next update clears the mark.
    record_progress(
        task=world.task_a,
        period=period,
        user=world.users["staff_a"],
        report=ProgressReport(status="in_progress", progress=40),
        on=day,
    )
    assert not TaskProgress.objects.get().is_returned


def test_staff_cannot_send_back(client, world):
    period = make_periods(world.agency)["year"]
    entry = record_progress(
        task=world.task_a,
        period=period,
        user=world.users["staff_a"],
        report=ProgressReport(status="in_progress", progress=20),
        on=dt.date(2026, 11, 23),
    )
    client.force_login(world.users["staff_a"])
    assert (
        client.post(reverse("tasks:send_back", args=[entry.pk]), {"comment": "x"}).status_code
        == 403
    )
