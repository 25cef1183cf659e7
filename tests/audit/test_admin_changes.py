"""Role and membership changes made in the admin are recorded: who changed what, before/after."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AuditAction
from organizations.models import Membership, Role
from tests.audit.conftest import recorded
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_adding_a_membership_is_recorded(client, world, it_admin):
    newcomer = UserFactory(username="cb.moi")
    response = client.post(
        reverse("admin:organizations_membership_add"),
        {
            "user": newcomer.pk,
            "agency": world.agency.pk,
            "unit": world.unit_a.pk,
            "role": Role.STAFF,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=newcomer)
    event = recorded().get()
    assert event.action == AuditAction.MEMBERSHIP_CREATE
    assert (event.user, event.username) == (it_admin, "it-admin")
    assert (event.object_type, event.object_id) == ("organizations.membership", str(membership.pk))
    assert event.agency == world.agency and "cb.moi" in event.object_label
    assert event.detail["changes"]["role"] == [None, Role.STAFF]
    assert event.detail["changes"]["unit"] == [None, world.unit_a.pk]


def test_changing_a_role_is_recorded_with_before_and_after(client, world, it_admin):
    membership = Membership.objects.get(user=world.users["staff_a"])
    response = client.post(
        reverse("admin:organizations_membership_change", args=[membership.pk]),
        {
            "user": membership.user_id,
            "agency": world.agency.pk,
            "unit": world.unit_a.pk,
            "role": Role.UNIT_HEAD,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    event = recorded().get()
    assert event.action == AuditAction.MEMBERSHIP_UPDATE
    assert event.detail == {"changes": {"role": [Role.STAFF, Role.UNIT_HEAD]}}


def test_deleting_one_membership_is_recorded(client, world, it_admin):
    membership = Membership.objects.get(user=world.users["staff_a"])
    url = reverse("admin:organizations_membership_delete", args=[membership.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    event = recorded().get()
    assert event.action == AuditAction.MEMBERSHIP_DELETE
    assert event.object_id == str(membership.pk) and event.agency == world.agency
    assert event.detail == {
        "user": world.users["staff_a"].pk,
        "role": Role.STAFF,
        "unit": world.unit_a.pk,
        "is_active": True,
    }


def test_the_bulk_delete_action_records_each_membership(client, world, it_admin):
    doomed = list(
        Membership.objects.filter(user__in=[world.users["staff_a"], world.users["staff_b"]])
    )
    response = client.post(
        reverse("admin:organizations_membership_changelist"),
        {"action": "delete_selected", "_selected_action": [m.pk for m in doomed], "post": "yes"},
    )
    assert response.status_code == 302
    events = recorded().filter(action=AuditAction.MEMBERSHIP_DELETE)
    assert sorted(events.values_list("object_id", flat=True)) == sorted(str(m.pk) for m in doomed)


def _user_form(user, **flags) -> dict:
    data = {
        "username": user.username,
        "first_name": "",
        "last_name": "",
        "email": "",
        "date_joined_0": "01/12/2026",
        "date_joined_1": "08:00:00",
        "last_login_0": "",
        "last_login_1": "",
    }
    data.update({flag: "on" for flag, on in flags.items() if on})
    return data


def test_granting_admin_flags_is_recorded(client, world, it_admin):
    user = world.users["staff_a"]
    url = reverse("admin:auth_user_change", args=[user.pk])
    response = client.post(url, _user_form(user, is_active=True, is_staff=True))
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = recorded().get()
    assert event.action == AuditAction.USER_FLAGS_CHANGE
    assert (event.object_type, event.object_label) == ("auth.user", "w.cb.a")
    assert event.detail == {"changes": {"is_staff": [False, True]}}


def test_deactivating_an_account_is_recorded(client, world, it_admin):
    user = world.users["staff_a"]
    url = reverse("admin:auth_user_change", args=[user.pk])
    client.post(url, _user_form(user, is_active=False))
    assert recorded().get().detail == {"changes": {"is_active": [True, False]}}


def test_editing_a_users_name_alone_is_not_a_role_change(client, world, it_admin):
    user = world.users["staff_a"]
    data = {**_user_form(user, is_active=True), "first_name": "Lan"}
    assert client.post(reverse("admin:auth_user_change", args=[user.pk]), data).status_code == 302
    assert not recorded().exists()
