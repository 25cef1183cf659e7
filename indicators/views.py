"""Indicator pages: a plan's indicators, one indicator's history, the entry form, settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from audit.models import AuditAction
from audit.services import record_event
from common.downloads import open_or_404, private_download
from indicators import services
from indicators.forms import SettingsForm, ValueForm
from indicators.models import Indicator, IndicatorEvidence
from indicators.selectors import indicator_history, indicator_rows
from organizations.access import access_for
from organizations.scoping import deny_unless
from organizations.shortcuts import run_with_messages
from periods.models import ReportingPeriod
from plans.models import Plan


def _fetch(user, pk: int) -> Indicator:
    rows = Indicator.objects.visible_to(user).with_permissions(user)
    rows = rows.select_related("plan", "plan__agency", "task", "area", "responsible_unit")
    return get_object_or_404(rows.prefetch_related("task__assignments__unit"), pk=pk)


@login_required
@require_safe
def plan_indicators(request: HttpRequest, plan_pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.visible_to(request.user), pk=plan_pk)
    rows = indicator_rows(
        indicators=Indicator.objects.visible_to(request.user).filter(plan=plan), user=request.user
    )
    return render(request, "indicators/plan_indicators.html", {"plan": plan, "rows": rows})


@login_required
@require_safe
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _fetch(request.user, pk)
    can_configure = access_for(request.user).can_edit_agency(indicator.plan.agency_id)
    settings_form = None
    if can_configure:
        settings_form = SettingsForm(
            agency_id=indicator.plan.agency_id,
            initial={"responsible_unit": indicator.responsible_unit, "source": indicator.source},
        )
    context = {
        "indicator": indicator,
        "history": indicator_history(indicator=indicator),
        "settings_form": settings_form,
    }
    return render(request, "indicators/indicator_detail.html", context)


def _entry_periods(user, indicator: Indicator):
    today = timezone.localdate()
    return (
        ReportingPeriod.objects.accepting_updates_from(user, on=today)
        .filter(agency_id=indicator.plan.agency_id)
        .order_by("cutoff")
    )


@login_required
@require_http_methods(["GET", "POST"])
def record_value(request: HttpRequest, pk: int) -> HttpResponse:
    """The responsible unit's (or the Văn phòng's) entry of one period's value."""
    indicator = _fetch(request.user, pk)
    deny_unless(indicator.user_can_record)
    periods = _entry_periods(request.user, indicator)
    if indicator.is_computed or not periods.exists():
        refusal = (
            _("Chỉ tiêu này được tính tự động từ dữ liệu nhiệm vụ.")
            if indicator.is_computed
            else _("Không có kỳ báo cáo nào đang mở để nhập số liệu.")
        )
        messages.error(request, refusal)
        return redirect(indicator)
    form = ValueForm(request.POST or None, request.FILES or None, periods=periods)
    if request.method == "POST" and form.is_valid() and _save(request, indicator, form):
        period = form.cleaned_data["period"]
        messages.success(request, _("Đã lưu số liệu kỳ %(period)s.") % {"period": period})
        return redirect(indicator)
    return render(request, "indicators/value_form.html", {"indicator": indicator, "form": form})


def _save(request: HttpRequest, indicator: Indicator, form: ValueForm) -> bool:
    try:
        services.record_value(
            indicator=indicator,
            period=form.cleaned_data["period"],
            user=request.user,
            actual=form.actual(),
            files=form.cleaned_data["evidence"],
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error.messages)
        return False
    return True


@login_required
@require_POST
def configure(request: HttpRequest, pk: int) -> HttpResponse:
    """The Văn phòng sets the responsible unit and whether the value is computed."""
    indicator = _fetch(request.user, pk)
    deny_unless(access_for(request.user).can_edit_agency(indicator.plan.agency_id))
    form = SettingsForm(request.POST, agency_id=indicator.plan.agency_id)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(indicator)
    run_with_messages(
        request,
        lambda: services.configure_indicator(
            indicator=indicator,
            user=request.user,
            responsible_unit=form.cleaned_data["responsible_unit"],
            source=form.cleaned_data["source"],
        ),
        success=_("Đã lưu thiết lập chỉ tiêu."),
    )
    return redirect(indicator)


@login_required
@require_safe
@private_download
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """Stream an indicator's evidence file to a user who may see the indicator (else 404)."""
    evidence = get_object_or_404(
        IndicatorEvidence.objects.visible_to(request.user).select_related("value"), pk=pk
    )
    handle = open_or_404(evidence.file)
    record_event(
        action=AuditAction.EVIDENCE_DOWNLOAD,
        request=request,
        obj=evidence,
        detail={"indicator": evidence.value.indicator_id},
    )
    return FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
