"""Extensions (gia hạn): the unit head asks, the Văn phòng decides; the original deadline stays."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from organizations.models import Role
from tasks.models import Extension, ReportBucket, Task, Timeliness
from tasks.services import decide_extension, request_extension
from tests.factories import make_member

FROZEN = dt.datetime(2026, 7, 10, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_day():
    # The clock ticks: a decision must come after the request it answers.
    with time_machine.travel(FROZEN, tick=True):
        yield


def ask(world, **overrides) -> Extension:
    values = {
        "task": world.task_a,
        "user": world.users["head_a"],
        "requested_date": dt.date(2026, 9, 30),
        "reason": "Chờ ý kiến của Sở Nội vụ",
    }
    return request_extension(**(values | overrides))


def test_approval_moves_the_effective_deadline_and_keeps_the_original(world):
    extension = ask(world)
    assert extension.previous_due_date == dt.date(2026, 6, 30)
    decide_extension(extension=extension, user=world.users["coordinator"], approve=True)
    extension.refresh_from_db()
    assert extension.requested_at < extension.decided_at
    task = Task.objects.get(pk=world.task_a.pk)
    assert (task.due_date, task.extended_due_date) == (dt.date(2026, 6, 30), dt.date(2026, 9, 30))
    # Timeliness follows the extension, the report bucket the original deadline.
    assert task.timeliness_on() == Timeliness.ON_TIME
    assert task.bucket_on() == ReportBucket.OVERDUE
    annotated = Task.objects.with_timeliness().get(pk=task.pk)
    assert (annotated.timeliness, annotated.bucket) == ("on_time", "overdue")
    assert Task.objects.with_timeliness().bucket_counts()["extended"] == 1


def test_rejection_needs_a_reason_and_changes_nothing(world):
    extension = ask(world)
    with pytest.raises(ValidationError):
        decide_extension(extension=extension, user=world.users["coordinator"], approve=False)
    decide_extension(
        extension=extension, user=world.users["coordinator"], approve=False, note="Không có căn cứ"
    )
    extension.refresh_from_db()
    assert extension.status == "rejected" and extension.decided_by == world.users["coordinator"]
    assert Task.objects.get(pk=world.task_a.pk).extended_due_date is None


def test_a_decision_is_final(world):
    extension = ask(world)
    decide_extension(extension=extension, user=world.users["coordinator"], approve=True)
    with pytest.raises(ValidationError):
        decide_extension(
            extension=extension, user=world.users["coordinator"], approve=False, note="x"
        )


def test_one_pending_request_at_a_time_and_the_date_must_move_forward(world):
    with pytest.raises(ValidationError):
        ask(world, requested_date=dt.date(2026, 6, 1))
    ask(world)
    with pytest.raises(ValidationError):
        ask(world, requested_date=dt.date(2026, 10, 31))


@pytest.mark.parametrize("who", ["staff_a", "coordinator", "leader", "staff_b"])
def test_only_the_head_of_the_leading_unit_may_ask(world, who):
    with pytest.raises(PermissionDenied):
        ask(world, user=world.users[who])


def test_a_head_of_another_unit_may_not_ask(world):
    head_b = make_member(Role.UNIT_HEAD, agency=world.agency, unit=world.unit_b)
    with pytest.raises(PermissionDenied):
        ask(world, user=head_b)


@pytest.mark.parametrize("who", ["head_a", "staff_a", "leader", "other_coordinator"])
def test_only_the_agency_coordinator_may_decide(world, who):
    extension = ask(world)
    with pytest.raises(PermissionDenied):
        decide_extension(extension=extension, user=world.users[who], approve=True)


def test_the_pages(client, world):
    client.force_login(world.users["head_a"])
    url = reverse("tasks:extension_request", args=[world.task_a.pk])
    assert "Đề nghị gia hạn" in client.get(url).content.decode()
    response = client.post(url, {"requested_date": "2026-09-30", "reason": "Chờ ý kiến"})
    assert response.status_code == 302
    extension = Extension.objects.get()
    client.force_login(world.users["coordinator"])
    detail = client.get(world.task_a.get_absolute_url()).content.decode()
    assert reverse("tasks:extension_decide", args=[extension.pk]) in detail
    assert "Chờ ý kiến" in client.get(reverse("tasks:extensions")).content.decode()
    client.post(
        reverse("tasks:extension_decide", args=[extension.pk]), {"decision": "approve", "note": ""}
    )
    html = client.get(world.task_a.get_absolute_url()).content.decode()
    assert "Duyệt gia hạn đến 30/09/2026" in html and "Đề nghị gia hạn đến 30/09/2026" in html
    assert "hạn ban đầu <strong>30/06/2026</strong>" in html


def test_a_bad_date_is_explained_on_the_form(client, world):
    client.force_login(world.users["head_a"])
    url = reverse("tasks:extension_request", args=[world.task_a.pk])
    response = client.post(url, {"requested_date": "2026-06-01", "reason": "Chờ"})
    assert "Ngày gia hạn phải sau thời hạn hiện tại" in response.content.decode()


def test_asking_for_exactly_the_current_deadline_is_refused(world):
    Task.objects.filter(pk=world.task_a.pk).update(due_date=dt.date(2026, 7, 31))
    world.task_a.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        ask(world, requested_date=dt.date(2026, 7, 31))
    assert refused.value.message_dict == {
        "requested_date": ["Ngày gia hạn phải sau thời hạn hiện tại và không ở quá khứ."]
    }
    assert not Extension.objects.exists()
    decide_extension(
        extension=ask(world, requested_date=dt.date(2026, 8, 1)),
        user=world.users["coordinator"],
        approve=True,
    )
    world.task_a.refresh_from_db()
    # The approved date is now the current deadline: asking for it again moves nothing.
    with pytest.raises(ValidationError):
        ask(world, requested_date=dt.date(2026, 8, 1))
    assert Extension.objects.count() == 1
