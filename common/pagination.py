"""One page of a list screen, the same size everywhere."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PAGE_SIZE = 25


def page_of(request: HttpRequest, items: QuerySet | Sequence) -> Page:
    """The page ``?page=`` asks for; a missing, junk or too large number gives a real page."""
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
