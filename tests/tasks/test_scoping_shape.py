"""The task list's queries cost what the user sees: the scope is one indexed subquery.

Staff reach starts from their units' assignments (``task IN (SELECT task_id ...)``), agency
roles from the agency; no correlated EXISTS, no side the user does not have, and
the bucket counts (whose sum is the paginator's count) and the page's ids carry the very
same scoped subquery; the page's rows are then read by their ids.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import TaskFactory, assign

pytestmark = pytest.mark.django_db
SCOPE = re.compile(
    r'"tasks_task"\."id" IN \(SELECT U0\."task_id" AS "task_id" FROM "tasks_taskassignment" U0 '
    r'WHERE U0\."unit_id" IN \([^)]*\)\)'
)


def task_queries(client, user) -> list[str]:
    client.force_login(user)
    client.get(reverse("tasks:mine"))  # warm the session
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("tasks:mine"))
    return [q["sql"] for q in captured.captured_queries if 'FROM "tasks_task"' in q["sql"]]


def test_staff_scope_is_one_uncorrelated_subquery_shared_by_count_buckets_and_page(client, world):
    for _ in range(3):
        assign(TaskFactory(plan=world.task_a.plan), world.unit_a)
    queries = task_queries(client, world.users["staff_a"])
    # Bucket counts (the paginator's count is their sum), page ids, page rows.
    assert len(queries) == 3
    # The page's rows: read by their ids, within the same scope (defence in depth).
    assert re.search(r'"tasks_task"\."id" IN \(\d', queries[2])
    scopes = {match for sql in queries for match in SCOPE.findall(sql)}
    assert len(scopes) == 1 and all(SCOPE.search(sql) for sql in queries)
    assert not any("EXISTS" in sql for sql in queries)
    assert not any('"plans_plan"."agency_id" IN' in sql for sql in queries)


def test_agency_roles_filter_on_the_agency_alone(client, world):
    queries = task_queries(client, world.users["coordinator"])
    assert len(queries) == 3
    assert all('"plans_plan"."agency_id" IN' in sql for sql in queries)
    assert not any("tasks_taskassignment" in sql.split(" WHERE ", 1)[1] for sql in queries)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's EXPLAIN QUERY PLAN")
def test_sqlite_looks_tasks_up_by_key_instead_of_scanning_them(client, world):
    sql = task_queries(client, world.users["staff_a"])[1]  # the page's ids
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        plan = [row[3] for row in cursor.fetchall()]
    assert any(step.startswith("SEARCH tasks_task USING INTEGER PRIMARY KEY") for step in plan)
    assert not any(step.startswith("SCAN tasks_task") for step in plan), plan
