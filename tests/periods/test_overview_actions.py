"""What each viewer may do on a row of the period overview is decided by the view."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from periods.services import submit_period_report

FROZEN = dt.datetime(2026, 3, 16, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
pytestmark = pytest.mark.django_db


def actions(client, user, period) -> dict:
    client.force_login(user)
    lines = client.get(reverse("periods:detail", args=[period.pk])).context["lines"]
    return {line.row.unit.pk: (line.can_submit, line.can_return) for line in lines}


@time_machine.travel(FROZEN, tick=False)
def test_the_head_submits_its_own_unit_once_and_the_office_returns_it(client, world, periods):
    q1, head, coordinator = periods["q1"], world.users["head_a"], world.users["coordinator"]
    assert actions(client, head, q1) == {world.unit_a.pk: (True, False)}
    assert set(actions(client, coordinator, q1).values()) == {(False, False)}
    submit_period_report(period=q1, unit=world.unit_a, user=head)
    assert actions(client, head, q1) == {world.unit_a.pk: (False, False)}
    office = actions(client, coordinator, q1)
    assert office.pop(world.unit_a.pk) == (False, True)
    assert set(office.values()) == {(False, False)}
    assert actions(client, world.users["staff_a"], q1) == {world.unit_a.pk: (False, False)}
