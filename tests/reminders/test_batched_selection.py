"""The one-query selection: a task led by a unit and by a group of it is listed once, in order."""

from __future__ import annotations

import datetime as dt

import pytest

from reminders.selectors import collect_reminders
from tests.factories import TaskFactory, assign
from tests.reminders.conftest import DAY

pytestmark = pytest.mark.django_db


def _due_soon(unit) -> list[int]:
    reminders, _without = collect_reminders(on=DAY)
    return next(r for r in reminders if r.unit == unit).due_soon


def test_task_led_by_unit_and_its_group_is_listed_once(mail_world):
    world = mail_world
    assign(world.task_group, world.unit_a)  # now led by the group and by unit_a directly
    listed = [t.pk for t in _due_soon(world.unit_a)]
    assert listed.count(world.task_group.pk) == 1


def test_own_and_group_tasks_merge_in_deadline_order(mail_world):
    world = mail_world
    first = TaskFactory(plan=world.task_a.plan, due_date=dt.date(2026, 6, 26))
    assign(first, world.group_all)
    last = TaskFactory(plan=world.task_a.plan, due_date=dt.date(2026, 7, 2))
    assign(last, world.unit_b)
    listed = [t.pk for t in _due_soon(world.unit_b)]
    # task_b and task_group are due 30/06: plan order (position) breaks the tie.
    assert listed == [first.pk, world.task_b.pk, world.task_group.pk, last.pk]


def test_only_the_columns_the_email_needs_are_read(mail_world):
    task = _due_soon(mail_world.unit_a)[0]
    assert {"result", "requirement", "notes", "search_text"} <= task.get_deferred_fields()
