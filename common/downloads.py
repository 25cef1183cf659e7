"""Responses that carry an agency's private files: never kept by a proxy or the browser cache.

Evidence files and plan exports (and the report downloads to come) are served only by
permission-checking views; a shared proxy or a browser cache on a shared office computer
must not keep a copy for the next person. Decorate every such view with
:func:`private_download`.
"""

from __future__ import annotations

from django.views.decorators.cache import cache_control

# "Cache-Control: private, no-store": no shared cache may store it, nor the browser's.
private_download = cache_control(private=True, no_store=True)
