"""The task list is titled by what it shows: the agency's tasks or the unit's."""

import pytest
from django.urls import reverse

from organizations.models import Role
from tests.factories import make_member

URL = reverse("tasks:mine")
pytestmark = pytest.mark.django_db


def heading(client, user) -> str:
    client.force_login(user)
    return client.get(URL).context["heading"]


@pytest.mark.parametrize("who", ["coordinator", "leader", "admin"])
def test_agency_wide_readers_see_the_agencys_name(client, world, who):
    title = heading(client, world.users[who])
    assert title == "Nhiệm vụ của Sở Tư pháp tỉnh Thái Nguyên"
    page = client.get(URL).content.decode()
    assert '<h1 class="h4">Nhiệm vụ của Sở Tư pháp tỉnh Thái Nguyên</h1>' in page
    assert "Nhiệm vụ của đơn vị" not in page.split("<h1", 1)[1].split("</h1>", 1)[0]


@pytest.mark.parametrize("who", ["staff_a", "head_a", "staff_b"])
def test_unit_staff_see_their_units_tasks(client, world, who):
    assert heading(client, world.users[who]) == "Nhiệm vụ của đơn vị"


def test_a_province_viewer_sees_how_many_agencies(client, world):
    world.other_agency.parent = world.agency
    world.other_agency.save()
    viewer = make_member(Role.PROVINCE_VIEWER, agency=world.agency, username="w.tinh")
    assert heading(client, viewer) == "Nhiệm vụ của 2 cơ quan"


def test_the_superuser_sees_every_agency(client, world, django_user_model):
    root = django_user_model.objects.create_superuser("w.root", "root@example.gov.vn", "x")
    assert heading(client, root) == "Nhiệm vụ của tất cả cơ quan"


def test_a_role_that_reads_no_task_gets_a_plain_title(client, world):
    assert heading(client, world.users["accountant"]) == "Nhiệm vụ"
