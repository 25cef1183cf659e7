"""The period list: one query for the periods, however many years and agencies it shows."""

import pytest
from django.urls import reverse

from organizations.models import Role
from tests.factories import AgencyFactory, make_member, make_periods
from tests.query_counts import assert_flat_queries

URL = reverse("periods:list")
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["coordinator", "staff_a", "province_viewer"])
def test_query_count_does_not_grow_with_the_number_of_periods(
    client, world, who, django_assert_num_queries
):
    users = world.users | {
        "province_viewer": make_member(Role.PROVINCE_VIEWER, agency=world.agency, username="w.tinh")
    }
    client.force_login(users[who])
    make_periods(world.agency, 2026)

    def grow():
        for year in (2024, 2025, 2027):
            make_periods(world.agency, year)
        for _ in range(2):
            make_periods(AgencyFactory(parent=world.agency), 2026)

    response = assert_flat_queries(
        client,
        URL,
        expected=QUERIES[who],
        grow=grow,
        django_assert_num_queries=django_assert_num_queries,
    )
    assert len(response.context["periods"]) == EXPECTED_ROWS[who]
    html = response.content.decode()
    assert html.count('<td data-label="Kỳ"><a href="/') == EXPECTED_ROWS[who]  # rendered rows


# session, user, memberships, the groups of a unit role's units or the agency tree of a province
# viewer, then the periods with their agency.
QUERIES = {"coordinator": 4, "staff_a": 5, "province_viewer": 5}
# 4 periods a year: the agency's 4 years; a province viewer also reads the 2 agencies below it.
EXPECTED_ROWS = {"coordinator": 16, "staff_a": 16, "province_viewer": 24}
