"""Who is told: unit addresses, staff and head; opt-out; escalation to head and Văn phòng."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from organizations.models import Membership, Role
from reminders.models import DigestOptOut, ReminderItem
from reminders.services import sweep
from tests.factories import TaskFactory, UnitFactory, assign, make_member
from tests.reminders.conftest import DAY

pytestmark = pytest.mark.django_db


def _told(result) -> dict[str, list[tuple[str, str]]]:
    return {r.recipient: [(line.code, line.reason) for line in r.items] for r in result.sent}


def test_each_recipient_gets_one_digest_of_their_units_tasks(mail_world):
    world = mail_world
    world.unit_a.reminder_emails = "xdkt@stp.example.vn;\nHEAD_A@stp.example.vn"
    world.unit_a.save()
    told = _told(sweep(on=DAY))
    a, b, group = world.task_a.code, world.task_b.code, world.task_group.code
    lead3 = "còn 3 ngày làm việc"
    assert told == {
        "xdkt@stp.example.vn": [(a, lead3), (group, lead3)],
        "head_a@stp.example.vn": [(a, lead3), (group, lead3)],  # typed once, known as a user
        "staff_a@stp.example.vn": [(a, lead3), (group, lead3)],
        "staff_b@stp.example.vn": [(b, lead3), (group, lead3)],
        "vanphong@stp.example.vn": [(group, lead3)],  # the group task reaches the office
        "vp@stp-cb.example.vn": [(world.task_other.code, lead3)],  # the other agency's own
    }
    assert len(mail.outbox) == 6
    head = ReminderItem.objects.filter(recipient="head_a@stp.example.vn")
    assert set(head.values_list("user", flat=True)) == {world.users["head_a"].pk}


def test_inactive_users_memberships_and_coordinating_units_are_not_told(mail_world):
    world = mail_world
    gone = make_member(Role.STAFF, agency=world.agency, unit=world.unit_a, username="x2")
    gone.email, gone.is_active = "gone@stp.example.vn", False
    gone.save()
    moved = make_member(Role.STAFF, agency=world.agency, unit=world.unit_a, username="x3")
    moved.email = "moved@stp.example.vn"
    moved.save()
    Membership.objects.filter(user=moved).update(is_active=False)
    helper = UnitFactory(agency=world.agency, name="Thanh tra Sở")
    helper_user = make_member(Role.STAFF, agency=world.agency, unit=helper, username="tt")
    helper_user.email = "tt@stp.example.vn"
    helper_user.save()
    assign(world.task_a, helper, "coordinating")
    told = _told(sweep(on=DAY))
    assert not {"gone@stp.example.vn", "moved@stp.example.vn", "tt@stp.example.vn"} & set(told)


def test_user_without_address_gets_the_bell_only(mail_world):
    world = mail_world
    silent = make_member(Role.STAFF, agency=world.agency, unit=world.unit_a, username="x1")
    sweep(on=DAY)
    items = ReminderItem.objects.filter(user=silent)
    assert items.count() == 2 and not items.filter(by_email=True).exists()
    assert {i.recipient for i in items} == {f"user:{silent.pk}"}


def test_opted_out_user_gets_no_digest_but_the_bell(mail_world):
    world = mail_world
    DigestOptOut.objects.create(user=world.users["staff_a"])
    told = _told(sweep(on=DAY))
    assert "staff_a@stp.example.vn" not in told
    assert ReminderItem.objects.filter(user=world.users["staff_a"], by_email=False).count() == 2


def _late_task(world, *, days_ago_due: dt.date):
    task = TaskFactory(plan=world.task_a.plan, code="9.9", due_date=days_ago_due)
    assign(task, world.unit_a)
    return task


def test_escalation_reaches_head_and_van_phong_even_when_opted_out(mail_world):
    world = mail_world
    for key in ("head_a", "coordinator", "staff_a"):
        DigestOptOut.objects.create(user=world.users[key])
    # Due 10/06/2026: on 25/06 it is 11 working days late (escalation after 10).
    _late_task(world, days_ago_due=dt.date(2026, 6, 10))
    told = _told(sweep(on=DAY))
    escalated = ("9.9", "quá hạn 11 ngày làm việc, báo cáo Trưởng phòng và Văn phòng")
    assert told["head_a@stp.example.vn"] == [escalated]  # opted out: the escalation only
    assert told["coordinator@stp.example.vn"] == [escalated]
    assert "staff_a@stp.example.vn" not in told  # opted out, and no escalation for staff
    assert not any(
        line.code == "9.9" for report in sweep(on=DAY + dt.timedelta(days=1)).sent
        for line in report.items
    )  # fmt: skip


def test_overdue_repeats_every_n_working_days_and_escalates_once(mail_world):
    world = mail_world
    task = _late_task(world, days_ago_due=dt.date(2026, 6, 24))
    reasons: dict[dt.date, set[str]] = {}
    day = dt.date(2026, 6, 25)
    while day <= dt.date(2026, 7, 20):
        result = sweep(on=day)
        found = {line.reason for r in result.sent for line in r.items if line.code == task.code}
        if found:
            reasons[day] = found
        day += dt.timedelta(days=1)
    assert reasons == {
        dt.date(2026, 6, 25): {"quá hạn 1 ngày làm việc"},
        dt.date(2026, 7, 2): {"quá hạn 6 ngày làm việc"},
        dt.date(2026, 7, 8): {
            "quá hạn 10 ngày làm việc, báo cáo Trưởng phòng và Văn phòng",
        },
        dt.date(2026, 7, 9): {"quá hạn 11 ngày làm việc"},
        dt.date(2026, 7, 16): {"quá hạn 16 ngày làm việc"},
    }
