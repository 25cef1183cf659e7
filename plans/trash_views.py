"""The trash (Thùng rác): deleting a plan, the agency's deleted plans, and restoring one.

Kept apart from ``plans.views`` so the plan pages and the trash change independently.
Only the agency's editors (coordinator, admin) reach any of it; anyone else gets 404,
as for an object they do not see.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from organizations.access import access_for
from organizations.shortcuts import run_with_messages
from plans import services
from plans.forms import ConfirmForm
from plans.models import Plan


def _confirmed(request: HttpRequest) -> bool:
    form = ConfirmForm(request.POST)
    if form.is_valid():
        return True
    messages.error(request, " ".join(str(error) for error in form.errors["confirm"]))
    return False


@login_required
@require_safe
def plan_trash(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    if not (access.is_superuser or access.editable_agency_ids):
        raise Http404(_("Không tìm thấy trang."))
    plans = (
        Plan.objects.trash_of(request.user)
        .select_related("agency", "deleted_by")
        .order_by("-deleted_at", "pk")
    )
    context = {"plans": plans, "retention_days": settings.PLAN_RETENTION_DAYS}
    return render(request, "plans/plan_trash.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def plan_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST moves the plan to the trash."""
    plan = get_object_or_404(Plan.objects.editable_by(request.user).select_related("agency"), pk=pk)
    if request.method != "POST":
        context = {"plan": plan, "retention_days": settings.PLAN_RETENTION_DAYS}
        return render(request, "plans/plan_delete.html", context)
    if not _confirmed(request):
        return redirect("plans:delete", pk=plan.pk)
    run_with_messages(
        request,
        lambda: services.delete_plan(plan=plan, request=request),
        success=_("Đã chuyển kế hoạch “%(plan)s” vào thùng rác.") % {"plan": plan.title},
    )
    return redirect("plans:trash")


@login_required
@require_POST
def plan_restore(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.trash_of(request.user), pk=pk)
    if not _confirmed(request):
        return redirect("plans:trash")
    run_with_messages(
        request,
        lambda: services.restore_plan(plan=plan, request=request),
        success=_("Đã khôi phục kế hoạch “%(plan)s”.") % {"plan": plan.title},
    )
    return redirect(plan)
