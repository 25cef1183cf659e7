"""Reporting periods: the list, the submission overview, submit / return / reopen actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from audit.models import AuditAction
from audit.services import record_event
from organizations.access import access_for
from organizations.models import Unit
from organizations.shortcuts import deny_unless_in
from periods import services
from periods.forms import ReopenForm, ReturnForm
from periods.models import PeriodSubmission, ReportingPeriod


@login_required
@require_safe
def period_list(request):
    periods = (
        ReportingPeriod.objects.visible_to(request.user)
        .with_open_state(on=timezone.localdate())
        .select_related("agency")
        .order_by("agency__name", "-year", "cutoff")
    )
    return render(request, "periods/period_list.html", {"periods": periods})


@login_required
@require_safe
def period_detail(request, pk: int):
    """Agency-wide readers see every unit; staff and unit heads see their own units."""
    periods = ReportingPeriod.objects.visible_to(request.user).select_related("agency")
    period = get_object_or_404(periods, pk=pk)
    access = access_for(request.user)
    rows = services.submission_overview(period=period)
    if not access.can_read_agency(period.agency_id):
        rows = [row for row in rows if row.unit.pk in access.unit_ids]
    can_manage = access.can_edit_agency(period.agency_id)
    context = {
        "period": period,
        "rows": rows,
        "submitted_count": sum(1 for row in rows if row.submission and row.submission.is_submitted),
        "head_unit_ids": access.head_unit_ids,
        "can_manage": can_manage,
        "is_open": period.is_open_for_staff(timezone.localdate()),
        "reopen_form": ReopenForm(initial={"until": period.reopened_until}) if can_manage else None,
        "return_form": ReturnForm() if can_manage else None,
    }
    return render(request, "periods/period_detail.html", context)


@login_required
@require_POST
def submit_report(request, pk: int):
    period = get_object_or_404(ReportingPeriod.objects.visible_to(request.user), pk=pk)
    unit = get_object_or_404(Unit, pk=request.POST.get("unit") or 0, agency_id=period.agency_id)
    try:
        services.submit_period_report(period=period, unit=unit, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã gửi báo cáo %(period)s.") % {"period": period.label})
    return redirect("periods:detail", pk=period.pk)


@login_required
@require_POST
def return_report(request, pk: int):
    submission = get_object_or_404(PeriodSubmission.objects.visible_to(request.user), pk=pk)
    form = ReturnForm(request.POST)
    try:
        services.return_submission(
            submission=submission,
            user=request.user,
            comment=form.cleaned_data["comment"] if form.is_valid() else "",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã trả lại báo cáo của %(unit)s.") % {"unit": submission.unit})
    return redirect("periods:detail", pk=submission.period_id)


@login_required
@require_POST
def reopen(request, pk: int):
    period = get_object_or_404(ReportingPeriod.objects.visible_to(request.user), pk=pk)
    deny_unless_in(ReportingPeriod.objects.editable_by(request.user), pk)
    form = ReopenForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Ngày không hợp lệ."))
        services.reopen_period(period=period, user=request.user, until=form.cleaned_data["until"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã cập nhật trạng thái mở của kỳ báo cáo."))
        record_event(
            action=AuditAction.for_period_opening(period.reopened_until),
            request=request,
            obj=period,
            detail={"until": period.reopened_until},
        )
    return redirect("periods:detail", pk=period.pk)
