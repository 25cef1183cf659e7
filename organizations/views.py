from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from organizations.access import access_for
from organizations.navigation import landing_url_name


@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """Send each role to its place; a user with no role yet is told so plainly."""
    url_name = landing_url_name(access_for(request.user))
    if url_name is None:
        return render(request, "organizations/no_role.html", status=403)
    return redirect(url_name)
