"""Request types that views annotate with."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request that went through django-htmx's middleware, as every request here does."""

    htmx: HtmxDetails


class AuthenticatedHttpRequest(HttpRequest):
    """A request that passed ``login_required``: ``user`` is a signed-in user, never anonymous."""

    user: User
