""" "Gửi báo cáo" first shows what is missing and asks to confirm; a locked period is refused."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse

from periods.models import PeriodSubmission, ReportingPeriod
from tasks.models import TaskProgress
from tasks.services import ProgressReport, record_progress
from tests.factories import TaskFactory, assign, make_periods
from tests.query_counts import assert_flat_queries

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db


@pytest.fixture
def year(world):
    return make_periods(world.agency)["year"]


def confirm_url(period, unit) -> str:
    return reverse("periods:submit_confirm", args=[period.pk]) + f"?unit={unit.pk}"


def report(world, task, period, day=dt.date(2026, 11, 23)):
    record_progress(
        task=task,
        period=period,
        user=world.users["coordinator"],
        report=ProgressReport(status="in_progress", progress=10),
        on=day,
    )


@time_machine.travel(dt.datetime(2026, 11, 23, 9, 0, tzinfo=TZ), tick=False)
def test_the_period_page_asks_before_submitting(client, world, year):
    client.force_login(world.users["head_a"])
    page = client.get(reverse("periods:detail", args=[year.pk])).content.decode()
    assert f'action="{reverse("periods:submit_confirm", args=[year.pk])}"' in page
    assert f'action="{reverse("periods:submit", args=[year.pk])}"' not in page


@time_machine.travel(dt.datetime(2026, 11, 23, 9, 0, tzinfo=TZ), tick=False)
def test_the_confirmation_names_the_tasks_with_no_update(client, world, year):
    report(world, world.task_a, year)
    client.force_login(world.users["head_a"])
    response = client.get(confirm_url(year, world.unit_a))
    html = response.content.decode()
    assert response.status_code == 200
    # unit_a leads task_a (updated) and task_group (through its group): one of two missing.
    assert "1/2 nhiệm vụ chưa cập nhật" in html
    assert [str(t) for t in response.context["readiness"].missing] == [str(world.task_group)]
    assert str(world.task_group) in html and str(world.task_a) not in html
    assert "Vẫn gửi báo cáo" in html
    assert f'action="{reverse("periods:submit", args=[year.pk])}"' in html
    assert not PeriodSubmission.objects.exists()  # looking is not sending


@time_machine.travel(dt.datetime(2026, 11, 23, 9, 0, tzinfo=TZ), tick=False)
def test_a_returned_entry_is_listed_as_still_owed(client, world, year):
    report(world, world.task_a, year)
    report(world, world.task_group, year)
    TaskProgress.objects.filter(task=world.task_a).update(returned_at=dt.datetime.now(TZ))
    client.force_login(world.users["head_a"])
    response = client.get(confirm_url(year, world.unit_a))
    html = response.content.decode()
    assert "0/2 nhiệm vụ chưa cập nhật" in html
    assert "Bị trả lại, chưa bổ sung" in html and str(world.task_a) in html
    assert "Xác nhận gửi báo cáo" in html


# 20/12/2026 is a Sunday: the report is due on Monday 21/12 (next working day).
@time_machine.travel(dt.datetime(2026, 12, 22, 9, 0, tzinfo=TZ), tick=False)
def test_a_locked_period_is_refused_with_the_reason(client, world, year):
    client.force_login(world.users["head_a"])
    html = client.get(confirm_url(year, world.unit_a)).content.decode()
    reason = "Kỳ báo cáo đã khóa: hạn gửi báo cáo là 21/12/2026."
    assert reason in html
    assert f'action="{reverse("periods:submit", args=[year.pk])}"' not in html
    response = client.post(reverse("periods:submit", args=[year.pk]), {"unit": world.unit_a.pk})
    assert response.status_code == 302
    assert any(reason in str(m) for m in get_messages(response.wsgi_request))
    assert not PeriodSubmission.objects.exists()


@time_machine.travel(dt.datetime(2026, 12, 22, 9, 0, tzinfo=TZ), tick=False)
def test_a_reopened_period_accepts_the_report_after_its_due_date(client, world, year):
    ReportingPeriod.objects.filter(pk=year.pk).update(reopened_until=dt.date(2026, 12, 31))
    client.force_login(world.users["head_a"])
    assert client.get(confirm_url(year, world.unit_a)).context["refusal"] == ""
    client.post(reverse("periods:submit", args=[year.pk]), {"unit": world.unit_a.pk})
    assert PeriodSubmission.objects.get().unit == world.unit_a


@time_machine.travel(dt.datetime(2026, 11, 23, 9, 0, tzinfo=TZ), tick=False)
@pytest.mark.parametrize("unit", ["abc", "", "-1", "9999999999999999999"])
def test_a_garbage_unit_is_a_404(client, world, year, unit):
    client.force_login(world.users["head_a"])
    url = reverse("periods:submit_confirm", args=[year.pk]) + f"?unit={unit}"
    assert client.get(url).status_code == 404


@time_machine.travel(dt.datetime(2026, 11, 23, 9, 0, tzinfo=TZ), tick=False)
def test_the_confirmation_makes_the_same_queries_for_more_tasks(
    client, world, year, django_assert_num_queries
):
    client.force_login(world.users["head_a"])

    def grow():
        for _ in range(5):
            assign(TaskFactory(plan=world.task_a.plan), world.unit_a)

    response = assert_flat_queries(
        client,
        confirm_url(year, world.unit_a),
        expected=CONFIRM_QUERIES,
        grow=grow,
        django_assert_num_queries=django_assert_num_queries,
    )
    assert "7/7 nhiệm vụ chưa cập nhật" in response.content.decode()
    assert len(response.context["readiness"].missing) == 7
    assert response.content.decode().count('<li><a href="/') == 7  # rendered rows


# session, user, memberships, reachable units (access), period, unit, group links, tasks with
# their entry state, submission.
CONFIRM_QUERIES = 9
