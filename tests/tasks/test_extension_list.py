"""The extension list: 25 requests a page and a query count that does not grow with them."""

import datetime as dt

import pytest
from django.urls import reverse

from tasks.models import Extension, ExtensionStatus
from tests.factories import TaskFactory, assign
from tests.query_counts import assert_flat_queries

URL = reverse("tasks:extensions")
pytestmark = pytest.mark.django_db


def requests_from_a(world, n: int) -> list[Extension]:
    """``n`` requests by unit A's head, on new tasks led by unit A; every third one decided."""
    extensions = []
    for i in range(n):
        task = TaskFactory(plan=world.task_a.plan)
        assign(task, world.unit_a)
        extensions.append(
            Extension.objects.create(
                task=task,
                requested_by=world.users["head_a"],
                reason="Chờ ý kiến của Sở Nội vụ",
                requested_date=dt.date(2026, 9, 30),
                previous_due_date=task.due_date,
                status=ExtensionStatus.APPROVED if i % 3 == 0 else ExtensionStatus.PENDING,
                decided_by=world.users["coordinator"] if i % 3 == 0 else None,
            )
        )
    return extensions


def test_pages_of_25_requests(client, world):
    requests_from_a(world, 27)
    client.force_login(world.users["coordinator"])
    response = client.get(URL)
    assert len(response.context["page"]) == 25 and 'href="?page=2"' in response.content.decode()
    assert len(client.get(f"{URL}?page=2").context["page"]) == 2


@pytest.mark.parametrize("who", ["coordinator", "head_a"])
def test_query_count_does_not_grow_with_the_number_of_requests(
    client, world, who, django_assert_num_queries
):
    client.force_login(world.users[who])
    requests_from_a(world, 2)
    response = assert_flat_queries(
        client,
        URL,
        expected=QUERIES[who],
        grow=lambda: requests_from_a(world, 30),
        django_assert_num_queries=django_assert_num_queries,
    )
    assert len(response.context["page"]) == 25
    assert response.content.decode().count('<td class="content-cell" data-label="Nhiệm vụ">') == 25


# session, user, memberships, (a unit head: the groups of the unit), paginator count, the
# page's requests with their task, plan, requester and decider.
QUERIES = {"coordinator": 5, "head_a": 6}
