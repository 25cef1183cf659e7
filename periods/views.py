"""Reporting periods: the list, the submission overview, submit / return / reopen actions."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from audit.models import AuditAction
from audit.services import record_event
from organizations.access import access_for
from organizations.models import Unit
from organizations.scoping import deny_unless
from organizations.shortcuts import run_with_messages
from periods import services
from periods.forms import ReopenForm, ReturnForm, SubmitForm
from periods.models import PeriodSubmission, PeriodSubmissionQuerySet, ReportingPeriod
from tasks.selectors import UnitSubmissionRow, submission_overview, unit_report_readiness


@login_required
@require_safe
def period_list(request: HttpRequest) -> HttpResponse:
    periods = (
        ReportingPeriod.objects.visible_to(request.user)
        .with_open_state(on=timezone.localdate())
        .select_related("agency")
        .order_by("agency__name", "-year", "cutoff")
    )
    return render(request, "periods/period_list.html", {"periods": periods})


@dataclass(frozen=True)
class OverviewLine:
    """A row of the overview with what the viewer may do on it (decided here, not in HTML)."""

    row: UnitSubmissionRow
    can_submit: bool
    can_return: bool


@login_required
@require_safe
def period_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Task readers see every unit; staff and unit heads see their own units."""
    periods = ReportingPeriod.objects.visible_to(request.user).select_related("agency")
    period = get_object_or_404(periods, pk=pk)
    access = access_for(request.user)
    rows = submission_overview(period=period)
    if not access.can_read_agency(period.agency_id, roles=PeriodSubmissionQuerySet.read_roles):
        rows = [row for row in rows if row.unit.pk in access.unit_ids]
    can_manage = access.can_edit_agency(period.agency_id)
    context = {
        "period": period,
        "rows": rows,
        "lines": [_overview_line(row, access.head_unit_ids, can_manage) for row in rows],
        "submitted_count": sum(1 for row in rows if row.submission and row.submission.is_submitted),
        "can_manage": can_manage,
        "is_open": period.is_open_for_staff(timezone.localdate()),
        "reopen_form": ReopenForm(initial={"until": period.reopened_until}) if can_manage else None,
        "return_form": ReturnForm() if can_manage else None,
    }
    return render(request, "periods/period_detail.html", context)


def _overview_line(
    row: UnitSubmissionRow, head_unit_ids: frozenset[int], can_manage: bool
) -> OverviewLine:
    submitted = row.submission is not None and row.submission.is_submitted
    return OverviewLine(
        row,
        can_submit=row.unit.pk in head_unit_ids and not submitted,
        can_return=can_manage and submitted,
    )


def _submitted_unit(request: HttpRequest, period: ReportingPeriod, data) -> Unit:
    form = SubmitForm(data, units=Unit.objects.filter(agency_id=period.agency_id))
    if not form.is_valid():
        # A unit of another agency, a deleted one or a tampered value: nothing to submit.
        raise Http404(_("Không tìm thấy đơn vị."))
    return form.cleaned_data["unit"]


@login_required
@require_safe
def submit_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """The step before "Gửi báo cáo": which lead tasks have no update, or why it is locked."""
    period = get_object_or_404(ReportingPeriod.objects.visible_to(request.user), pk=pk)
    unit = _submitted_unit(request, period, request.GET)
    deny_unless(unit.pk in access_for(request.user).head_unit_ids)
    context = {
        "period": period,
        "unit": unit,
        "readiness": unit_report_readiness(period=period, unit=unit),
        "refusal": period.submission_refusal(timezone.localdate()),
        "submission": PeriodSubmission.objects.filter(period=period, unit=unit).first(),
    }
    return render(request, "periods/submit_confirm.html", context)


@login_required
@require_POST
def submit_report(request: HttpRequest, pk: int) -> HttpResponse:
    period = get_object_or_404(ReportingPeriod.objects.visible_to(request.user), pk=pk)
    unit = _submitted_unit(request, period, request.POST)
    run_with_messages(
        request,
        lambda: services.submit_period_report(period=period, unit=unit, user=request.user),
        success=_("Đã gửi báo cáo kỳ %(period)s.") % {"period": period.label},
    )
    return redirect("periods:detail", pk=period.pk)


@login_required
@require_POST
def return_report(request: HttpRequest, pk: int) -> HttpResponse:
    submissions = PeriodSubmission.objects.visible_to(request.user).select_related("unit")
    submission = get_object_or_404(submissions, pk=pk)
    form = ReturnForm(request.POST)
    run_with_messages(
        request,
        lambda: services.return_submission(
            submission=submission,
            user=request.user,
            comment=form.cleaned_data["comment"] if form.is_valid() else "",
        ),
        success=_("Đã trả lại báo cáo của %(unit)s.") % {"unit": submission.unit},
    )
    return redirect("periods:detail", pk=submission.period_id)


@login_required
@require_POST
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    period = get_object_or_404(ReportingPeriod.objects.visible_to(request.user), pk=pk)
    deny_unless(ReportingPeriod.objects.editable_by(request.user).contains(period))
    form = ReopenForm(request.POST)

    def reopen_until() -> None:
        if not form.is_valid():
            raise ValidationError(_("Ngày không hợp lệ."))
        services.reopen_period(period=period, user=request.user, until=form.cleaned_data["until"])

    done = run_with_messages(
        request, reopen_until, success=_("Đã cập nhật trạng thái mở của kỳ báo cáo.")
    )
    if done:
        record_event(
            action=AuditAction.for_period_opening(period.reopened_until),
            request=request,
            obj=period,
            detail={"until": period.reopened_until},
        )
    return redirect("periods:detail", pk=period.pk)
