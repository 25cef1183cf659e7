"""Where a request came from: the client address and user agent as the audit log stores them."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

USER_AGENT_CHARS = 300


def valid_address(raw: str) -> str | None:
    try:
        return str(ipaddress.ip_address(raw.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address, read from X-Forwarded-For only behind trusted proxies.

    Each of the ``TRUSTED_PROXY_COUNT`` proxies in front of the app appends the
    address it received the request from, so the client is the entry that many
    places from the right; anything further left was written by the client and
    may be forged. With no trusted proxy the header is ignored entirely.
    """
    remote = valid_address(request.META.get("REMOTE_ADDR", ""))
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < proxies:
        return remote
    return valid_address(hops[-proxies]) or remote


def user_agent(request: HttpRequest) -> str:
    return request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_CHARS]
