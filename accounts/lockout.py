"""What a locked-out sign-in sees (a Vietnamese page) and what the operators see (a log line)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

logger = logging.getLogger("cchc.security")


def lockout_response(
    request: HttpRequest, original_response=None, credentials: dict | None = None
) -> HttpResponse:
    """django-axes' AXES_LOCKOUT_CALLABLE, for the login page and the admin login alike."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "registration/lockout.html", context, status=429)


def log_lockout(sender, request, username: str | None, ip_address: str | None, **kwargs) -> None:
    """Every lockout is logged at WARNING, with the address the lock applies to."""
    logger.warning(
        "Login locked out: username=%r ip=%s path=%s",
        username or "",
        ip_address,
        getattr(request, "path", ""),
    )
