"""Writing and purging the audit log.

``record_event`` is the only writer. It costs one INSERT (the agency of an object
that has none of its own is resolved by a subquery inside that INSERT) and it
never raises: a request whose audit row cannot be written is logged and goes on.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.db import models, router, transaction
from django.db.models import Subquery
from django.http import HttpRequest
from django.utils import timezone

from audit import client
from audit.models import AuditAction, AuditEvent, AuditEventQuerySet
from organizations.models import Agency

logger = logging.getLogger(__name__)

# Objects whose agency is a join away, by model label: the path to it. Add a line
# here when a new kind of object without an ``agency_id`` is recorded.
AGENCY_PATHS = {"tasks.evidence": "task__plan__agency"}


def record_event(
    *,
    action: AuditAction,
    request: HttpRequest | None = None,
    user: Any = None,
    username: str = "",
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int | None = None,
    object_label: str = "",
    agency_id: int | None = None,
    detail: dict[str, Any] | None = None,
    client_address: str | None = None,
) -> AuditEvent | None:
    """Record that ``user`` (default: the request's) did ``action`` on ``obj``.

    Explicit ``object_*`` and ``agency_id`` arguments override what ``obj`` gives
    (e.g. the id of an object just deleted). Returns None when the write failed.
    """
    try:
        event = AuditEvent(
            action=action,
            detail=detail or {},
            agency_id=agency_id if agency_id is not None else _agency_of(obj),
            **_who(request, user=user, username=username),
            **_where(request, client_address=client_address),
            **_what(obj, object_type=object_type, object_id=object_id, label=object_label),
        )
        _insert(event)
    except Exception:  # the audit log must never turn a user's request into a 500
        logger.exception("Audit event %s could not be recorded", action)
        return None
    return event


def _who(request: HttpRequest | None, *, user: Any, username: str) -> dict[str, Any]:
    if user is None:
        user = getattr(request, "user", None)
    if user is not None and not user.is_authenticated:
        user = None
    typed = username or (user.get_username() if user is not None else "")
    return {"user": user, "username": typed[:150]}


def _where(request: HttpRequest | None, *, client_address: str | None) -> dict[str, Any]:
    given = client.valid_address(client_address or "")
    if request is None:
        return {"client_address": given}
    return {
        "client_address": given or client.client_address(request),
        "user_agent": client.user_agent(request),
        "path": request.get_full_path()[:500],
    }


def _what(
    obj: models.Model | None, *, object_type: str, object_id: str | int | None, label: str
) -> dict[str, str]:
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = obj.pk if object_id is None else object_id
        label = label or str(obj)
    return {
        "object_type": object_type[:100],
        "object_id": "" if object_id is None else str(object_id)[:64],
        "object_label": label[:255],
    }


def _agency_of(obj: models.Model | None) -> int | Subquery | None:
    if obj is None:
        return None
    if isinstance(obj, Agency):
        return obj.pk
    if hasattr(obj, "agency_id"):
        return obj.agency_id
    path = AGENCY_PATHS.get(obj._meta.label_lower)
    if path is None or obj.pk is None:
        return None
    return Subquery(type(obj)._base_manager.filter(pk=obj.pk).values(path)[:1])


def _insert(event: AuditEvent) -> None:
    connection = transaction.get_connection(router.db_for_write(AuditEvent))
    if not connection.in_atomic_block:
        event.save(force_insert=True)
        return
    # Inside a caller's transaction a failed INSERT would doom the whole transaction
    # (PostgreSQL); a savepoint keeps the caller's work when the audit write fails.
    with transaction.atomic():
        event.save(force_insert=True)


def expired_events(*, now: dt.datetime | None = None) -> AuditEventQuerySet:
    """Events older than ``AUDIT_RETENTION_DAYS``."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.AUDIT_RETENTION_DAYS)
    return AuditEvent.objects.older_than(cutoff)


def purge_expired_events(*, now: dt.datetime | None = None) -> int:
    """Delete events past the retention period in one DELETE; returns how many went."""
    deleted, _by_model = expired_events(now=now).delete()
    return deleted
