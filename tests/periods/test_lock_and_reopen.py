"""After the cut-off a period locks for staff; the Văn phòng reopens (and locks) it."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from periods.models import ReportingPeriod
from tests.factories import make_periods

FROZEN = dt.datetime(2026, 3, 16, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_day():
    with time_machine.travel(FROZEN, tick=False):
        yield


@pytest.mark.parametrize(
    ("day", "reopened_until", "open_for_staff"),
    [
        (dt.date(2025, 12, 14), None, False),  # before the start
        (dt.date(2025, 12, 15), None, True),
        (dt.date(2026, 3, 14), None, True),  # the cut-off day itself
        (dt.date(2026, 3, 15), None, False),
        (dt.date(2026, 3, 15), dt.date(2026, 3, 18), True),
        (dt.date(2026, 3, 18), dt.date(2026, 3, 18), True),
        (dt.date(2026, 3, 19), dt.date(2026, 3, 18), False),
    ],
)
def test_open_for_staff_rule_on_the_model_and_the_queryset(
    world, day, reopened_until, open_for_staff
):
    q1 = make_periods(world.agency)["q1"]
    q1.reopened_until = reopened_until
    q1.save()
    assert q1.is_open_for_staff(day) is open_for_staff
    annotated = ReportingPeriod.objects.with_open_state(on=day).get(pk=q1.pk)
    assert annotated.open_for_staff is open_for_staff
    staff_may_write = ReportingPeriod.objects.accepting_updates_from(world.users["staff_a"], on=day)
    assert staff_may_write.filter(pk=q1.pk).exists() is open_for_staff
    coordinator = ReportingPeriod.objects.accepting_updates_from(world.users["coordinator"], on=day)
    assert coordinator.filter(pk=q1.pk).exists() is (day >= q1.start)


def test_coordinator_reopens_and_locks_again(client, world):
    q1 = make_periods(world.agency)["q1"]
    client.force_login(world.users["coordinator"])
    url = reverse("periods:reopen", args=[q1.pk])
    client.post(url, {"until": "2026-03-20"})
    q1.refresh_from_db()
    assert q1.reopened_until == dt.date(2026, 3, 20) and q1.is_open_for_staff()
    assert q1.history.first().history_user == world.users["coordinator"]
    client.post(url, {"until": ""})
    q1.refresh_from_db()
    assert q1.reopened_until is None and not q1.is_open_for_staff()


def test_a_past_date_is_refused(client, world):
    q1 = make_periods(world.agency)["q1"]
    client.force_login(world.users["coordinator"])
    response = client.post(
        reverse("periods:reopen", args=[q1.pk]), {"until": "2026-03-01"}, follow=True
    )
    assert "Ngày mở lại đến phải từ hôm nay trở đi." in response.content.decode()


@pytest.mark.parametrize("who", ["head_a", "staff_a", "leader"])
def test_others_may_not_reopen(client, world, who):
    q1 = make_periods(world.agency)["q1"]
    client.force_login(world.users[who])
    assert (
        client.post(reverse("periods:reopen", args=[q1.pk]), {"until": "2026-03-20"}).status_code
        == 403
    )


def test_period_list_shows_the_open_state(client, world):
    make_periods(world.agency)
    client.force_login(world.users["head_a"])
    page = client.get(reverse("periods:list")).content.decode()
    assert "Quý I/2026" in page and "Đã khóa" in page and "Đang mở" in page
