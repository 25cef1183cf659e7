"""Logins, failed logins (site and admin) and django-axes lockouts are recorded."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse

from audit.auth_events import record_lockout
from audit.models import AuditAction, AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (Windows NT 10.0) Chrome/130"


def _login(client, url: str, username: str, password: str):
    return client.post(
        url,
        {"username": username, "password": password},
        REMOTE_ADDR="10.1.2.3",
        HTTP_USER_AGENT=BROWSER,
    )


def test_a_login_records_who_when_and_from_where(client):
    user = UserFactory(username="canbo.vp")
    response = _login(client, reverse("login"), "canbo.vp", "pw-for-tests-1")
    assert response.status_code == 302
    event = AuditEvent.objects.get()
    assert event.action == AuditAction.LOGIN
    assert (event.user, event.username) == (user, "canbo.vp")
    assert (event.client_address, event.user_agent) == ("10.1.2.3", BROWSER)
    assert event.path == reverse("login") and event.created_at is not None


@pytest.mark.parametrize("url_name", ["login", "admin:login"])
def test_a_failed_login_keeps_the_name_as_typed_and_never_the_password(client, url_name):
    UserFactory(username="canbo.vp")
    response = _login(client, reverse(url_name), "CanBo.VP", "sai-mat-khau-123")
    assert response.status_code == 200  # the form again, as before
    event = AuditEvent.objects.get()
    assert event.action == AuditAction.LOGIN_FAILED
    assert event.user is None and event.username == "CanBo.VP"
    assert event.client_address == "10.1.2.3"
    assert "sai-mat-khau-123" not in str(AuditEvent.objects.values().get())


def test_an_unknown_username_is_recorded_too(client):
    _login(client, reverse("login"), "khong-ton-tai", "x")
    assert AuditEvent.objects.get().username == "khong-ton-tai"


def test_the_lockout_handler_records_what_axes_sends():
    # As django-axes calls it: send("axes", request=..., username=..., ip_address=...)
    request = RequestFactory().post(reverse("login"), HTTP_USER_AGENT=BROWSER)
    record_lockout("axes", request=request, username="vanphong", ip_address="203.0.113.9")
    event = AuditEvent.objects.get()
    assert event.action == AuditAction.LOCKOUT
    assert (event.username, event.user) == ("vanphong", None)
    # The address axes counted the attempts for, not the proxy's.
    assert event.client_address == "203.0.113.9" and event.user_agent == BROWSER


def test_the_lockout_handler_copes_with_a_bare_call():
    record_lockout("axes", request=None, username=None, ip_address="not-an-address")
    event = AuditEvent.objects.get()
    assert (event.action, event.username, event.client_address) == (AuditAction.LOCKOUT, "", None)


def test_a_real_lockout_is_recorded_once(client, settings):
    # django-axes, installed and configured as in production, sends user_locked_out.
    UserFactory(username="canbo.vp")
    for attempt in range(settings.AXES_FAILURE_LIMIT + 2):
        _login(client, reverse("login"), "canbo.vp", f"sai-mat-khau-{attempt}")
    lockouts = AuditEvent.objects.filter(action=AuditAction.LOCKOUT)
    assert lockouts.count() >= 1
    assert {(event.username, event.client_address) for event in lockouts} == {
        ("canbo.vp", "10.1.2.3")
    }
