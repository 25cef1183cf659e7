"""A progress entry sent back is flagged in the unit's task list; the send-back says what it
does to the unit's period report."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse

from periods.services import submit_period_report
from tasks.services import ProgressReport, record_progress
from tests.factories import make_periods

pytestmark = pytest.mark.django_db
FROZEN = dt.datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture(autouse=True)
def frozen_day():
    with time_machine.travel(FROZEN, tick=True):
        yield


def update(world, task, period):
    return record_progress(
        task=task,
        period=period,
        user=world.users["staff_a"],
        report=ProgressReport(status="in_progress", progress=20),
    )


def send_back(client, world, entry):
    client.force_login(world.users["coordinator"])
    return client.post(reverse("tasks:send_back", args=[entry.pk]), {"comment": "Thiếu số liệu"})


def returned_rows(client, user) -> set[int]:
    client.force_login(user)
    page = client.get(reverse("tasks:mine")).context["page"]
    return {task.pk for task in page if task.has_returned_entry}


def test_the_returned_entry_is_flagged_in_the_list_until_corrected(client, world):
    year = make_periods(world.agency)["year"]
    entry = update(world, world.task_a, year)
    update(world, world.task_group, year)
    send_back(client, world, entry)
    assert returned_rows(client, world.users["staff_a"]) == {world.task_a.pk}
    html = client.get(reverse("tasks:mine")).content.decode()
    assert html.count('class="badge text-bg-warning returned-badge">Bị trả lại</span>') == 1
    update(world, world.task_a, year)
    assert returned_rows(client, world.users["staff_a"]) == set()


def test_the_send_back_says_the_units_report_returns_too(client, world):
    year = make_periods(world.agency)["year"]
    entry = update(world, world.task_a, year)
    submit_period_report(period=year, unit=world.unit_a, user=world.users["head_a"])
    response = send_back(client, world, entry)
    notice = [str(m) for m in get_messages(response.wsgi_request)]
    assert notice == [
        "Đã trả lại để đơn vị bổ sung. Báo cáo kỳ của "
        f"{world.unit_a.name} cũng được trả lại; đơn vị bổ sung rồi gửi lại báo cáo."
    ]


def test_without_a_sent_report_only_the_entry_returns(client, world):
    entry = update(world, world.task_a, make_periods(world.agency)["year"])
    response = send_back(client, world, entry)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Đã trả lại để đơn vị bổ sung."
    ]


def test_the_send_back_form_warns_about_the_unit_report(client, world):
    update(world, world.task_a, make_periods(world.agency)["year"])
    client.force_login(world.users["coordinator"])
    html = client.get(world.task_a.get_absolute_url()).content.decode()
    assert "báo cáo kỳ của đơn vị cũng bị trả lại" in html
