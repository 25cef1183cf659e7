"""Every state-changing URL refuses a POST without the CSRF token and accepts it with one.

The test client skips CSRF checks unless told otherwise, so the matrix alone would not see
a view that lost its protection (a stray ``csrf_exempt``).
"""

from __future__ import annotations

import pytest
import time_machine
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.permissions.test_url_matrix import (  # noqa: F401
    FROZEN,
    OWN,
    ROLES,
    SPECS,
    data_writes,
    objects,
)

WRITERS = sorted(name for name, spec in SPECS.items() if spec.writes)


def _allowed_role(spec) -> str:
    target = OWN if OWN in spec.targets else None
    return next(r for r in ROLES if r != "anonymous" and spec.post(r, target) < 400)


def _post(client: Client, url: str, data: dict) -> tuple[int, list[str]]:
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        status = client.post(url, data).status_code
        transaction.set_rollback(True)
    return status, data_writes(queries.captured_queries)


@pytest.mark.parametrize("url_name", WRITERS)
def test_a_post_needs_the_csrf_token(world, objects, url_name):  # noqa: F811
    spec = SPECS[url_name]
    role, target = _allowed_role(spec), OWN if OWN in spec.targets else None
    spec.prepare(objects)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users[role])
    with time_machine.travel(FROZEN, tick=True):
        url, data = spec.url(objects, target), spec.data(objects, target)
        assert _post(client, url, data) == (403, [])
        client.get(reverse("tasks:mine"))  # any page sets the CSRF cookie
        token = client.cookies["csrftoken"].value
        status, written = _post(client, url, {**data, "csrfmiddlewaretoken": token})
    assert status == spec.post(role, target) and written


def test_every_state_changing_url_is_tried():
    assert {"periods:submit", "periods:reopen", "tasks:update", "tasks:send_back"} <= set(WRITERS)
