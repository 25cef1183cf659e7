"""Query-count regression checks, as djangoproject.com writes them: a page makes the same,
pinned number of queries before and after its data grows."""

from __future__ import annotations

from collections.abc import Callable


def assert_flat_queries(
    client, url: str, *, expected: int, grow: Callable[[], object], django_assert_num_queries
):
    """GET ``url`` with ``expected`` queries, call ``grow()``, and GET it again with as many."""
    client.get(url)  # warm the session
    with django_assert_num_queries(expected):
        client.get(url)
    grow()
    with django_assert_num_queries(expected):
        return client.get(url)
