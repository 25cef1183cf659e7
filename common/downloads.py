"""Responses that carry an agency's private files: never kept by a proxy or the browser cache.

Evidence files and plan exports (and the report downloads to come) are served only by
permission-checking views; a shared proxy or a browser cache on a shared office computer
must not keep a copy for the next person. Decorate every such view with
:func:`private_download`.
"""

from __future__ import annotations

from django.core.files import File
from django.db.models.fields.files import FieldFile
from django.http import Http404
from django.views.decorators.cache import cache_control

# "Cache-Control: private, no-store": no shared cache may store it, nor the browser's.
private_download = cache_control(private=True, no_store=True)


def open_stored(stored: FieldFile) -> File | None:
    """The stored file opened for reading, or None when it is no longer in storage (a
    restore without the media folder, a file removed by hand): the caller says so, never
    a 500."""
    try:
        return stored.open("rb")
    except FileNotFoundError:
        return None


def open_or_404(stored: FieldFile) -> File:
    """:func:`open_stored`, a missing file being a 404 (the row is there, its file is not)."""
    handle = open_stored(stored)
    if handle is None:
        raise Http404
    return handle
