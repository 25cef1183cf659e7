"""How a task's units read on every page: matched names first, the plan's own words otherwise."""

import pytest

from tasks.models import AssignmentRole, Task
from tests.factories import TaskFactory, UnitFactory, assign

pytestmark = pytest.mark.django_db


def fetched(task: Task) -> Task:
    return Task.objects.with_units().get(pk=task.pk)


def test_matched_units_are_listed_in_plan_order():
    task = TaskFactory(lead_text="Phòng Bổ trợ; VP", coordinating_text="Các Sở, ngành")
    office, unit = UnitFactory(name="Văn phòng Sở"), UnitFactory(name="Phòng Bổ trợ")
    assign(task, unit, position=0)
    assign(task, office, position=1)
    assign(task, office, AssignmentRole.COORDINATING)
    task = fetched(task)
    assert task.lead_label == "Phòng Bổ trợ; Văn phòng Sở"
    assert task.coordinating_label == "Văn phòng Sở"


def test_unmatched_units_fall_back_to_the_words_of_the_plan():
    task = fetched(TaskFactory(lead_text="Ban Chỉ đạo tỉnh", coordinating_text=""))
    assert task.lead_label == "Ban Chỉ đạo tỉnh"
    assert task.coordinating_label == ""


def test_pages_show_the_labels(client, world):
    from django.urls import reverse

    client.force_login(world.users["coordinator"])
    page = client.get(reverse("plans:detail", args=[world.task_a.plan_id])).content.decode()
    assert world.unit_a.name in page and world.unit_b.name in page
