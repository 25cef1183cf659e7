"""The dashboard's PAR card: the year's sets of the agencies in scope, with the totals of
``par.selectors.set_totals`` (the same tree and sums as the set's own page)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import PlanFactory
from tests.par.known_set import scored_set

pytestmark = pytest.mark.django_db


def _board(client, user, **params):
    client.force_login(user)
    response = client.get(reverse("dashboard"), params)
    assert response.status_code == 200
    return response


def test_totals_and_areas_of_the_year(client, board):
    world = board.world
    scored_set(agency=world.agency, user=world.users["coordinator"])
    response = _board(client, world.users["coordinator"])
    (table,) = response.context["board"].par
    assert (table.self_total, table.max_total, table.percent_label) == (
        Decimal("6.5"),
        Decimal("10"),
        "65,0%",
    )
    assert (table.appraised_total, table.difference) == (Decimal("6"), Decimal("-0.5"))
    assert [(n.criterion.label, n.self_score, n.percent_label) for n in table.roots] == [
        ("I", Decimal("4.5"), "75,0%"),
        ("II", Decimal("2"), "50,0%"),
    ]
    html = response.content.decode()
    # The set page's score format (par/_score.html): two decimals unless whole.
    assert 'data-total="self">6,50\n / 10 (65,0%)' in html
    assert 'data-total="difference">-0,50\n' in html
    assert "75,0%" in html and "50,0%" in html


def test_appraisal_rows_only_once_entered(client, board):
    world = board.world
    scored_set(agency=world.agency, user=world.users["coordinator"], appraised=False)
    response = _board(client, world.users["coordinator"])
    (table,) = response.context["board"].par
    assert table.appraised_total is None
    html = response.content.decode()
    assert 'data-total="self"' in html
    assert 'data-total="appraised"' not in html


def test_other_years_set_is_not_shown(client, board):
    world = board.world
    scored_set(agency=world.agency, user=world.users["coordinator"], year=2025)
    PlanFactory(agency=world.agency, year=2025)  # so 2025 is a year the filter offers
    response = _board(client, world.users["coordinator"])
    assert response.context["board"].par == []
    assert "Chưa có bộ tiêu chí Chỉ số CCHC năm 2026." in response.content.decode()
    (table,) = _board(client, world.users["coordinator"], year=2025).context["board"].par
    assert table.criteria_set.year == 2025


def test_accountant_sees_no_par_card(client, board):
    world = board.world
    scored_set(agency=world.agency, user=world.users["coordinator"])
    response = _board(client, world.users["accountant"])
    assert response.context["board"].par is None
    assert 'id="par-panel"' not in response.content.decode()
