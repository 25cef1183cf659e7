"""The task list's search: with or without diacritics, any case, "Đ" = "đ", on every database."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import TaskFactory, assign

URL = reverse("tasks:mine")
pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(world):
    made = {
        "ra_soat": TaskFactory(plan=world.task_a.plan, content="Rà soát, đánh giá TTHC"),
        "de_an": TaskFactory(plan=world.task_a.plan, content="Xây dựng ĐỀ ÁN số hóa"),
        "result": TaskFactory(plan=world.task_a.plan, content="Tập huấn", result="Đã tổ chức"),
        "code": TaskFactory(plan=world.task_a.plan, code="2.3", content="Báo cáo"),
    }
    for task in made.values():
        assign(task, world.unit_a)
    return made


def _found(client, world, query: str) -> set[str]:
    client.force_login(world.users["staff_a"])
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    listed = {task.pk for task in response.context["page"]}
    return listed


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ra soat", {"ra_soat"}),
        ("Rà soát", {"ra_soat"}),
        ("RÀ SOÁT", {"ra_soat"}),
        ("danh gia tthc", {"ra_soat"}),
        ("đề án", {"de_an"}),
        ("Đề Án", {"de_an"}),
        ("de an so hoa", {"de_an"}),
        ("da to chuc", {"result"}),
        ("2.3", {"code"}),
        ("ra soat xay dung", set()),
    ],
)
def test_search(client, world, rows, query, expected):
    assert _found(client, world, query) == {rows[name].pk for name in expected}


@pytest.mark.postgres
@pytest.mark.parametrize(("query", "name"), [("ra soat", "ra_soat"), ("ĐỀ án", "de_an")])
def test_search_on_postgresql(client, world, rows, query, name):
    # The same table runs on PostgreSQL when DATABASE_URL points at one; this marker makes
    # sure a PostgreSQL run reports the search explicitly.
    assert _found(client, world, query) == {rows[name].pk}
