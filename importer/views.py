"""Upload → preview → confirm. Coordinators and admins of an agency only (403 otherwise).

A staged upload is previewed and confirmed by the user who uploaded it only (404 otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from audit.models import AuditAction
from audit.services import record_event
from common.downloads import private_download
from common.http import AuthenticatedHttpRequest
from importer.apply import apply_import
from importer.forms import ConfirmImportForm, ReassignAgencyForm, UploadForm
from importer.parsing.document import ImportFileError
from importer.presenters import preview_context
from importer.preview import ImportPreview, agency_named_by, build_preview, stage_checked_upload
from importer.reporting import result_counts, result_summary
from importer.resources import export_plan_csv, export_plan_xlsx
from importer.staging import StagedUpload, load_staged, restage
from organizations.models import Agency
from organizations.scoping import deny_unless
from plans.models import Plan

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _import_agencies(user) -> QuerySet[Agency]:
    """Agencies the user may import into; nobody else gets past this (403)."""
    agencies = Agency.objects.editable_by(user).filter(is_active=True)
    deny_unless(bool(agencies))  # fetches the rows once; the form and the preview reuse them
    return agencies


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    agencies = _import_agencies(request.user)
    form = UploadForm(request.POST or None, request.FILES or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            staged, _preview = stage_checked_upload(
                upload=form.cleaned_data["file"],
                agency=form.cleaned_data["agency"],
                user_id=request.user.pk,
            )
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            return redirect("importer:preview", token=staged.token)
    status = 400 if form.errors else 200
    context = {"form": form, "max_mb": settings.UPLOAD_MAX_MB}
    return render(request, "importer/upload.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def preview(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
    agencies = {agency.pk: agency for agency in _import_agencies(request.user)}
    staged = load_staged(token, user_id=request.user.pk, agency_ids=agencies)
    if staged is None:
        raise Http404
    data = staged.read_bytes()
    try:
        parsed = build_preview(
            agency=agencies[staged.agency_id], data=data, filename=staged.filename
        )
    except ImportFileError as error:
        staged.discard()
        messages.error(request, str(error))
        return redirect("importer:upload")
    form = ConfirmImportForm(request.POST or None, preview=parsed)
    if request.method == "POST" and form.is_valid():
        result = apply_import(
            preview=parsed,
            metadata=form.metadata(),
            plan_kind=form.cleaned_data["kind"],
            decisions=form.decisions(),
            area_leads=form.area_leads(),
            user=request.user,
            source_bytes=data,
        )
        record_event(
            action=AuditAction.PLAN_IMPORT,
            request=request,
            obj=result.plan,
            detail={"file": staged.filename, **result_counts(result)},
        )
        staged.discard()
        messages.success(request, result_summary(result))
        return redirect(result.plan)
    context = {
        **preview_context(parsed),
        "form": form,
        "staged": staged,
        "agency_choice": _agency_choice(parsed, list(agencies.values())),
    }
    return render(request, "importer/preview.html", context, status=400 if form.errors else 200)


@dataclass(frozen=True)
class AgencyChoice:
    """The preview's agency select, and the agency the document names when it is another."""

    form: ReassignAgencyForm
    suggested: Agency | None


def _agency_choice(preview: ImportPreview, agencies: list[Agency]) -> AgencyChoice | None:
    """Only someone who may import into several agencies has a choice to make."""
    if len(agencies) < 2:
        return None
    form = ReassignAgencyForm(agencies=agencies, initial={"agency": preview.agency.pk})
    named = agency_named_by(preview, agencies)
    return AgencyChoice(form, named if named != preview.agency else None)


@login_required
@require_http_methods(["POST"])
def reassign(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
    """Stage the same file for another of the user's agencies; the preview then reads it anew."""
    agencies = list(_import_agencies(request.user))
    staged = _own_staged(token, user_id=request.user.pk, agencies=agencies)
    form = ReassignAgencyForm(request.POST, agencies=agencies)
    if not form.is_valid():
        raise Http404  # not one of the user's agencies, like any object out of scope
    staged = restage(staged, agency_id=form.cleaned_data["agency"])
    chosen = next(agency for agency in agencies if agency.pk == staged.agency_id)
    messages.info(
        request,
        _("Tệp sẽ được nhập vào %(agency)s; bản xem trước đã được đọc lại theo cơ quan này.")
        % {"agency": chosen.name},
    )
    return redirect("importer:preview", token=staged.token)


def _own_staged(token: str, *, user_id: int, agencies: list[Agency]) -> StagedUpload:
    staged = load_staged(token, user_id=user_id, agency_ids=[agency.pk for agency in agencies])
    if staged is None:
        raise Http404
    return staged


@login_required
@require_http_methods(["GET"])
@private_download
def export_plan(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The plan in the appendix column shape (.xlsx with its header facts, or the table as CSV)."""
    plan = get_object_or_404(Plan.objects.editable_by(request.user).select_related("agency"), pk=pk)
    if fmt == "csv":
        content, mime = export_plan_csv(plan), "text/csv; charset=utf-8"
    else:
        content, mime = export_plan_xlsx(plan), XLSX_MIME
    response = HttpResponse(content, content_type=mime)
    name = f"ke-hoach-{plan.pk}-{plan.year}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    record_event(action=AuditAction.PLAN_EXPORT, request=request, obj=plan, detail={"format": fmt})
    return response
