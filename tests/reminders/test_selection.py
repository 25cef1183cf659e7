"""Which units are reminded of which tasks: open lead tasks, overdue or due within the window."""

from __future__ import annotations

import datetime as dt

import pytest

from organizations.models import Role
from plans.models import PlanStatus
from reminders.services import collect_reminders
from tasks.models import AssignmentRole, TaskStatus
from tests.factories import TaskFactory, UnitFactory, assign, make_member
from tests.reminders.conftest import DAY

pytestmark = pytest.mark.django_db


def _listed(unit) -> dict[str, list[int]]:
    reminders, _without = collect_reminders(on=DAY)
    for reminder in reminders:
        if reminder.unit == unit:
            return {
                "overdue": [t.pk for t in reminder.overdue],
                "due_soon": [t.pk for t in reminder.due_soon],
            }
    return {"overdue": [], "due_soon": []}


def _task(world, unit, **fields):
    task = TaskFactory(plan=world.task_a.plan, **fields)
    assign(task, unit)
    return task


def test_overdue_and_due_soon_are_listed_in_their_sections(mail_world):
    world = mail_world
    world.task_group.due_date = dt.date(2026, 8, 31)  # keep the group task out of the way
    world.task_group.save()
    late = _task(world, world.unit_a, due_date=dt.date(2026, 6, 24))
    last_day = _task(world, world.unit_a, due_date=DAY + dt.timedelta(days=7))
    listed = _listed(world.unit_a)
    assert listed["overdue"] == [late.pk]
    assert listed["due_soon"] == [world.task_a.pk, last_day.pk]  # by deadline


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"due_date": DAY + dt.timedelta(days=8)}, id="beyond-window"),
        pytest.param({"due_date": None, "deadline_kind": "continuous"}, id="no-deadline"),
        pytest.param(
            {"status": TaskStatus.DONE, "completed_on": DAY, "due_date": dt.date(2026, 6, 1)},
            id="done-late",
        ),
        pytest.param({"status": TaskStatus.DONE, "completed_on": DAY}, id="done-on-time"),
        pytest.param({"is_section": True}, id="section-row"),
        pytest.param(
            {"due_date": dt.date(2026, 6, 1), "extended_due_date": dt.date(2026, 9, 30)},
            id="extended-out-of-window",
        ),
    ],
)
def test_rows_that_are_not_reminded(mail_world, fields):
    task = _task(mail_world, mail_world.unit_a, **fields)
    listed = _listed(mail_world.unit_a)
    assert task.pk not in listed["overdue"] + listed["due_soon"]


def test_extension_counts_as_the_deadline(mail_world):
    task = _task(
        mail_world,
        mail_world.unit_a,
        due_date=dt.date(2026, 5, 31),
        extended_due_date=dt.date(2026, 6, 28),
    )
    assert task.pk in _listed(mail_world.unit_a)["due_soon"]


def test_tasks_of_plans_not_in_progress_are_left_out(mail_world):
    plan = mail_world.task_a.plan
    plan.status = PlanStatus.CLOSED
    plan.save()
    assert _listed(mail_world.unit_a) == {"overdue": [], "due_soon": []}


def test_group_led_tasks_reach_each_member_unit(mail_world):
    world = mail_world
    for unit in (world.office, world.unit_a, world.unit_b):
        assert world.task_group.pk in _listed(unit)["due_soon"]
    assert _listed(world.unit_b)["due_soon"] == [world.task_b.pk, world.task_group.pk]


def test_other_agencys_tasks_never_leak(mail_world):
    world = mail_world
    reminders, _without = collect_reminders(on=DAY)
    by_unit = {r.unit: [t.pk for t in r.due_soon] for r in reminders}
    assert by_unit[world.other_unit] == [world.task_other.pk]
    for unit, task_ids in by_unit.items():
        if unit != world.other_unit:
            assert world.task_other.pk not in task_ids


def test_coordinating_only_units_get_nothing(mail_world):
    world = mail_world
    helper = UnitFactory(agency=world.agency, name="Thanh tra Sở")
    make_member(Role.STAFF, agency=world.agency, unit=helper, username="tt.staff")
    assign(world.task_a, helper, AssignmentRole.COORDINATING)
    reminders, _without = collect_reminders(on=DAY)
    assert helper not in [r.unit for r in reminders]


def test_inactive_units_and_groups_as_recipients_are_skipped(mail_world):
    world = mail_world
    world.unit_a.is_active = False
    world.unit_a.save()
    reminders, _without = collect_reminders(on=DAY)
    units = [r.unit for r in reminders]
    assert world.unit_a not in units
    assert world.group_all not in units  # a group is never an addressee itself
