"""The dashboard sends the same number of queries whatever the data size (one per table)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organizations.models import Role
from par.models import AgencyLevel, CriteriaSet
from tasks.models import Area, TaskProgress, TaskStatus
from tests.factories import (
    AgencyFactory,
    PlanFactory,
    TaskFactory,
    UnitFactory,
    assign,
    make_member,
)
from tests.par.known_set import scored_set
from tests.query_counts import assert_flat_queries

pytestmark = pytest.mark.django_db

# Session, user, memberships, agencies, years, current period, the chosen period,
# indicators (judged from light rows) and their latest values, budget planned and
# disbursed (grouped by plan); one query per task table (one grouped query for the cards,
# the lĩnh vực and monthly charts and the due-soon count, the lĩnh vực names, then matrix
# + its units' names, overdue list + its assignments + the working-day calendar for its
# days late, due-soon list + assignments, recent updates, submissions); the PAR card (the
# year's sets, their criteria); then the filter form's choices (periods, plans, areas,
# units) and the indicator and budget rows drawn.
COORDINATOR_QUERIES = 30
# The same plus one more read of the agencies in scope (the filter's choices), less the
# unit matrix and its names (the agency × lĩnh vực table and the agency table are summed
# from the shared grouped query) and less the plan and unit choices, which a province
# offers once an agency is chosen.
PROVINCE_QUERIES = 28


def _grow(agency, periods, user, n: int = 3):
    """More units, lĩnh vực, plans, tasks in every bucket, progress entries."""

    def grow():
        for i in range(n):
            unit = UnitFactory(agency=agency)
            area = Area.objects.create(code=f"grow-{agency.pk}-{i}", name=f"LV {i}", order=950 + i)
            plan = PlanFactory(agency=agency, year=2026)
            for day, status in ((10, TaskStatus.NOT_STARTED), (25, TaskStatus.IN_PROGRESS)):
                task = TaskFactory(plan=plan, area=area, due_date=dt.date(2026, 5, day),
                                   status=status)  # fmt: skip
                assign(task, unit)
                TaskProgress.objects.create(task=task, period=periods["h1"], updated_by=user)
        # A second PAR set of the year, with criteria.
        commune = CriteriaSet.objects.create(agency=agency, year=2026, level=AgencyLevel.COMMUNE)
        root = commune.criteria.create(code="I", label="I", title="LV", max_score=10)
        for i in range(n):
            commune.criteria.create(
                code=f"I.{i}", label=str(i), title="TC", max_score=1, parent=root, depth=1,
                self_score=1, position=i + 1,
            )  # fmt: skip

    return grow


@pytest.fixture(autouse=True)
def par_set(board):
    """The world agency's scored 2026 set, so the PAR card reads criteria at both sizes."""
    return scored_set(agency=board.world.agency, user=board.world.users["coordinator"])


def test_coordinator(client, board, django_assert_num_queries):
    user = board.world.users["coordinator"]
    client.force_login(user)
    assert_flat_queries(
        client,
        reverse("dashboard"),
        expected=COORDINATOR_QUERIES,
        grow=_grow(board.world.agency, board.periods, user),
        django_assert_num_queries=django_assert_num_queries,
    )


def test_province_viewer(client, board, django_assert_num_queries):
    top = AgencyFactory(code="UBND-Q", name="UBND tỉnh")
    board.world.agency.parent = top
    board.world.agency.save()
    viewer = make_member(Role.PROVINCE_VIEWER, agency=top)
    client.force_login(viewer)

    def grow():
        _grow(board.world.agency, board.periods, viewer)()
        child = AgencyFactory(parent=top)
        task = TaskFactory(plan__agency=child, due_date=dt.date(2026, 5, 1))
        assign(task, UnitFactory(agency=child))

    response = assert_flat_queries(
        client,
        reverse("dashboard"),
        expected=PROVINCE_QUERIES,
        grow=grow,
        django_assert_num_queries=django_assert_num_queries,
    )
    assert len(response.context["board"].agencies) == 2


def test_the_lists_read_the_columns_they_draw(client, board):
    """The overdue, due-soon and recent tables join no plan, and no password hash is read."""
    user = board.world.users["coordinator"]
    _grow(board.world.agency, board.periods, user)()
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("dashboard") + "?period=")
    assert response.status_code == 200
    recent_table = response.content.decode().split('id="recent-table"')[1].split("</table>")[0]
    assert (user.get_full_name() or user.username) in recent_table  # who, from the light read
    columns = [q["sql"].split(" FROM ")[0] for q in captured.captured_queries]
    recent = next(sql for sql in columns if sql.startswith('SELECT "tasks_taskprogress"."id"'))
    assert '"auth_user"."password"' not in recent and '"tasks_task"."result"' not in recent
    lists = [sql for sql in columns if sql.startswith('SELECT "tasks_task"."id"')]
    assert lists  # the overdue and due-soon rows
    assert all('"plans_plan".' not in sql and '"tasks_task"."result"' not in sql for sql in lists)
