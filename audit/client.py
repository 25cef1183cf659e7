"""Where a request came from: the client address and user agent as the audit log stores them."""

from __future__ import annotations

import ipaddress

from django.http import HttpRequest

from accounts.client_address import client_ip

USER_AGENT_CHARS = 300


def valid_address(raw: str) -> str | None:
    try:
        return str(ipaddress.ip_address(raw.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address as sign-in lockout sees it (trusted proxies only), or None."""
    return valid_address(client_ip(request))


def user_agent(request: HttpRequest) -> str:
    return request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_CHARS]
