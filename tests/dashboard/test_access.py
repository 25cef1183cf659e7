"""Who opens the dashboard, and a province viewer's roll-up across the agencies below it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from organizations.access import access_for
from organizations.models import Role, Unit
from organizations.navigation import landing_url_name
from plans.models import Plan
from tests.factories import (
    AgencyFactory,
    TaskFactory,
    UnitFactory,
    assign,
    make_member,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["staff_a", "staff_b", "head_a"])
def test_unit_roles_get_404(client, board, role):
    client.force_login(board.world.users[role])
    assert client.get(reverse("dashboard")).status_code == 404
    assert client.get(reverse("dashboard_export")).status_code == 404


@pytest.mark.parametrize("role", ["coordinator", "leader", "accountant", "admin"])
def test_agency_roles_open_it(client, board, role):
    client.force_login(board.world.users[role])
    assert client.get(reverse("dashboard")).status_code == 200


def test_the_accountant_sees_indicators_and_budget_but_no_task(client, board):
    client.force_login(board.world.users["accountant"])
    response = client.get(reverse("dashboard"))
    page = response.context["board"]
    assert not page.shows_tasks and page.cards is None
    assert page.budget.rate_label == "30,0%"
    assert 'id="matrix"' not in response.content.decode()


def test_another_agency_is_404(client, board):
    client.force_login(board.world.users["coordinator"])
    other = board.world.other_agency.pk
    assert client.get(reverse("dashboard"), {"agency": other}).status_code == 404
    own = client.get(reverse("dashboard"), {"agency": board.world.agency.pk})
    assert own.status_code == 200 and own.context["board"].cards.total == 7


def test_coordinators_and_leaders_land_on_it(board):
    for role in ("coordinator", "leader"):
        assert landing_url_name(access_for(board.world.users[role])) == "dashboard"
    assert landing_url_name(access_for(board.world.users["staff_a"])) == "tasks:mine"


@pytest.fixture
def province(board):
    """UBND tỉnh above the world's two agencies; a third agency elsewhere."""
    world = board.world
    top = AgencyFactory(code="UBND-TN", name="UBND tỉnh Thái Nguyên")
    for agency in (world.agency, world.other_agency):
        agency.parent = top
        agency.save()
    elsewhere = AgencyFactory(code="STP-HG", name="Sở Tư pháp tỉnh Hà Giang")
    task = TaskFactory(plan__agency=elsewhere)
    assign(task, UnitFactory(agency=elsewhere))
    viewer = make_member(Role.PROVINCE_VIEWER, agency=top, username="w.tinh")
    return viewer, elsewhere


def test_a_province_viewer_rolls_up_the_agencies_below(client, board, province):
    viewer, _elsewhere = province
    client.force_login(viewer)
    page = client.get(reverse("dashboard"), {"period": ""}).context["board"]
    rows = {row.name: row for row in page.agencies}
    world = board.world
    assert set(rows) == {world.agency.name, world.other_agency.name}
    own = rows[world.agency.name].counts
    assert (own.total, own["overdue"], own.on_time_label) == (11, 3, "20,0%")
    other = rows[world.other_agency.name].counts
    assert (other.total, other["in_progress"], other.on_time_label) == (1, 1, "—")
    assert page.cards.total == 12


def test_the_roll_up_matrix_has_a_row_per_agency_and_each_number_lands(client, board, province):
    viewer, _elsewhere = province
    client.force_login(viewer)
    page = client.get(reverse("dashboard"), {"period": ""}).context["board"]
    matrix = page.matrix
    world = board.world
    assert matrix.by_agency
    assert {row.name: row.total.count for row in matrix.rows} == {
        world.agency.name: 11,
        world.other_agency.name: 1,
    }
    assert sum(row.total.overdue for row in matrix.rows) == page.cards["overdue"] == 3
    assert [sum(c.count for c in row.cells) for row in matrix.rows] == [
        row.total.count for row in matrix.rows
    ]
    links = [(row.total.url, row.total.count) for row in matrix.rows]
    links += [(c.url, c.count) for row in matrix.rows for c in row.cells if c.count]
    links += [(c.overdue_url, c.overdue) for row in matrix.rows for c in row.cells if c.overdue]
    for url, count in links:
        assert "agency=" in url
        assert client.get(url).context["page"].paginator.count == count, url
    assert "Cơ quan × lĩnh vực" in client.get(reverse("dashboard"), {"period": ""}).content.decode()


def test_the_roll_up_sorts_and_drills_into_an_agency(client, board, province):
    viewer, _elsewhere = province
    client.force_login(viewer)
    url = reverse("dashboard")
    by_total = client.get(url, {"period": "", "sort": "total"}).context["board"].agencies
    assert [row.counts.total for row in by_total] == [11, 1]
    by_rate = client.get(url, {"period": "", "sort": "rate_asc"}).context["board"].agencies
    assert [row.counts.on_time_label for row in by_rate] == ["20,0%", "—"]
    drilled = client.get(by_total[0].url)
    page = drilled.context["board"]
    assert page.agencies is None and page.cards.total == 11
    assert f"agency={board.world.agency.pk}" in by_total[0].url


def test_a_province_viewer_sees_only_its_province(client, board, province):
    viewer, elsewhere = province
    client.force_login(viewer)
    assert client.get(reverse("dashboard"), {"agency": elsewhere.pk}).status_code == 404
    page = client.get(reverse("dashboard"), {"period": ""}).context["board"]
    assert elsewhere.name not in {row.name for row in page.agencies}


def test_nobody_else_sees_other_agencies(client, board, province):
    client.force_login(board.world.users["coordinator"])
    response = client.get(reverse("dashboard"), {"period": ""})
    page = response.context["board"]
    assert page.agencies is None and not page.multi_agency
    assert page.cards.total == 11  # the agency's own: 8 + the world's 3
    assert 'id="lists-await-agency"' not in response.content.decode()


def _offered(form, name: str) -> list[str]:
    return [str(value) for value, _label in form.fields[name].choices if str(value)]


def test_a_province_offers_plans_and_units_once_an_agency_is_chosen(client, board, province):
    """Fifty agencies' "Văn phòng" in one list name no unit: the lists follow the agency."""
    viewer, _elsewhere = province
    world = board.world
    client.force_login(viewer)
    url = reverse("dashboard")
    page = client.get(url, {"period": ""})
    form = page.context["filter"].form
    assert _offered(form, "unit") == [] and _offered(form, "plan") == []
    assert 'id="lists-await-agency"' in page.content.decode()

    chosen = client.get(url, {"period": "", "unit": world.unit_a.pk, "plan": board.plan.pk})
    form = chosen.context["filter"].form
    assert _offered(form, "unit") == [str(world.unit_a.pk)]
    assert _offered(form, "plan") == [str(board.plan.pk)]
    assert f'value="{world.unit_a.pk}" selected' in chosen.content.decode()

    page = client.get(url, {"period": "", "agency": world.agency.pk})
    assert 'id="lists-await-agency"' not in page.content.decode()
    form = page.context["filter"].form
    own_units = Unit.objects.filter(agency=world.agency).active()
    assert set(_offered(form, "unit")) == {str(pk) for pk in own_units.values_list("pk", flat=True)}
    # A unit of the other agency chosen by the URL stays offered (and selected).
    other_unit = Unit.objects.filter(agency=world.other_agency).first()
    mixed = client.get(url, {"period": "", "agency": world.agency.pk, "unit": other_unit.pk})
    assert str(other_unit.pk) in _offered(mixed.context["filter"].form, "unit")
    own_plans = Plan.objects.filter(agency=world.agency, deleted_at__isnull=True)
    assert set(_offered(form, "plan")) == {str(pk) for pk in own_plans.values_list("pk", flat=True)}


@pytest.mark.parametrize("value", ["abc", "-1", "0", "9" * 30, "1e3"])
def test_a_garbage_choice_is_refused_not_a_500(client, board, province, value):
    viewer, _elsewhere = province
    client.force_login(viewer)
    url = reverse("dashboard")
    assert client.get(url, {"agency": value}).status_code == 404
    page = client.get(url, {"period": "", "unit": value, "plan": value})
    assert page.status_code == 200
    assert "không hợp lệ" in page.content.decode()
