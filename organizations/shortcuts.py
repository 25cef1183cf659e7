"""View helpers for the project's one rule: out of scope is 404, in scope but not allowed is 403."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet


def deny_unless_in(allowed: QuerySet, pk: int) -> None:
    """Raise 403 unless the object ``pk`` is in ``allowed`` (e.g. ``editable_by(user)``).

    Call it after fetching the object through ``visible_to(user)`` (which gives the 404).
    """
    if not allowed.filter(pk=pk).exists():
        raise PermissionDenied
