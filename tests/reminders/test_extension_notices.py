"""Coordinators learn of new extension requests; the requester learns the decision."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from reminders.models import ItemKind, ReminderItem
from reminders.services import sweep
from tasks.services import decide_extension, request_extension

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 6, 1)  # a Monday; world tasks are due 30/06: nothing else to say


@pytest.fixture
def requested(mail_world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return request_extension(
            task=mail_world.task_a,
            user=mail_world.users["head_a"],
            requested_date=dt.date(2026, 7, 31),
            reason="Chờ ý kiến Sở Nội vụ",
            on=DAY,
        )


def test_coordinators_see_the_request_at_once_and_by_e_mail(mail_world, requested):
    notice = ReminderItem.objects.get(kind=ItemKind.EXTENSION_REQUESTED)
    assert notice.user == mail_world.users["coordinator"] and notice.read_at is None
    result = sweep(on=DAY)
    assert [(r.recipient, [line.reason for line in r.items]) for r in result.sent] == [
        ("coordinator@stp.example.vn", ["đề nghị gia hạn đến 31/07/2026, chờ duyệt"])
    ]
    assert f"[Mục {mail_world.task_a.code}]" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("approve", "reason"),
    [
        (True, "đề nghị gia hạn đến 31/07/2026 đã được duyệt"),
        (False, "đề nghị gia hạn đến 31/07/2026 không được duyệt"),
    ],
)
def test_the_requester_learns_the_decision(
    mail_world, requested, django_capture_on_commit_callbacks, approve, reason
):
    with django_capture_on_commit_callbacks(execute=True):
        decide_extension(
            extension=requested,
            user=mail_world.users["coordinator"],
            approve=approve,
            note="" if approve else "Chưa đủ căn cứ",
        )
    notice = ReminderItem.objects.get(kind=ItemKind.EXTENSION_DECIDED)
    assert notice.user == mail_world.users["head_a"]
    told = {r.recipient: [line.reason for line in r.items] for r in sweep(on=DAY).sent}
    assert told["head_a@stp.example.vn"] == [reason]
