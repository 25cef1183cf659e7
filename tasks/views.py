"""Task pages: the unit's list, the detail page with its inline update form, and actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
from common.http import HtmxHttpRequest
from common.pagination import page_of, page_of_rows
from organizations.access import access_for
from organizations.scoping import deny_unless
from organizations.shortcuts import run_with_messages
from periods.models import ReportingPeriod
from tasks import services
from tasks.filters import TaskFilter, as_of_day
from tasks.forms import (
    CommentForm,
    ExtensionDecisionForm,
    ExtensionRequestForm,
    ProgressForm,
    SendBackForm,
    progress_initial,
)
from tasks.headings import task_list_heading
from tasks.models import Evidence, Extension, ReportBucket, Task, TaskProgress
from tasks.timeline import build_timeline

if TYPE_CHECKING:  # django-stubs-ext is a development tool: the type checker alone reads it
    from django_stubs_ext import StrOrPromise


@login_required
@require_safe
def task_list(request: HttpRequest) -> HttpResponse:
    day = as_of_day(request.GET)
    tasks = (
        Task.objects.visible_to(request.user)
        .actionable()
        .with_timeliness(on=day)
        .order_by("-plan__year", "plan_id", "position")
    )
    filterset = TaskFilter(request.GET, queryset=tasks, request=request)
    counts = filterset.queryset_without("bucket").bucket_counts()
    page = page_of_rows(
        request,
        filterset.qs,
        count=filterset.count_from(counts),
        rows=lambda ids: (
            Task.objects.visible_to(request.user)  # the scope again: defence in depth
            .filter(pk__in=ids)
            .with_timeliness(on=day)
            .with_user_role(request.user)
            .for_list_rows()
            .with_returned_entry()
        ),
    )
    return render(
        request,
        "tasks/task_list.html",
        {
            "filter": filterset,
            "page": page,
            "buckets": _bucket_summary(counts),
            "counts": counts,
            "heading": task_list_heading(access_for(request.user)),
        },
    )


def _bucket_summary(counts: dict[str, int]) -> list[tuple[str, StrOrPromise, int]]:
    return [(bucket.value, bucket.label, counts[bucket.value]) for bucket in ReportBucket]


def _fetch(user, pk: int) -> Task:
    queryset = Task.objects.visible_to(user).with_detail().with_permissions(user)
    return get_object_or_404(queryset, pk=pk)


def _update_periods(user, task: Task):
    today = timezone.localdate()
    return (
        ReportingPeriod.objects.accepting_updates_from(user, on=today)
        .filter(agency_id=task.plan.agency_id)
        .order_by("cutoff")
    )


def _progress_form(user, task: Task) -> ProgressForm | None:
    choices = _update_periods(user, task)
    periods = list(choices)
    if not periods:
        return None
    today = timezone.localdate()
    # The current period is the one whose window holds today; a period the Văn phòng
    # reopened is only offered, or it would capture every update made while it is open.
    current = next((p for p in periods if p.start <= today <= p.cutoff), None)
    form = ProgressForm(
        periods=choices,  # validates a posted period (the field reads a fresh copy)
        initial=progress_initial(task, current),
        today=today,
    )
    form.draw_periods_from(periods)
    return form


def _detail_context(
    request: HttpRequest, task: Task, *, form: ProgressForm | None = None, notice: str = ""
) -> dict[str, object]:
    user, today = request.user, timezone.localdate()
    can_decide = access_for(user).can_edit_agency(task.plan.agency_id)
    pending = next((e for e in task.extensions.all() if e.is_pending), None)
    return {
        "task": task,
        "badges": task.row_badges(on=today),
        "bucket": task.bucket_on(today),
        "form": form or (_progress_form(user, task) if task.user_can_edit else None),
        "comment_form": CommentForm() if task.user_can_comment else None,
        "extension_form": ExtensionRequestForm() if task.user_can_extend and not pending else None,
        "pending_extension": pending,
        "decision_form": ExtensionDecisionForm() if pending and can_decide else None,
        "can_send_back": can_decide,
        "comments": [c for c in task.comments.all()],
        "timeline": build_timeline(task),
        "notice": notice,
    }


@login_required
@require_safe
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = _fetch(request.user, pk)
    return render(request, "tasks/task_detail.html", _detail_context(request, task))


@login_required
@require_http_methods(["GET", "POST"])
def task_update(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The update form; htmx swaps the page body, plain POST redirects (works without JS)."""
    task = _fetch(request.user, pk)
    deny_unless(task.user_can_edit)
    form = _progress_form(request.user, task)
    if form is None:
        messages.error(request, _("Không có kỳ báo cáo nào đang mở để cập nhật."))
        return redirect(task)
    if request.method == "POST":
        form = ProgressForm(
            request.POST,
            request.FILES,
            periods=form.fields["period"].queryset,
            initial=form.initial,
            today=timezone.localdate(),
        )
        if form.is_valid() and _save_progress(request, task, form):
            notice = _("Đã lưu cập nhật kỳ %(period)s.") % {"period": form.cleaned_data["period"]}
            if not request.htmx:
                messages.success(request, notice)
                return redirect(task)
            task, form = _fetch(request.user, pk), None
            return render(
                request, "tasks/_task_main.html", _detail_context(request, task, notice=notice)
            )
    template = "tasks/_task_main.html" if request.htmx else "tasks/task_detail.html"
    return render(request, template, _detail_context(request, task, form=form))


def _save_progress(request: HttpRequest, task: Task, form: ProgressForm) -> bool:
    try:
        services.record_progress(
            task=task,
            period=form.cleaned_data["period"],
            user=request.user,
            report=form.report(),
            files=form.cleaned_data["evidence"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


@login_required
@require_POST
def task_comment(request: HttpRequest, pk: int) -> HttpResponse:
    task = _fetch(request.user, pk)
    deny_unless(task.user_can_comment)
    form = CommentForm(request.POST)
    if form.is_valid():
        services.add_comment(task=task, user=request.user, body=form.cleaned_data["body"])
        messages.success(request, _("Đã gửi ý kiến."))
    else:
        messages.error(request, _("Vui lòng nhập nội dung ý kiến."))
    return redirect(task)


@login_required
@require_http_methods(["GET", "POST"])
def extension_request(request: HttpRequest, pk: int) -> HttpResponse:
    task = _fetch(request.user, pk)
    deny_unless(task.user_can_extend)
    form = ExtensionRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_extension(task=task, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã gửi đề nghị gia hạn, chờ Văn phòng duyệt."))
            return redirect(task)
    return render(request, "tasks/extension_form.html", {"task": task, "form": form})


@login_required
@require_POST
def extension_decide(request: HttpRequest, pk: int) -> HttpResponse:
    extension = get_object_or_404(Extension.objects.visible_to(request.user), pk=pk)
    deny_unless(Extension.objects.decidable_by(request.user).contains(extension))
    form = ExtensionDecisionForm(request.POST)

    def decide() -> None:
        if not form.is_valid():
            raise ValidationError(_("Vui lòng chọn duyệt hoặc không duyệt."))
        services.decide_extension(
            extension=extension,
            user=request.user,
            approve=form.approves,
            note=form.cleaned_data["note"],
        )

    run_with_messages(request, decide, success=_("Đã xử lý đề nghị gia hạn."))
    return redirect(extension.task)


@login_required
@require_safe
def extension_list(request: HttpRequest) -> HttpResponse:
    extensions = (
        Extension.objects.visible_to(request.user)
        .select_related("task", "task__plan", "requested_by", "decided_by")
        .order_by("status", "-requested_at")
    )
    return render(request, "tasks/extension_list.html", {"page": page_of(request, extensions)})


@login_required
@require_POST
def progress_send_back(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(
        TaskProgress.objects.visible_to(request.user).select_related("task", "period"), pk=pk
    )
    deny_unless(ReportingPeriod.objects.editable_by(request.user).contains(entry.period))
    form = SendBackForm(request.POST)
    if form.is_valid():
        sent = services.send_back_progress(
            entry=entry, user=request.user, comment=form.cleaned_data["comment"]
        )
        messages.success(request, _send_back_notice(sent))
    else:
        messages.error(request, _("Vui lòng nêu lý do trả lại."))
    return redirect(entry.task)


def _send_back_notice(sent: services.SentBack) -> str:
    if not sent.returned_submissions:
        return _("Đã trả lại để đơn vị bổ sung.")
    units = ", ".join(str(s.unit) for s in sent.returned_submissions)
    return _(
        "Đã trả lại để đơn vị bổ sung. Báo cáo kỳ của %(units)s cũng được trả lại; "
        "đơn vị bổ sung rồi gửi lại báo cáo."
    ) % {"units": units}


@login_required
@require_safe
@private_download
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """Stream a private evidence file to a user who may see its task (others get 404)."""
    evidence = get_object_or_404(Evidence.objects.visible_to(request.user), pk=pk)
    handle = open_or_404(evidence.file)
    record_event(
        action=AuditAction.EVIDENCE_DOWNLOAD,
        request=request,
        obj=evidence,
        detail={"task": evidence.task_id},
    )
    return FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
