"""The log in the admin: readable and filterable by admins, never added, edited or deleted."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditAction, AuditEvent
from audit.services import record_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:audit_auditevent_changelist"
CHANGELIST_QUERIES = 9


@pytest.fixture
def events(world):
    record_event(
        action=AuditAction.PLAN_EXPORT, user=world.users["coordinator"], obj=world.task_a.plan
    )
    record_event(
        action=AuditAction.LOGIN_FAILED, username="ke-do-mat-khau", client_address="198.51.100.7"
    )
    record_event(
        action=AuditAction.PLAN_EXPORT,
        user=world.users["other_coordinator"],
        obj=world.task_other.plan,
    )
    old = record_event(action=AuditAction.LOGIN, user=world.users["leader"])
    AuditEvent.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=40))
    return world


def _listed(client, **query) -> list[str]:
    response = client.get(reverse(CHANGELIST), query)
    assert response.status_code == 200
    return sorted(event.username for event in response.context["cl"].result_list)


def test_filters_by_action_user_agency_and_date(client, it_admin, events):
    world = events
    assert _listed(client, action=AuditAction.PLAN_EXPORT) == ["w.other.vp", "w.vp"]
    assert _listed(client, user__id__exact=world.users["coordinator"].pk) == ["w.vp"]
    assert _listed(client, agency__id__exact=world.other_agency.pk) == ["w.other.vp"]
    since = (timezone.now() - dt.timedelta(days=7)).isoformat()
    assert "w.lanhdao" not in _listed(client, created_at__gte=since)
    assert "w.lanhdao" in _listed(client)


def test_searches_names_addresses_and_objects(client, it_admin, events):
    assert _listed(client, q="ke-do") == ["ke-do-mat-khau"]
    assert _listed(client, q="198.51.100.7") == ["ke-do-mat-khau"]
    assert _listed(client, q=f'"{events.task_other.plan}"') == ["w.other.vp"]


def test_nothing_can_be_added_changed_or_deleted(client, it_admin, events):
    event = AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED).get()
    change_url = reverse("admin:audit_auditevent_change", args=[event.pk])
    page = client.get(change_url)
    assert page.status_code == 200 and b"ke-do-mat-khau" in page.content
    assert b'name="_save"' not in page.content  # a view page, no form to submit
    assert client.post(change_url, {"username": "someone-else"}).status_code == 403
    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    delete_url = reverse("admin:audit_auditevent_delete", args=[event.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    listing = client.get(reverse(CHANGELIST))
    assert b"delete_selected" not in listing.content
    bulk = {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"}
    client.post(reverse(CHANGELIST), bulk)
    event.refresh_from_db()
    assert event.username == "ke-do-mat-khau" and AuditEvent.objects.filter(pk=event.pk).exists()


def test_no_add_change_or_delete_permission_exists_to_grant():
    codenames = set(
        Permission.objects.filter(content_type__app_label="audit").values_list(
            "codename", flat=True
        )
    )
    assert codenames == {"view_auditevent"}


def test_staff_without_the_view_permission_cannot_read_it(client, events):
    staff = UserFactory(username="staff-only")
    staff.is_staff = True
    staff.save()
    client.force_login(staff)
    assert client.get(reverse(CHANGELIST)).status_code == 403


@pytest.mark.parametrize("role", ["coordinator", "leader", "staff_a"])
def test_app_users_never_reach_it(client, world, role):
    client.force_login(world.users[role])
    response = client.get(reverse(CHANGELIST))
    assert response.status_code == 302 and "/quan-tri/login/" in response["Location"]


def test_changelist_queries_do_not_grow_with_events(
    client, it_admin, events, django_assert_num_queries
):
    url = reverse(CHANGELIST)
    # session, user, the user and agency filter choices, count, page, the menu's memberships,
    # the date hierarchy's range and months
    with django_assert_num_queries(CHANGELIST_QUERIES):
        client.get(url)
    for _ in range(30):
        record_event(
            action=AuditAction.PLAN_EXPORT, user=events.users["coordinator"], obj=events.task_a.plan
        )
    with django_assert_num_queries(CHANGELIST_QUERIES):
        client.get(url)
