"""Every card, chart series, matrix cell and list of the dashboard on the known world."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def shown(client, board):
    client.force_login(board.world.users["coordinator"])
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return response.context["board"]


def test_defaults_to_the_current_period_and_today(shown, board):
    assert shown.period == board.periods["h1"]
    assert shown.year == 2026
    assert shown.as_of.isoformat() == "2026-05-20"


def test_cards(shown):
    cards = shown.cards
    assert cards.values == {
        "done_on_time": 1, "done_late": 1, "in_progress": 1, "overdue": 3, "recurring": 1,
        "no_deadline": 0, "extended": 1, "total": 7,
    }  # fmt: skip
    assert cards.due == 5
    assert cards.on_time_label == "20,0%"


def test_submissions_name_the_missing_units(shown, board):
    world = board.world
    assert shown.submissions.sent == [world.unit_a]
    assert shown.submissions.missing == [world.unit_b, world.office]


def test_indicator_and_budget_panels(shown):
    assert [row.status for row in shown.indicators.rows] == ["met", "not_met", "no_data"]
    assert (shown.indicators.met, shown.indicators.not_met, shown.indicators.no_data) == (1, 1, 1)
    (row,) = shown.budget.rows
    assert (row.planned, row.disbursed, row.rate_label) == (150_000_000, 45_000_000, "30,0%")
    assert shown.budget.rate_label == "30,0%"


def test_matrix_cells(shown, board):
    matrix = shown.matrix
    assert [name for _pk, name in matrix.columns] == [
        "Lĩnh vực thử A1", "Lĩnh vực thử A2", "Chưa phân lĩnh vực",
    ]  # fmt: skip
    cells = {row.name: [(c.count, c.overdue) for c in row.cells] for row in matrix.rows}
    assert cells == {
        board.world.unit_b.name: [(1, 1), (1, 0), (1, 0)],
        board.world.unit_a.name: [(2, 0), (1, 1), (0, 0)],
        "Chưa xác định đơn vị chủ trì": [(0, 0), (1, 1), (0, 0)],
    }
    assert [row.name for row in matrix.rows][-1] == "Chưa xác định đơn vị chủ trì"
    assert [(row.total.count, row.total.overdue) for row in matrix.rows] == [(3, 1), (3, 1), (1, 1)]


def test_chart_series(shown, board):
    data = shown.chart_data()
    assert data["units"]["labels"] == [
        board.world.unit_b.name, board.world.unit_a.name, "Chưa xác định đơn vị chủ trì",
    ]  # fmt: skip
    assert data["units"]["series"]["overdue"] == [1, 1, 1]
    assert data["units"]["series"]["done_on_time"] == [0, 1, 0]
    assert data["units"]["series"]["recurring"] == [1, 0, 0]
    assert data["areas"]["labels"] == ["Lĩnh vực thử A1", "Lĩnh vực thử A2", "Chưa phân lĩnh vực"]
    assert data["areas"]["series"]["overdue"] == [1, 2, 0]
    assert data["areas"]["series"]["done_late"] == [1, 0, 0]
    unit_links = data["units"]["links"]["overdue"]
    assert f"unit={board.world.unit_b.pk}" in unit_links[0] and "bucket=overdue" in unit_links[0]
    assert "no_lead=true" in unit_links[2]
    assert unit_links[1] == shown.matrix.rows[1].total.overdue_url  # the matrix's own link
    area_links = data["areas"]["links"]["done_late"]
    assert "bucket=done_late" in area_links[0] and "no_area=true" in area_links[2]
    assert data["areas"]["links"]["overdue"] == [row.overdue_url for row in shown.areas]
    assert data["months"]["due"] == [1, 1, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0]
    assert data["months"]["done"] == [0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]


def test_lists(shown, board):
    t = board.tasks
    # Working days to 20/05/2026: Tết, 27/04, 30/04, 01/05 and weekends are not counted.
    assert [(row.task, row.days_late) for row in shown.overdue] == [
        (t["t8"], 81), (t["t5"], 55), (t["t3"], 13),
    ]  # fmt: skip
    assert shown.due_soon == [t["t4"], t["t5"]]
    assert shown.due_soon_count == 2
    assert [entry.task for entry in shown.recent] == [t["t3"], t["t1"]]


def test_the_page_shows_the_figures(client, board):
    client.force_login(board.world.users["leader"])
    html = client.get(reverse("dashboard")).content.decode()
    assert "20,0%" in html
    assert 'id="dashboard-data"' in html
    assert "<script>" not in html  # data by json_script only, drawn by a static file
    assert board.world.office.name in html  # named as missing


def test_a_closed_period_counts_as_of_its_cutoff(client, board):
    client.force_login(board.world.users["coordinator"])
    response = client.get(reverse("dashboard"), {"period": board.periods["q1"].pk})
    shown = response.context["board"]
    assert shown.as_of.isoformat() == "2026-03-14"
    # Q1 (15/12/2025-14/3/2026) holds t8 (overdue) and t6 (recurring); the period takes
    # the deadline in force, as the task list does, so t5 (extended to 1/6) is not in it.
    assert shown.cards.values["total"] == 2
    assert shown.cards.values["overdue"] == 1
    assert all("as_of=2026-03-14" in url for url in shown.card_links.values())


def test_the_whole_year_and_one_plan(client, board):
    client.force_login(board.world.users["coordinator"])
    response = client.get(reverse("dashboard"), {"period": "", "plan": board.plan.pk})
    assert response.context["board"].cards.total == 8  # t7 comes in, the world's tasks stay out


def test_bad_input_is_a_message_not_an_error(client, board):
    client.force_login(board.world.users["coordinator"])
    response = client.get(
        reverse("dashboard"), {"as_of": "31/31/2026", "plan": "x", "year": "abc", "unit": "9999"}
    )
    assert response.status_code == 200
    assert "không hợp lệ" in response.content.decode()


@pytest.mark.parametrize("typed", ["14/03/2026", "2026-03-14"])
def test_as_of_is_typed_as_dd_mm_yyyy_or_given_iso_by_a_link(client, board, typed):
    client.force_login(board.world.users["coordinator"])
    response = client.get(reverse("dashboard"), {"as_of": typed})
    assert response.context["board"].as_of.isoformat() == "2026-03-14"
    html = response.content.decode()
    # The shared dd/mm/yyyy text box with its picker, never the browser's own date input.
    assert f'name="as_of" value="{typed}"' in html and "data-datepicker" in html
    assert 'type="date"' not in html


def test_recent_updates_are_the_newest_entries_of_the_scope_only(board):
    from dashboard.selectors import recent_updates
    from tasks.models import Task, TaskProgress

    entries = list(TaskProgress.objects.filter(task__plan=board.plan))
    for key in ("t2", "t4", "t5", "t6", "t7"):
        entries.append(
            TaskProgress.objects.create(task=board.tasks[key], period=board.periods["q1"])
        )
    base = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    for minutes, entry in enumerate(entries):  # distinct times, oldest first
        TaskProgress.objects.filter(pk=entry.pk).update(
            updated_at=base + dt.timedelta(minutes=minutes)
        )
    newest_first = entries[::-1]
    scope = Task.objects.filter(pk__in=[board.tasks[k].pk for k in ("t1", "t2", "t4", "t6", "t7")])
    shown = recent_updates(scope, limit=3)
    expected = [e for e in newest_first if e.task_id in {t.pk for t in scope}][:3]
    assert [entry.pk for entry in shown] == [entry.pk for entry in expected]
    assert shown[0].task.content  # the task comes joined (select_related)
