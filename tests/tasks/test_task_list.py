"""The unit's task list: scoping, filters, bucket counts, paging and a constant query count."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from tasks.models import Area, TaskStatus
from tests.factories import TaskFactory, assign, make_periods

FROZEN = dt.datetime(2026, 6, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
URL = reverse("tasks:mine")
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_day():
    with time_machine.travel(FROZEN, tick=False):
        yield


def listed(response) -> set[int]:
    return {task.pk for task in response.context["page"]}


def led_by_a(world, n: int, **fields) -> list:
    tasks = [TaskFactory(plan=world.task_a.plan, **fields) for _ in range(n)]
    for task in tasks:
        assign(task, world.unit_a)
    return tasks


def test_staff_see_what_their_unit_leads_or_coordinates(client, world):
    client.force_login(world.users["staff_b"])
    response = client.get(URL)
    assert listed(response) == {world.task_a.pk, world.task_b.pk, world.task_group.pk}
    page = response.content.decode()
    assert "Nhiệm vụ của đơn vị" in page and "Phối hợp" in page and "Chủ trì" in page


def test_section_rows_are_not_listed(client, world):
    section = TaskFactory(plan=world.task_a.plan, is_section=True)
    assign(section, world.unit_a)
    client.force_login(world.users["staff_a"])
    assert section.pk not in listed(client.get(URL))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("timeliness=overdue", {"late"}),
        ("timeliness=due_soon", {"soon"}),
        ("timeliness=no_deadline", {"open_ended"}),
        ("timeliness=on_time", {"done", "later", "a", "group"}),
        ("status=done", {"done"}),
        ("bucket=overdue", {"late"}),
        ("bucket=done_on_time", {"done"}),
        ("q=kiểm+tra", {"later"}),
        ("role=coordinating", set()),
        ("q=khong-co-gi", set()),
    ],
)
def test_filters(client, world, query, expected):
    tasks = {
        "a": world.task_a,
        "group": world.task_group,
        "late": led_by_a(world, 1, due_date=dt.date(2026, 6, 1))[0],
        "soon": led_by_a(world, 1, due_date=dt.date(2026, 6, 24))[0],
        "later": led_by_a(world, 1, due_date=dt.date(2026, 9, 30), content="Rà soát, kiểm tra")[0],
        "open_ended": led_by_a(world, 1, due_date=None, deadline_kind="event")[0],
        "done": led_by_a(
            world, 1, status=TaskStatus.DONE, completed_on=dt.date(2026, 6, 2), result="Xong"
        )[0],
    }
    client.force_login(world.users["staff_a"])
    response = client.get(f"{URL}?{query}")
    assert listed(response) == {tasks[name].pk for name in expected}


def test_plan_area_and_period_filters(client, world):
    area = (
        Area.objects.get(code="the-che")
        if Area.objects.filter(code="the-che").exists()
        else Area.objects.first()
    )
    in_area = led_by_a(world, 1, area=area, due_date=dt.date(2026, 3, 10))[0]
    other_plan = TaskFactory(plan__agency=world.agency, due_date=dt.date(2026, 11, 1))
    assign(other_plan, world.unit_a)
    q1 = make_periods(world.agency)["q1"]
    client.force_login(world.users["staff_a"])
    assert listed(client.get(f"{URL}?area={area.pk}")) == {in_area.pk}
    assert listed(client.get(f"{URL}?plan={other_plan.plan_id}")) == {other_plan.pk}
    assert listed(client.get(f"{URL}?period={q1.pk}")) == {in_area.pk}


def test_another_agencys_plan_is_not_a_valid_filter(client, world):
    client.force_login(world.users["staff_a"])
    response = client.get(f"{URL}?plan={world.task_other.plan_id}")
    assert world.task_other.pk not in listed(response)
    assert world.task_other.plan.title not in response.content.decode()


def test_bucket_counts_ignore_the_bucket_filter_but_follow_the_others(client, world):
    led_by_a(world, 2, due_date=dt.date(2026, 6, 1))
    led_by_a(world, 1, due_date=dt.date(2026, 6, 1), extended_due_date=dt.date(2026, 8, 1))
    client.force_login(world.users["staff_a"])
    counts = client.get(f"{URL}?bucket=in_progress").context["counts"]
    assert counts["overdue"] == 3 and counts["in_progress"] == 2 and counts["extended"] == 1
    assert client.get(f"{URL}?status=done").context["counts"]["total"] == 0


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"bucket": "overdue"},
        {"bucket": "in_progress"},
        {"bucket": "in_progress", "status": "not_started"},
        {"bucket": "overdue", "q": "kiểm tra"},
        {"bucket": "junk"},  # an unknown bucket is ignored, by the rows and by their number
    ],
)
def test_the_number_shown_is_the_number_of_rows_listed(client, world, query):
    """The paginator's count is read off the bucket counts: it must still be the rows' own."""
    led_by_a(world, 27, due_date=dt.date(2026, 6, 1))  # overdue, over two pages
    led_by_a(world, 2, due_date=dt.date(2026, 9, 1), content="Kiểm tra công vụ")
    client.force_login(world.users["staff_a"])
    response = client.get(URL, query)
    paginator = response.context["page"].paginator
    pages = range(1, paginator.num_pages + 1)
    rows = set().union(*(listed(client.get(URL, {**query, "page": n})) for n in pages))
    assert paginator.count == len(rows)
    assert f">{paginator.count} nhiệm vụ<" in response.content.decode()


def test_sorting_by_deadline(client, world):
    late, early = (
        led_by_a(world, 1, due_date=dt.date(2026, 12, 1))[0],
        led_by_a(world, 1, due_date=dt.date(2026, 1, 5))[0],
    )
    client.force_login(world.users["staff_a"])
    rows = [t.pk for t in client.get(f"{URL}?ordering=due").context["page"]]
    assert rows.index(early.pk) < rows.index(late.pk)
    rows = [t.pk for t in client.get(f"{URL}?ordering=-due").context["page"]]
    assert rows.index(late.pk) < rows.index(early.pk)


def test_paging_keeps_the_filters(client, world):
    led_by_a(world, 30)
    client.force_login(world.users["staff_a"])
    response = client.get(f"{URL}?status=not_started")
    assert len(response.context["page"]) == 25
    assert "?status=not_started&amp;page=2" in response.content.decode()
    assert len(client.get(f"{URL}?status=not_started&page=2").context["page"]) == 7


@pytest.mark.parametrize("who", ["staff_a", "coordinator"])
def test_query_count_does_not_grow_with_the_number_of_tasks(
    client, world, who, django_assert_num_queries
):
    client.force_login(world.users[who])
    led_by_a(world, 3)
    client.get(URL)  # warm the session
    with django_assert_num_queries(QUERIES[who]) as few:
        client.get(f"{URL}?q=nhi%E1%BB%87m")
    led_by_a(world, 40)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(f"{URL}?q=nhi%E1%BB%87m")
    assert len(response.context["page"]) == 25
    assert response.content.decode().count('<td class="content-cell"') == 25  # rendered rows


# session, user, memberships, groups (unit roles only), the agency's name for the heading
# (agency-wide readers only), bucket counts (their sum is the paginator's count), the page's
# ids, its rows, assignments prefetch, choices of plan / area / period (each read once).
QUERIES = {"staff_a": 11, "coordinator": 11}
