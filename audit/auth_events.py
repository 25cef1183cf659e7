"""Login, failed login and lockout receivers: the audit log's view of authentication.

``record_login`` and ``record_login_failure`` are connected to Django's auth
signals in ``AuditConfig.ready``. ``record_lockout`` is for django-axes'
``user_locked_out`` signal (``axes.signals.user_locked_out.connect(record_lockout)``).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from audit.models import AuditAction
from audit.services import record_event


def record_login(sender: Any, request: Any = None, user: Any = None, **kwargs: Any) -> None:
    record_event(action=AuditAction.LOGIN, request=request, user=user)


def record_login_failure(
    sender: Any, credentials: dict[str, Any] | None = None, request: Any = None, **kwargs: Any
) -> None:
    # Django has already masked the password in ``credentials``; only the name is kept.
    credentials = credentials or {}
    typed = credentials.get(get_user_model().USERNAME_FIELD) or credentials.get("username") or ""
    record_event(action=AuditAction.LOGIN_FAILED, request=request, username=str(typed))


def record_lockout(
    sender: Any,
    request: Any = None,
    username: str | None = None,
    ip_address: str | None = None,
    **kwargs: Any,
) -> None:
    """A lockout by django-axes; ``ip_address`` is the address axes counted attempts for."""
    record_event(
        action=AuditAction.LOCKOUT,
        request=request,
        username=username or "",
        client_address=ip_address or None,
    )
