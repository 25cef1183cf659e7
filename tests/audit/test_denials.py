"""403s and 404s on object URLs are recorded; the response is exactly what it was."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AuditAction
from tests.audit.conftest import recorded
from tests.factories import make_periods

pytestmark = pytest.mark.django_db

# The 403/404 pages carry the CSRF token (the menu's logout form), and Django masks it
# afresh on every render, so two renders of one page differ in that token alone.
CSRF_TOKEN = re.compile(rb'(X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+')


def _unmasked(content: bytes) -> bytes:
    return CSRF_TOKEN.sub(rb"\1<token>", content)


def test_a_403_is_recorded_with_the_route_and_object(client, world):
    q1 = make_periods(world.agency)["q1"]
    client.force_login(world.users["staff_a"])
    response = client.post(reverse("periods:reopen", args=[q1.pk]), {"until": ""})
    assert response.status_code == 403
    event = recorded().get()
    assert event.action == AuditAction.PERMISSION_DENIED
    assert (event.user, event.username) == (world.users["staff_a"], "w.cb.a")
    assert (event.object_type, event.object_id) == ("periods:reopen", str(q1.pk))
    assert event.detail == {"method": "POST", "status": 403}


def test_another_agencys_object_is_a_recorded_404(client, world):
    client.force_login(world.users["staff_a"])
    response = client.get(reverse("tasks:detail", args=[world.task_other.pk]))
    assert response.status_code == 404
    event = recorded().get()
    assert event.action == AuditAction.NOT_FOUND
    assert (event.object_type, event.object_id) == ("tasks:detail", str(world.task_other.pk))
    assert event.path == f"/nhiem-vu/{world.task_other.pk}/"


def test_a_staged_import_token_counts_as_an_object(client, world):
    client.force_login(world.users["coordinator"])
    assert client.get(reverse("importer:preview", args=["0" * 32])).status_code == 404
    assert recorded().get().object_id == "0" * 32


def test_404s_on_unrouted_urls_and_normal_pages_are_not_recorded(client, world):
    client.force_login(world.users["staff_a"])
    assert client.get("/khong-co-trang-nay/").status_code == 404
    assert client.get(reverse("tasks:detail", args=[world.task_a.pk])).status_code == 200
    assert not recorded().exists()


def test_the_denied_response_is_untouched(world, settings):
    url = reverse("tasks:detail", args=[world.task_other.pk])

    def fetch():
        client = Client()  # a new client loads the middleware as now configured
        client.force_login(world.users["staff_a"])
        return client.get(url)

    with_audit = fetch()
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.startswith("audit.")]
    without = fetch()
    assert (with_audit.status_code, _unmasked(with_audit.content)) == (
        without.status_code,
        _unmasked(without.content),
    )
    assert with_audit.headers == without.headers
    assert recorded().count() == 1
