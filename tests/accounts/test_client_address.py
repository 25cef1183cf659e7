"""Which address a request comes from, with and without trusted proxies."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from accounts.client_address import client_ip

CASES = [
    # (trusted proxies, header, X-Forwarded-For, REMOTE_ADDR, expected)
    (0, "X-Forwarded-For", "1.2.3.4", "10.0.0.1", "10.0.0.1"),
    (1, "X-Forwarded-For", "1.2.3.4", "10.0.0.1", "1.2.3.4"),
    (1, "X-Forwarded-For", "6.6.6.6, 1.2.3.4", "10.0.0.1", "1.2.3.4"),  # left part is forged
    (2, "X-Forwarded-For", "6.6.6.6, 1.2.3.4, 10.0.0.2", "10.0.0.1", "1.2.3.4"),
    (2, "X-Forwarded-For", "1.2.3.4", "10.0.0.1", "10.0.0.1"),  # skipped a proxy
    (1, "X-Forwarded-For", "", "10.0.0.1", "10.0.0.1"),
    (1, "X-Forwarded-For", "khong-phai-ip", "10.0.0.1", "10.0.0.1"),
    (1, "X-Forwarded-For", "2001:db8::1", "10.0.0.1", "2001:db8::1"),
    (1, "X-Real-IP", "1.2.3.4", "10.0.0.1", "10.0.0.1"),  # the configured header only
]


@pytest.mark.parametrize(("count", "header", "forwarded", "remote", "expected"), CASES)
def test_client_ip(settings, count, header, forwarded, remote, expected):
    settings.TRUSTED_PROXY_COUNT = count
    settings.CLIENT_IP_HEADER = header
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_another_header_can_be_configured(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="1.2.3.4")
    assert client_ip(request) == "1.2.3.4"
