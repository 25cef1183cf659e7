"""Reminder pages: the bell and notices of every user, the profile opt-out, and the
agency's settings and send log for its coordinators."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from common.http import AuthenticatedHttpRequest
from common.pagination import page_of
from organizations.access import access_for
from organizations.models import Agency
from organizations.scoping import deny_unless
from reminders import services
from reminders.emails import item_line
from reminders.forms import DigestPreferenceForm, ReminderSettingsForm
from reminders.models import Digest, DigestOptOut, ReminderItem, ReminderSettings


@login_required
@require_safe
def bell(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The navigation bell: the count of unread notices (loaded by htmx after the page)."""
    count = ReminderItem.objects.for_user(request.user).unread().count()
    return render(request, "reminders/_bell.html", {"count": count})


@login_required
@require_safe
def notices(request: AuthenticatedHttpRequest) -> HttpResponse:
    mine = ReminderItem.objects.for_user(request.user).select_related(
        "task__plan", "unit", "period"
    )
    page = page_of(request, mine)
    items = list(page.object_list)
    rows = [(item, item_line(item)) for item in items]
    return render(request, "reminders/notices.html", {"page": page, "rows": rows})


@login_required
@require_POST
def mark_read(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    """One notice (404 unless it is the user's) or all of them."""
    if pk is not None:
        get_object_or_404(ReminderItem.objects.for_user(request.user), pk=pk)
    services.mark_read(user=request.user, item_id=pk)
    return redirect("reminders:notices")


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The user's profile: who they are, and whether they want the daily digest."""
    opted_out = DigestOptOut.objects.filter(user=request.user).exists()
    initial = {"digests": "off" if opted_out else "on"}
    form = DigestPreferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.set_digest_opt_out(
            user=request.user, opted_out=form.cleaned_data["digests"] == "off"
        )
        messages.success(request, _("Đã lưu lựa chọn nhận thư nhắc hạn."))
        return redirect("reminders:profile")
    memberships = request.user.memberships.filter(is_active=True).select_related("agency", "unit")
    return render(request, "reminders/profile.html", {"form": form, "memberships": memberships})


def _managed_agency(request: AuthenticatedHttpRequest, agency_id: int) -> Agency:
    """404 outside the user's agencies; 403 for members who are not its coordinators."""
    agency = get_object_or_404(Agency.objects.visible_to(request.user), pk=agency_id)
    deny_unless(access_for(request.user).can_edit_agency(agency.pk))
    return agency


@login_required
@require_safe
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The menu entry: the settings of the (first) agency the user coordinates."""
    editable = sorted(access_for(request.user).editable_agency_ids)
    deny_unless(bool(editable))
    return redirect("reminders:settings", agency_id=editable[0])


@login_required
@require_http_methods(["GET", "POST"])
@transaction.atomic
def agency_settings(request: AuthenticatedHttpRequest, agency_id: int) -> HttpResponse:
    agency = _managed_agency(request, agency_id)
    current = ReminderSettings.objects.filter(agency=agency).first() or ReminderSettings(
        agency=agency
    )
    form = ReminderSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu cài đặt nhắc hạn."))
        return redirect("reminders:settings", agency_id=agency.pk)
    return render(request, "reminders/settings.html", {"agency": agency, "form": form})


@login_required
@require_safe
def send_log(request: AuthenticatedHttpRequest, agency_id: int) -> HttpResponse:
    """Every digest of the agency, newest first, failures with their error."""
    agency = _managed_agency(request, agency_id)
    digests = Digest.objects.filter(agency=agency).order_by("-day", "-pk")
    if request.GET.get("failed"):
        digests = digests.filter(status="failed")
    page = page_of(request, digests)
    return render(request, "reminders/send_log.html", {"agency": agency, "page": page})
