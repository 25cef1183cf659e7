"""PAR Index pages: the sets, the criteria import (preview, confirm), the self-assessment
table, scoring and appraisal, and the .xlsx / .docx exports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from audit.models import AuditAction
from audit.services import record_event
from common.downloads import open_or_404, private_download
from common.http import AuthenticatedHttpRequest
from importer.parsing.document import ImportFileError
from importer.staging import StagedUpload, load_staged, stage_upload
from organizations.access import access_for
from organizations.models import Agency
from organizations.roles import TASK_READER_ROLES
from organizations.scoping import deny_unless
from organizations.shortcuts import run_with_messages
from par import services
from par.documents import (
    DOCX_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    assessment_document,
    assessment_workbook,
    read_criteria_file,
)
from par.forms import ConfirmForm, ManageForm, ScoreForm, UploadForm
from par.models import CriteriaSet, Criterion, CriterionEvidence
from par.selectors import assessment
from tasks.models import Evidence, Task, TaskStatus


@login_required
@require_safe
def set_list(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    # The accountant reads no PAR data (least privilege); say so rather than show nothing.
    deny_unless(access.has_role(*TASK_READER_ROLES) or bool(access.unit_ids))
    sets = CriteriaSet.objects.visible_to(request.user).select_related("agency")
    can_import = Agency.objects.editable_by(request.user).exists()
    return render(request, "par/set_list.html", {"sets": sets, "can_import": can_import})


def _import_agencies(user) -> QuerySet[Agency]:
    agencies = Agency.objects.editable_by(user).filter(is_active=True)
    deny_unless(bool(agencies))
    return agencies


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    agencies = _import_agencies(request.user)
    form = UploadForm(request.POST or None, request.FILES or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            staged = _stage(request, form)
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            return redirect("par:preview", token=staged.token)
    status = 400 if form.errors else 200
    return render(request, "par/upload.html", {"form": form}, status=status)


def _stage(request: AuthenticatedHttpRequest, form: UploadForm) -> StagedUpload:
    """Stage the upload and read it once; a file that cannot be read is not kept."""
    upload_file = form.cleaned_data["file"]
    staged = stage_upload(
        chunks=upload_file.chunks(),
        size=upload_file.size or 0,
        filename=upload_file.name or "",
        agency_id=form.cleaned_data["agency"].pk,
        user_id=request.user.pk,
    )
    try:
        read_criteria_file(staged.read_bytes(), filename=staged.filename)
    except ImportFileError:
        staged.discard()
        raise
    return staged


@login_required
@require_http_methods(["GET", "POST"])
def preview(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
    """What the file holds, its errors and warnings; confirming imports all of it or nothing."""
    agencies = {agency.pk: agency for agency in _import_agencies(request.user)}
    staged = load_staged(token, user_id=request.user.pk, agency_ids=agencies)
    if staged is None:
        raise Http404
    try:
        table = read_criteria_file(staged.read_bytes(), filename=staged.filename)
    except ImportFileError as error:
        staged.discard()
        messages.error(request, str(error))
        return redirect("par:upload")
    agency = agencies[staged.agency_id]
    initial = {"year": timezone.localdate().year}
    form = ConfirmForm(request.POST or None, agency_id=agency.pk, initial=initial)
    if request.method == "POST" and form.is_valid() and not table.errors:
        data = form.cleaned_data
        try:
            criteria_set = services.import_criteria(
                agency=agency,
                year=data["year"],
                level=data["level"],
                table=table,
                user=request.user,
                source_name=staged.filename,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            if data["plan"] is not None:
                criteria_set.plan = data["plan"]
                criteria_set.save(update_fields=["plan"])
            record_event(
                action=AuditAction.PAR_IMPORT,
                request=request,
                obj=criteria_set,
                detail={"file": staged.filename, "criteria": len(table.rows)},
            )
            staged.discard()
            messages.success(request, _("Đã nhập %(n)s tiêu chí.") % {"n": len(table.rows)})
            return redirect(criteria_set)
    context = {"form": form, "table": table, "staged": staged, "agency": agency}
    status = 400 if form.errors or (request.method == "POST" and table.errors) else 200
    return render(request, "par/preview.html", context, status=status)


def _fetch_set(user, pk: int) -> CriteriaSet:
    return get_object_or_404(
        CriteriaSet.objects.visible_to(user).select_related("agency", "plan"), pk=pk
    )


@login_required
@require_safe
def set_detail(request: HttpRequest, pk: int) -> HttpResponse:
    criteria_set = _fetch_set(request.user, pk)
    criteria = (
        Criterion.objects.filter(criteria_set=criteria_set)
        .with_permissions(request.user)
        .select_related("responsible_unit")
        .prefetch_related("evidence__task_evidence", "evidence__task")
        .order_by("position", "pk")
    )
    context = {
        "criteria_set": criteria_set,
        "table": assessment(criteria_set=criteria_set, criteria=criteria),
        "can_manage": access_for(request.user).can_edit_agency(criteria_set.agency_id),
    }
    return render(request, "par/set_detail.html", context)


def _fetch_criterion(user, pk: int) -> Criterion:
    rows = Criterion.objects.visible_to(user).with_permissions(user)
    rows = rows.select_related("criteria_set", "criteria_set__agency", "responsible_unit")
    return get_object_or_404(rows.prefetch_related("evidence"), pk=pk)


def _linkable(user, criterion: Criterion) -> tuple[QuerySet[Evidence], QuerySet[Task]]:
    """Task evidence files and done tasks of the set's CCHC plan the user may link."""
    plan_id = criterion.criteria_set.plan_id
    if plan_id is None:
        return Evidence.objects.none(), Task.objects.none()
    files = Evidence.objects.visible_to(user).filter(task__plan_id=plan_id).select_related("task")
    tasks = Task.objects.visible_to(user).filter(plan_id=plan_id, status=TaskStatus.DONE)
    return files.order_by("task__position", "pk"), tasks.actionable().order_by("position")


@login_required
@require_http_methods(["GET", "POST"])
def score(request: HttpRequest, pk: int) -> HttpResponse:
    """The criterion's page: guidance, evidence, the self-score form for who may score."""
    criterion = _fetch_criterion(request.user, pk)
    is_parent = criterion.children.exists()
    if request.method == "POST":
        deny_unless(criterion.user_can_score)
        if is_parent:
            messages.error(request, _("Chỉ chấm điểm ở tiêu chí thành phần; điểm mục cha là tổng."))
            return redirect(criterion)
    files, tasks = _linkable(request.user, criterion)
    initial = {"score": criterion.self_score, "explanation": criterion.explanation}
    form = ScoreForm(
        request.POST or None,
        request.FILES or None,
        task_evidence=files,
        tasks=tasks,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.score_criterion(
                criterion=criterion,
                user=request.user,
                self_score=form.self_score(),
                files=form.cleaned_data["evidence"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, _("Đã lưu điểm tự chấm."))
            return redirect(criterion.criteria_set)
    can_manage = access_for(request.user).can_edit_agency(criterion.criteria_set.agency_id)
    context = {
        "criterion": criterion,
        "form": form if criterion.user_can_score and not is_parent else None,
        "manage_form": ManageForm(
            agency_id=criterion.criteria_set.agency_id,
            initial={
                "responsible_unit": criterion.responsible_unit,
                "suggestion": criterion.suggestion,
                "appraised_score": criterion.appraised_score,
            },
        )
        if can_manage
        else None,
    }
    return render(request, "par/criterion.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def manage(request: HttpRequest, pk: int) -> HttpResponse:
    """The Văn phòng: responsible unit, suggestion source and the appraised score."""
    criterion = _fetch_criterion(request.user, pk)
    deny_unless(access_for(request.user).can_edit_agency(criterion.criteria_set.agency_id))
    form = ManageForm(request.POST, agency_id=criterion.criteria_set.agency_id)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(criterion)
    data = form.cleaned_data
    run_with_messages(
        request,
        lambda: services.manage_criterion(
            criterion=criterion,
            user=request.user,
            responsible_unit=data["responsible_unit"],
            suggestion=data["suggestion"] or "",
            appraised_score=data["appraised_score"],
        ),
        success=_("Đã lưu."),
    )
    return redirect(criterion)


def _export(request: HttpRequest, pk: int, *, fmt: str) -> HttpResponse:
    criteria_set = _fetch_set(request.user, pk)
    table = assessment(criteria_set=criteria_set)
    if fmt == "docx":
        body = assessment_document(table, day=timezone.localdate())
        content_type = DOCX_CONTENT_TYPE
    else:
        body, content_type = assessment_workbook(table), XLSX_CONTENT_TYPE
    response = HttpResponse(body, content_type=content_type)
    name = f"chi-so-cchc-{criteria_set.year}-{criteria_set.pk}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    record_event(
        action=AuditAction.PAR_EXPORT, request=request, obj=criteria_set, detail={"format": fmt}
    )
    return response


@login_required
@require_safe
@private_download
def export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    return _export(request, pk, fmt="xlsx")


@login_required
@require_safe
@private_download
def export_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _export(request, pk, fmt="docx")


@login_required
@require_safe
@private_download
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    evidence = get_object_or_404(
        CriterionEvidence.objects.visible_to(request.user).exclude(file=""), pk=pk
    )
    handle = open_or_404(evidence.file)
    record_event(
        action=AuditAction.EVIDENCE_DOWNLOAD,
        request=request,
        obj=evidence,
        detail={"criterion": evidence.criterion_id},
    )
    return FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
