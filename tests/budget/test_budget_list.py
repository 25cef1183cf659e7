"""The budget list: agency-wide readers only, 25 lines a page, a query count that does not grow."""

import pytest
from django.urls import reverse

from budget.models import BudgetLine
from tests.factories import PlanFactory
from tests.query_counts import assert_flat_queries

URL = reverse("budget:list")
pytestmark = pytest.mark.django_db


def add_lines(plan, n: int) -> list[BudgetLine]:
    """``n`` lines of ``plan``, every other one a sub-item of the line before it."""
    lines: list[BudgetLine] = []
    for i in range(n):
        parent = lines[-1] if i % 2 and lines[-1].parent_id is None else None
        lines.append(
            BudgetLine.objects.create(
                plan=plan,
                parent=parent,
                code=str(len(lines) + 1),
                content=f"Chi phục vụ tuyên truyền CCHC ({i})",
                planned_amount=25_000_000,
                position=len(lines),
            )
        )
    return lines


def listed(response) -> set[int]:
    return {line.pk for line in response.context["page"]}


def test_lists_the_agencys_lines_only(client, world):
    own = add_lines(world.task_a.plan, 2)
    add_lines(world.task_other.plan, 2)
    client.force_login(world.users["accountant"])
    assert listed(client.get(URL)) == {line.pk for line in own}


def test_pages_of_25_lines_and_a_link_to_the_next_page(client, world):
    add_lines(world.task_a.plan, 30)
    client.force_login(world.users["accountant"])
    response = client.get(URL)
    assert len(response.context["page"]) == 25
    page = response.content.decode()
    assert 'href="?page=2"' in page and "Trang 1/2" in page
    second = client.get(f"{URL}?page=2")
    assert len(second.context["page"]) == 5
    assert 'href="?page=1"' in second.content.decode()


@pytest.mark.parametrize("number", ["abc", "-1", "99999999999999999999", ""])
def test_a_bad_page_number_shows_a_page_not_an_error(client, world, number):
    add_lines(world.task_a.plan, 30)
    client.force_login(world.users["accountant"])
    response = client.get(URL, {"page": number})
    assert response.status_code == 200 and len(response.context["page"]) in (25, 5)


def test_page_links_keep_the_rest_of_the_address(client, world):
    """Like the task list's: a filter given in the address survives paging."""
    add_lines(world.task_a.plan, 30)
    client.force_login(world.users["accountant"])
    page = client.get(f"{URL}?plan={world.task_a.plan_id}").content.decode()
    assert f'href="?plan={world.task_a.plan_id}&amp;page=2"' in page


@pytest.mark.parametrize("who", ["accountant", "coordinator"])
def test_query_count_does_not_grow_with_the_number_of_lines(
    client, world, who, django_assert_num_queries
):
    client.force_login(world.users[who])
    add_lines(world.task_a.plan, 3)

    def grow():
        for _ in range(3):
            add_lines(PlanFactory(agency=world.agency), 20)

    response = assert_flat_queries(
        client,
        URL,
        expected=QUERIES,
        grow=grow,
        django_assert_num_queries=django_assert_num_queries,
    )
    assert len(response.context["page"]) == 25


# session, user, memberships, paginator count, the page's lines with plan, agency, parent and
# their entry sums (one grouped query), the totals, the per-plan totals and their plans.
QUERIES = 8
