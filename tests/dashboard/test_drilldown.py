"""Every number on the dashboard links to a task list with exactly that many rows."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _rows(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page"].paginator.count


def _links(page) -> list[tuple[str, int]]:
    links = [(page.card_links["total"], page.cards.total),
             (page.card_links["extended"], page.cards["extended"]),
             (page.due_soon_url, page.due_soon_count)]  # fmt: skip
    links += [(url, count) for _key, _label, count, url in page.bucket_cards]
    for row in page.matrix.rows:
        links += [(row.total.url, row.total.count), (row.total.overdue_url, row.total.overdue)]
        for cell in row.cells:
            links += [(cell.url, cell.count), (cell.overdue_url, cell.overdue)]
    for area in page.areas:
        links += [(area.url, area.counts.total), (area.overdue_url, area.counts["overdue"])]
    return links


@pytest.mark.parametrize(
    "query",
    [{}, {"period": ""}, {"period": "q1"}, {"plan": "mine"}, {"area": "a2"}, {"unit": "a"}],
    ids=["default", "whole-year", "closed-period", "plan", "area", "unit"],
)
def test_each_link_lands_on_a_list_with_that_many_rows(client, board, query):
    client.force_login(board.world.users["coordinator"])
    params = dict(query)
    if params.get("period") == "q1":
        params["period"] = board.periods["q1"].pk
    if "plan" in params:
        params["plan"] = board.plan.pk
    if "area" in params:
        params["area"] = board.areas["a2"].pk
    if "unit" in params:
        params["unit"] = board.world.unit_a.pk
    page = client.get(reverse("dashboard"), params).context["board"]
    links = _links(page)
    assert sum(count for _url, count in links) > 0
    # A zero is drawn without a link; every other number has one.
    assert all(url for url, count in links if count)
    links = [(url, count) for url, count in links if url]
    wrong = [(url, count, got) for url, count in links if (got := _rows(client, url)) != count]
    assert not wrong


def test_the_coordinator_sees_the_agencys_tasks_in_the_list(client, board):
    """Not only those of the coordinator's own unit (the Văn phòng leads none here)."""
    client.force_login(board.world.users["coordinator"])
    page = client.get(reverse("dashboard")).context["board"]
    assert _rows(client, page.card_links["total"]) == 7
