"""The unit head submits the period report; the Văn phòng sees who has and who has not."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from periods.models import PeriodSubmission
from periods.services import return_submission, submit_period_report
from tasks.selectors import submission_overview
from tasks.services import ProgressReport, record_progress
from tests.factories import TaskFactory, assign, make_periods

FROZEN = dt.datetime(2026, 3, 16, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_day():
    # The clock ticks: tests compare when things were sent and returned.
    with time_machine.travel(FROZEN, tick=True):
        yield


@pytest.fixture
def q1(world):
    return make_periods(world.agency)["q1"]


def detail(period):
    return reverse("periods:detail", args=[period.pk])


def test_the_unit_head_submits_and_the_coordinator_sees_it(client, world, q1):
    client.force_login(world.users["head_a"])
    page = client.get(detail(q1)).content.decode()
    assert "Gửi báo cáo" in page and world.unit_b.name not in page  # only the own unit
    response = client.post(reverse("periods:submit", args=[q1.pk]), {"unit": world.unit_a.pk})
    assert response.status_code == 302
    submission = PeriodSubmission.objects.get()
    assert (submission.unit, submission.submitted_by) == (world.unit_a, world.users["head_a"])
    client.force_login(world.users["coordinator"])
    response = client.get(detail(q1))
    rows = {row.unit: row for row in response.context["rows"]}
    assert rows[world.unit_a].submission.is_submitted
    assert rows[world.unit_b].submission is None and rows[world.office].submission is None
    assert response.context["submitted_count"] == 1
    assert "Đã gửi" in response.content.decode() and "Chưa gửi" in response.content.decode()


@pytest.mark.parametrize("who", ["staff_a", "coordinator", "leader"])
def test_only_the_unit_head_submits(world, q1, who):
    with pytest.raises(PermissionDenied):
        submit_period_report(period=q1, unit=world.unit_a, user=world.users[who])


def test_submitting_twice_is_refused_until_returned(world, q1):
    head = world.users["head_a"]
    submission = submit_period_report(period=q1, unit=world.unit_a, user=head)
    with pytest.raises(ValidationError):
        submit_period_report(period=q1, unit=world.unit_a, user=head)
    with pytest.raises(ValidationError):
        return_submission(submission=submission, user=world.users["coordinator"], comment=" ")
    return_submission(submission=submission, user=world.users["coordinator"], comment="Bổ sung")
    returned = PeriodSubmission.objects.get()
    assert returned.status == "returned"
    assert returned.submitted_at < returned.returned_at
    submit_period_report(period=q1, unit=world.unit_a, user=head)
    again = PeriodSubmission.objects.get()
    assert again.status == "submitted"
    assert again.submitted_at > returned.returned_at > submission.submitted_at
    assert PeriodSubmission.history.count() == 3


def test_the_return_page_action(client, world, q1):
    submission = submit_period_report(period=q1, unit=world.unit_a, user=world.users["head_a"])
    client.force_login(world.users["head_a"])
    url = reverse("periods:return", args=[submission.pk])
    assert client.post(url, {"comment": "x"}).status_code == 403
    client.force_login(world.users["coordinator"])
    client.post(url, {"comment": "Thiếu tài liệu kiểm chứng"})
    client.force_login(world.users["head_a"])
    page = client.get(detail(q1)).content.decode()
    assert "Bị trả lại" in page and "Thiếu tài liệu kiểm chứng" in page and "Gửi báo cáo" in page


def test_overview_counts_lead_tasks_and_updated_ones(world, q1):
    extra = TaskFactory(plan=world.task_a.plan)
    assign(extra, world.unit_a)
    record_progress(
        task=world.task_a,
        period=q1,
        user=world.users["coordinator"],
        report=ProgressReport(status="in_progress", progress=10),
    )
    rows = {row.unit: row for row in submission_overview(period=q1)}
    # task_a, extra, and task_group (led by a group that contains unit_a)
    assert (rows[world.unit_a].lead_task_count, rows[world.unit_a].reported_count) == (3, 1)
    assert rows[world.unit_a].missing_count == 2
    assert rows[world.unit_b].lead_task_count == 2  # task_b and task_group
    assert world.group_all not in rows  # groups are not reporting units


def test_overview_reads_its_sets_without_sorting_or_joining_for_an_order(world, q1):
    with CaptureQueriesContext(connection) as captured:
        submission_overview(period=q1)
    reads = [q["sql"] for q in captured.captured_queries]
    entries = next(sql for sql in reads if sql.startswith('SELECT "tasks_taskprogress"'))
    leads = next(sql for sql in reads if sql.startswith('SELECT "tasks_taskassignment"'))
    assert "ORDER BY" not in entries and "JOIN" not in entries  # the period's index alone
    assert "ORDER BY" not in leads
    # Only the counted units' assignments: the (unit, role, task) index, not a lookup per
    # task of the agency (the plan PostgreSQL chose at 100,000 tasks).
    assert '"tasks_taskassignment"."unit_id" IN' in leads


def test_overview_query_count_is_fixed(client, world, q1, django_assert_num_queries):
    client.force_login(world.users["coordinator"])
    client.get(detail(q1))
    with django_assert_num_queries(OVERVIEW_QUERIES):
        client.get(detail(q1))
    for unit in (world.unit_a, world.unit_b, world.office):
        PeriodSubmission.objects.create(
            period=q1, unit=unit, submitted_by=world.users["head_a"], submitted_at=FROZEN
        )
    with django_assert_num_queries(OVERVIEW_QUERIES):
        html = client.get(detail(q1)).content.decode()
    # The rows were rendered, not only counted: one per unit, each with its sent report.
    assert html.count('<td data-label="Đơn vị">') == 3
    assert html.count('<span class="badge sub-submitted">Đã gửi</span>') == 3


# session, user, memberships, period, units, group links, lead assignments, entries,
# submissions with users.
OVERVIEW_QUERIES = 9


def test_another_agencys_period_is_a_404(client, world, q1):
    other = make_periods(world.other_agency)["q1"]
    client.force_login(world.users["coordinator"])
    assert client.get(detail(other)).status_code == 404
    assert client.post(reverse("periods:reopen", args=[other.pk]), {"until": ""}).status_code == 404
