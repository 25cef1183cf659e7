"""The one scoping rule, seen from each role."""

import pytest

from plans.models import Plan
from tasks.models import Task


def visible(world, who):
    return set(Task.objects.visible_to(world.users[who]))


def test_agency_wide_roles_see_every_task_of_their_agency_only(world):
    own = {world.task_a, world.task_b, world.task_group}
    for role in ("admin", "coordinator", "leader"):
        assert visible(world, role) == own, role
    assert visible(world, "other_coordinator") == {world.task_other}


def test_the_accountant_reads_plans_but_no_task(world):
    accountant = world.users["accountant"]
    assert set(Plan.objects.visible_to(accountant)) == {world.task_a.plan}
    assert visible(world, "accountant") == set()


def test_staff_see_tasks_their_unit_leads_coordinates_or_whose_group_contains_it(world):
    assert visible(world, "staff_a") == {world.task_a, world.task_group}
    assert visible(world, "staff_b") == {world.task_a, world.task_b, world.task_group}


def test_only_leading_units_and_agency_editors_may_edit(world):
    editable = lambda who: set(Task.objects.editable_by(world.users[who]))  # noqa: E731
    assert editable("staff_a") == {world.task_a, world.task_group}
    assert editable("staff_b") == {world.task_b, world.task_group}
    assert editable("coordinator") == {world.task_a, world.task_b, world.task_group}
    assert editable("leader") == set()


def test_plans_follow_the_same_rule(world):
    assert set(Plan.objects.visible_to(world.users["staff_a"])) == {world.task_a.plan}
    assert set(Plan.objects.visible_to(world.users["other_coordinator"])) == {world.task_other.plan}


def test_anonymous_sees_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    assert not Task.objects.visible_to(AnonymousUser()).exists()


@pytest.mark.parametrize("url_name", ["plans:detail", "tasks:detail"])
def test_other_agency_gets_404(client, world, url_name):
    from django.urls import reverse

    client.force_login(world.users["other_coordinator"])
    pk = world.task_a.plan_id if url_name == "plans:detail" else world.task_a.pk
    assert client.get(reverse(url_name, args=[pk])).status_code == 404


def test_province_viewer_reads_every_agency_below_its_own(world):
    from organizations.models import Role
    from tests.factories import AgencyFactory, make_member

    province = AgencyFactory(code="SNV-TN", name="Sở Nội vụ tỉnh Thái Nguyên")
    world.agency.parent = province
    world.agency.save()
    viewer = make_member(Role.PROVINCE_VIEWER, agency=province, username="w.snv")
    assert set(Task.objects.visible_to(viewer)) == {world.task_a, world.task_b, world.task_group}
    assert not Task.objects.editable_by(viewer).exists()


def test_agency_editors_import_into_their_own_agency_only(world):
    from django.contrib.auth.models import AnonymousUser

    from organizations.models import Agency
    from tests.factories import UserFactory

    editable = lambda user: set(Agency.objects.editable_by(user))  # noqa: E731
    assert editable(world.users["coordinator"]) == editable(world.users["admin"]) == {world.agency}
    assert editable(world.users["other_coordinator"]) == {world.other_agency}
    for role in ("leader", "accountant", "staff_a", "head_a"):
        assert editable(world.users[role]) == set(), role
    assert editable(AnonymousUser()) == set()
    assert editable(UserFactory(is_superuser=True)) == {world.agency, world.other_agency}
