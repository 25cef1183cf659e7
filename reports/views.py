"""The Reports page: start a report, watch it (htmx), download it, retry a failure, settings.

Only the agency's leaders and coordinators (and province viewers above it) reach any of
it; everybody else gets 404, as for a report that does not exist.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from audit.models import AuditAction
from audit.services import record_event
from common.downloads import open_stored, private_download
from common.pagination import page_of
from organizations.access import access_for
from organizations.models import Agency
from organizations.roles import Role
from organizations.scoping import deny_unless
from organizations.shortcuts import run_with_messages
from periods.models import ReportingPeriod
from plans.models import Plan
from reports import services
from reports.forms import RangeReportForm, ReportRequestForm, ReportSettingsForm
from reports.models import ReportJob, ReportKind, ReportSettings
from reports.spreadsheet import XLSX_CONTENT_TYPE

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _agencies(request: HttpRequest):
    """Agencies whose reports the user reads; 404 for a user who reads none."""
    agencies = Agency.objects.visible_to(request.user)
    ids = services.reporting_agency_ids(request.user)
    if ids is not None:
        agencies = agencies.filter(pk__in=sorted(ids))
    if ids is not None and not ids:
        raise Http404(_("Không tìm thấy trang."))
    return agencies


def _request_form(request: HttpRequest, data=None) -> ReportRequestForm:
    agencies = _agencies(request)
    periods = (
        ReportingPeriod.objects.filter(agency__in=agencies)
        .select_related("agency")
        .order_by("agency__name", "-year", "cutoff")
    )
    plans = Plan.objects.not_deleted().filter(agency__in=agencies).order_by("-year", "number")
    initial = {"period": _default_period(periods)}
    return ReportRequestForm(data, periods=periods, plans=plans, initial=initial)


def _range_form(request: HttpRequest, data=None) -> RangeReportForm:
    agencies = _agencies(request).order_by("name")
    plans = Plan.objects.not_deleted().filter(agency__in=agencies).order_by("-year", "number")
    today = timezone.localdate()
    initial = {"range_start": today.replace(day=1), "range_end": today}
    return RangeReportForm(data, agencies=agencies, plans=plans, initial=initial)


def _default_period(periods) -> ReportingPeriod | None:
    """The period cut off most recently (the report leadership is waiting for)."""
    today = timezone.localdate()
    return periods.filter(cutoff__lt=today).order_by("-cutoff").first() or periods.first()


@login_required
@require_safe
def report_list(request: HttpRequest) -> HttpResponse:
    form = _request_form(request)
    range_form = _range_form(request)
    jobs = ReportJob.objects.visible_to(request.user).with_detail()
    coordinated = access_for(request.user).agencies_for({Role.COORDINATOR})
    editable = [a for a in _agencies(request) if request.user.is_superuser or a.pk in coordinated]
    context = {
        "form": form,
        "range_form": range_form,
        "page": page_of(request, jobs),
        "settings_agencies": editable,
    }
    return render(request, "reports/report_list.html", context)


@login_required
@require_POST
def start_report(request: HttpRequest) -> HttpResponse:
    """A period's report, or (``kind=range``) a custom range's: both are started here."""
    if request.POST.get("kind") == ReportKind.RANGE:
        return _start_range_report(request)
    form = _request_form(request, request.POST)
    if not form.is_valid():
        if "period" in form.errors:
            raise Http404(_("Không tìm thấy kỳ báo cáo."))
        messages.error(request, " ".join(str(m) for errors in form.errors.values() for m in errors))
        return redirect("reports:list")
    run_with_messages(
        request,
        lambda: services.request_report(
            period=form.cleaned_data["period"], plan=form.cleaned_data["plan"], user=request.user
        ),
        success=_("Đã bắt đầu tạo báo cáo; trang tự cập nhật khi xong."),
    )
    return redirect("reports:list")


def _start_range_report(request: HttpRequest) -> HttpResponse:
    form = _range_form(request, request.POST)
    if not form.is_valid():
        if "agency" in form.errors:
            raise Http404(_("Không tìm thấy cơ quan."))
        messages.error(request, " ".join(str(m) for errors in form.errors.values() for m in errors))
        return redirect("reports:list")
    cleaned = form.cleaned_data
    run_with_messages(
        request,
        lambda: services.request_range_report(
            agency=cleaned["agency"],
            start=cleaned["range_start"],
            end=cleaned["range_end"],
            plan=cleaned["range_plan"],
            user=request.user,
        ),
        success=_("Đã bắt đầu tạo báo cáo; trang tự cập nhật khi xong."),
    )
    return redirect("reports:list")


def _job(request: HttpRequest, pk: int) -> ReportJob:
    return get_object_or_404(ReportJob.objects.visible_to(request.user).with_detail(), pk=pk)


@login_required
@require_safe
def job_status(request: HttpRequest, pk: int) -> HttpResponse:
    """One row of the list, polled by htmx while the job waits or runs."""
    return render(request, "reports/_job_row.html", {"job": _job(request, pk)})


@login_required
@require_POST
def retry_report(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    run_with_messages(
        request,
        lambda: services.retry_report(job=job, user=request.user),
        success=_("Đã yêu cầu tạo lại báo cáo."),
    )
    return redirect("reports:list")


@login_required
@require_safe
@private_download
def download(request: HttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    job = _job(request, pk)
    stored = job.file if fmt == "docx" else job.spreadsheet
    if not job.is_done or not stored:
        raise Http404(_("Báo cáo chưa sẵn sàng."))
    handle = open_stored(stored)
    if handle is None:
        messages.error(
            request,
            _(
                "Tệp của báo cáo này không còn trên máy chủ (có thể do khôi phục dữ liệu "
                "hoặc dọn ổ đĩa). Hãy chọn lại kỳ báo cáo và bấm “Tạo báo cáo” để dựng lại."
            ),
        )
        return redirect("reports:list")
    filename = f"{job.file_stem()}.{fmt}"
    record_event(
        action=AuditAction.REPORT_DOWNLOAD,
        request=request,
        obj=job,
        object_label=filename,
        detail={"format": fmt, "period": job.period_id, "plan": job.plan_id, **_range_of(job)},
    )
    content_type = DOCX_CONTENT_TYPE if fmt == "docx" else XLSX_CONTENT_TYPE
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)


def _range_of(job: ReportJob) -> dict[str, str]:
    if not job.is_range:
        return {}
    return {"from": f"{job.range_start:%Y-%m-%d}", "to": f"{job.range_end:%Y-%m-%d}"}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report_settings(request: HttpRequest, agency_pk: int) -> HttpResponse:
    """The header, "Nơi nhận" and signer of an agency's reports: its coordinators edit them."""
    agency = get_object_or_404(_agencies(request), pk=agency_pk)
    access = access_for(request.user)
    deny_unless(access.is_superuser or agency.pk in access.agencies_for({Role.COORDINATOR}))
    instance = ReportSettings.of(agency)
    form = ReportSettingsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved._history_user = request.user
        saved.save()
        messages.success(
            request, _("Đã lưu thiết lập báo cáo của %(agency)s.") % {"agency": agency}
        )
        return redirect("reports:list")
    return render(request, "reports/settings.html", {"agency": agency, "form": form})
