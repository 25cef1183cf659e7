"""The client's address as the outermost trusted proxy saw it (django-axes asks for it).

Behind a reverse proxy every request comes from the proxy's address, so locking out by
``REMOTE_ADDR`` would lock out everybody at once. ``X-Forwarded-For`` is only believed when
the deployment says how many proxies stand in front of the app (``TRUSTED_PROXY_COUNT``):
each proxy appends the address it received the request from, so the entry that many places
from the right was written by our outermost proxy; everything to its left came from the
client and may be forged. With no trusted proxy (the default) the header is ignored.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _meta_key(header: str) -> str:
    return "HTTP_" + header.upper().replace("-", "_")


def client_ip(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    raw = request.META.get(_meta_key(settings.CLIENT_IP_HEADER), "")
    hops = [hop.strip() for hop in raw.split(",") if hop.strip()]
    if len(hops) < count:
        return remote  # did not come through the whole proxy chain
    candidate = hops[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
