"""The client address: REMOTE_ADDR unless TRUSTED_PROXY_COUNT says which X-Forwarded-For hop."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from audit.client import client_address, user_agent


@pytest.mark.parametrize(
    ("proxies", "forwarded", "remote", "expected"),
    [
        (0, "", "10.0.0.5", "10.0.0.5"),
        (0, "203.0.113.9", "10.0.0.5", "10.0.0.5"),  # no trusted proxy: header ignored
        (1, "203.0.113.9", "10.0.0.5", "203.0.113.9"),
        (1, "1.1.1.1, 203.0.113.9", "10.0.0.5", "203.0.113.9"),  # left part forged
        (1, "1.1.1.1,203.0.113.9 ", "10.0.0.5", "203.0.113.9"),
        (2, "1.1.1.1, 203.0.113.9, 10.0.0.4", "10.0.0.5", "203.0.113.9"),
        (2, "203.0.113.9", "10.0.0.5", "10.0.0.5"),  # fewer hops than proxies
        (1, "", "10.0.0.5", "10.0.0.5"),
        (1, "not-an-ip", "10.0.0.5", "10.0.0.5"),
        (1, "2001:db8::1", "::1", "2001:db8::1"),
        (0, "", "", None),
        (0, "", "garbage", None),
    ],
)
def test_client_address(settings, proxies, forwarded, remote, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    meta = {"REMOTE_ADDR": remote}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    request = RequestFactory().get("/", **meta)
    request.META["REMOTE_ADDR"] = remote
    assert client_address(request) == expected


def test_user_agent_is_cut_to_the_column():
    request = RequestFactory().get("/", HTTP_USER_AGENT="x" * 1000)
    assert user_agent(request) == "x" * 300
