"""Who receives a unit's reminder: its reminder addresses, then its active staff and head."""

from __future__ import annotations

import pytest

from organizations.models import Membership, Role
from reminders.services import collect_reminders
from tests.factories import TaskFactory, UnitFactory, assign, make_member
from tests.reminders.conftest import DAY

pytestmark = pytest.mark.django_db


def _recipients(unit) -> list[str]:
    reminders, _without = collect_reminders(on=DAY)
    return next(r.recipients for r in reminders if r.unit == unit)


def test_reminder_addresses_then_staff_and_head(mail_world):
    world = mail_world
    world.unit_a.reminder_emails = "xdkt@stp.example.vn;\nHEAD_A@stp.example.vn"
    world.unit_a.save()
    assert _recipients(world.unit_a) == [
        "xdkt@stp.example.vn",
        "HEAD_A@stp.example.vn",
        "staff_a@stp.example.vn",  # members by username; the head's address is not repeated
    ]


def test_only_active_unit_roles_with_an_address(mail_world):
    world = mail_world
    no_address = make_member(Role.STAFF, agency=world.agency, unit=world.unit_a, username="x1")
    assert no_address.email == ""
    gone = make_member(Role.STAFF, agency=world.agency, unit=world.unit_a, username="x2")
    gone.email, gone.is_active = "gone@stp.example.vn", False
    gone.save()
    moved = make_member(Role.STAFF, agency=world.agency, unit=world.unit_a, username="x3")
    moved.email = "moved@stp.example.vn"
    moved.save()
    Membership.objects.filter(user=moved).update(is_active=False)
    # The Văn phòng coordinator and accountant sit in the office but hold agency roles.
    assert _recipients(world.office) == ["vanphong@stp.example.vn"]
    assert _recipients(world.unit_a) == ["staff_a@stp.example.vn", "head_a@stp.example.vn"]


def test_unit_without_any_address_is_reported_not_mailed(mail_world):
    world = mail_world
    silent = UnitFactory(agency=world.agency, name="Phòng không có email")
    assign(TaskFactory(plan=world.task_a.plan), silent)
    reminders, without = collect_reminders(on=DAY)
    assert silent in without
    assert silent not in [r.unit for r in reminders]
