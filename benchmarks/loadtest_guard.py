"""The load test's one safety rule: it only ever targets this machine.

Kept free of locust and Django so the normal test suite checks it without the ``[load]``
extra installed.
"""

from __future__ import annotations

from urllib.parse import urlsplit

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class NotLoopbackError(ValueError):
    """The load test was pointed at a host other than this machine."""


def ensure_loopback(target: str) -> str:
    """Return ``target`` (a host name or a URL) if it names this machine; refuse anything else.

    A load test against a real deployment is an attack on it: 50 users at full speed.
    """
    host = urlsplit(target).hostname if "://" in target else target.strip("[]")
    if (host or "").lower() not in LOOPBACK_HOSTS:
        raise NotLoopbackError(
            f"Chỉ chạy thử tải trên máy này (127.0.0.1/localhost); từ chối máy {target!r}."
        )
    return target
