"""Redis (the Celery broker) down: the web app keeps working, because no request enqueues.

Jobs today are beat's (reminders, audit purge, plan purge); a request never publishes
to the broker. This drill makes every publish fail the way a dead Redis does and walks
the pages and a progress update with an evidence file: all answer as usual.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from celery.app.task import Task as CeleryTask
from django.urls import reverse
from kombu.exceptions import OperationalError as BrokerDown

from tests.factories import evidence_upload, make_periods

pytestmark = pytest.mark.django_db
FROZEN = dt.datetime(2026, 5, 5, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))  # 6 tháng is open


@pytest.fixture
def broker_down(monkeypatch):
    published = []

    def refuse(*args, **kwargs):
        published.append(args)
        raise BrokerDown("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(CeleryTask, "apply_async", refuse)
    monkeypatch.setattr("celery.app.base.Celery.send_task", refuse)
    return published


def test_pages_and_a_progress_update_work_with_the_broker_down(
    client, world, broker_down, private_media
):
    with time_machine.travel(FROZEN, tick=False):
        period = make_periods(world.agency)["h1"]
        client.force_login(world.users["staff_a"])
        for url in (
            reverse("tasks:mine"),
            reverse("tasks:detail", args=[world.task_a.pk]),
            reverse("plans:list"),
        ):
            assert client.get(url).status_code == 200, url
        response = client.post(
            reverse("tasks:update", args=[world.task_a.pk]),
            {
                "period": period.pk,
                "status": "in_progress",
                "progress": "40",
                "result": "Đang triển khai",
                "evidence": evidence_upload("minh-chung.pdf"),
            },
        )
        assert response.status_code == 302
        client.force_login(world.users["coordinator"])
        for url in (reverse("periods:list"), reverse("plans:trash"), reverse("budget:list")):
            assert client.get(url).status_code == 200, url
    assert broker_down == []  # nothing even tried to publish
    world.task_a.refresh_from_db()
    assert world.task_a.progress == 40 and world.task_a.evidence.count() == 1
