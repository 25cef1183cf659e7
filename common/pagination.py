"""One page of a list screen, the same size everywhere."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest

PAGE_SIZE = 25


def page_of(request: HttpRequest, items: QuerySet | Sequence, *, count: int | None = None) -> Page:
    """The page ``?page=`` asks for; a missing, junk or too large number gives a real page.

    ``count``: the number of ``items`` when the caller knows it already (a list's bucket
    counts sum to it), which spares the ``COUNT(*)`` query.
    """
    paginator = Paginator(items, PAGE_SIZE)
    if count is not None:
        paginator.count = count  # overrides the cached property before it is ever read
    return paginator.get_page(request.GET.get("page"))


def page_of_rows(
    request: HttpRequest,
    ordered: QuerySet,
    *,
    rows: Callable[[list], Iterable[Model]],
    count: int | None = None,
) -> Page:
    """``page_of`` in two steps: the page's ids by ``ordered`` (filtered and sorted, and
    only its ids read), then ``rows(ids)`` reads just those rows with everything the page
    draws, put back in the order of ``ordered``.

    A list's costly columns (annotations, joins) are then computed for 25 rows, not for
    every row the database sorts to find them: 22 -> 7 ms for a unit's 2,000 tasks.
    """
    page = page_of(request, ordered.values_list("pk", flat=True), count=count)
    ids = list(page.object_list)
    by_pk = {row.pk: row for row in rows(ids)}
    page.object_list = [by_pk[pk] for pk in ids if pk in by_pk]
    return page
