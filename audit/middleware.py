"""Permission denials in the audit log, recorded after the fact; the response is untouched."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from audit.models import AuditAction
from audit.services import record_event

# URL arguments that name an object (the project's views, the admin, staged imports).
OBJECT_KWARGS = ("pk", "object_id", "token")


class AuditDenialMiddleware:
    """Record every 403, and every 404 on a URL that names an object.

    A 404 on an object URL is what a user gets for another agency's object (the
    project never confirms it exists with a 403), so probing shows up here too;
    404s on URLs that match no route are noise and are left out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code in (403, 404):
            self._record(request, response.status_code)
        return response

    def _record(self, request: HttpRequest, status: int) -> None:
        match = getattr(request, "resolver_match", None)
        kwargs = match.kwargs if match else {}
        object_id = next((kwargs[name] for name in OBJECT_KWARGS if name in kwargs), None)
        if status == 404 and object_id is None:
            return
        record_event(
            action=AuditAction.PERMISSION_DENIED if status == 403 else AuditAction.NOT_FOUND,
            request=request,
            object_type=match.view_name if match else "",
            object_id=object_id,
            detail={"method": request.method, "status": status},
        )
