"""Writes that touch several models: progress entries, evidence, comments, extensions.

Each function re-checks permission with the scoping QuerySet methods (views fetch
through them too) and runs in one transaction, so bad input leaves the database
as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organizations.access import access_for
from organizations.scoping import deny_unless
from periods.models import PeriodSubmission, ReportingPeriod, SubmissionStatus
from reminders.services import notify_extension_decided, notify_extension_requested
from tasks.evidence_check import EvidenceRejected, FileType, Problem, check_evidence
from tasks.models import (
    CommentKind,
    Evidence,
    Extension,
    ExtensionStatus,
    Task,
    TaskComment,
    TaskProgress,
    TaskStatus,
)

# history_change_reason of Task saves made by these services; the timeline uses them
# to avoid showing the same change twice (once on the entry, once on the mirror).
MIRROR_REASON = "progress"
EXTENSION_REASON = "extension"


def evidence_error_message(error: EvidenceRejected) -> str:
    messages = {
        Problem.EMPTY: _("Tệp “%(name)s” rỗng."),
        Problem.TOO_LARGE: _("Tệp “%(name)s” vượt quá dung lượng cho phép (%(mb)s MB)."),
        Problem.EXTENSION: _(
            "Tệp “%(name)s” không đúng định dạng cho phép (PDF, DOCX, XLSX, PNG, JPG)."
        ),
        Problem.CONTENT: _(
            "Nội dung tệp “%(name)s” không khớp với phần mở rộng của tệp; "
            "vui lòng tải lên đúng tệp PDF, Word, Excel hoặc ảnh."
        ),
    }
    return messages[error.problem] % {"name": error.name, "mb": settings.UPLOAD_MAX_MB}


def check_uploads(files: Sequence[UploadedFile]) -> list[tuple[UploadedFile, FileType]]:
    """Every file's type, or one ValidationError listing every refused file."""
    checked, errors = [], []
    for upload in files:
        try:
            file_type = check_evidence(
                name=upload.name,
                size=upload.size,
                max_bytes=settings.UPLOAD_MAX_MB * 1024 * 1024,
                stream=upload,
            )
        except EvidenceRejected as error:
            errors.append(evidence_error_message(error))
        else:
            checked.append((upload, file_type))
    if errors:
        raise ValidationError(errors)
    return checked


@dataclass(frozen=True)
class ProgressReport:
    status: str
    progress: int
    result: str = ""
    difficulties: str = ""
    proposals: str = ""
    completed_on: dt.date | None = None


def record_progress(
    *,
    task: Task,
    period: ReportingPeriod,
    user,
    report: ProgressReport,
    files: Sequence[UploadedFile] = (),
    on: dt.date | None = None,
) -> TaskProgress:
    """Write the task's entry for ``period``, attach evidence, and mirror the latest entry."""
    day = on or timezone.localdate()
    deny_unless(Task.objects.editable_by(user).contains(task))
    open_periods = ReportingPeriod.objects.accepting_updates_from(user, on=day)
    if not open_periods.filter(pk=period.pk, agency_id=task.plan.agency_id).exists():
        raise ValidationError(
            {"period": _("Kỳ báo cáo %(period)s đã chốt số liệu.") % {"period": period}}
        )
    done = report.status == TaskStatus.DONE
    if done and not report.result.strip():
        raise ValidationError({"result": _("Nhiệm vụ đã hoàn thành phải có kết quả thực hiện.")})
    checked = check_uploads(files)
    saved: list[Evidence] = []
    try:
        with transaction.atomic():
            entry, _created = TaskProgress.objects.update_or_create(
                task=task,
                period=period,
                defaults={
                    "status": report.status,
                    "progress": 100 if done else report.progress,
                    "result": report.result.strip(),
                    "difficulties": report.difficulties.strip(),
                    "proposals": report.proposals.strip(),
                    "completed_on": (report.completed_on or day) if done else None,
                    "updated_by": user,
                    "returned_at": None,
                },
            )
            for upload, file_type in checked:
                evidence = Evidence(
                    task=task,
                    period=period,
                    original_name=upload.name[:255],
                    content_type=file_type.content_type,
                    size=upload.size,
                    uploaded_by=user,
                )
                evidence.file.save(upload.name, upload, save=False)
                saved.append(evidence)
                evidence.save()
            mirror_latest_entry(task=task, user=user)
    except Exception:
        for evidence in saved:
            evidence.file.delete(save=False)
        raise
    return entry


def mirror_latest_entry(*, task: Task, user) -> None:
    """Copy the entry of the task's latest period onto the task (what lists and reports read)."""
    latest = task.progress_entries.order_by("-period__cutoff", "-updated_at").first()
    if latest is None:
        return
    for field in ("status", "progress", "result", "difficulties", "proposals", "completed_on"):
        setattr(task, field, getattr(latest, field))
    task._history_user = user
    task._change_reason = MIRROR_REASON
    task.save()


@transaction.atomic
def add_comment(*, task: Task, user, body: str) -> TaskComment:
    """A coordinating unit's note, or the Văn phòng's comment when the user edits the agency."""
    deny_unless(Task.objects.commentable_by(user).contains(task))
    editor = access_for(user).can_edit_agency(task.plan.agency_id)
    kind = CommentKind.COORDINATOR if editor else CommentKind.COORDINATION
    return TaskComment.objects.create(task=task, author=user, kind=kind, body=body.strip())


@dataclass(frozen=True)
class SentBack:
    comment: TaskComment
    returned_submissions: list[PeriodSubmission]


@transaction.atomic
def send_back_progress(*, entry: TaskProgress, user, comment: str) -> SentBack:
    """Return a unit's entry for completion; the lead units' period reports return too.

    A report with an entry the Văn phòng refused is not final any more, so the unit
    must correct the entry and send the report again (docs/task-reporting.md).
    """
    deny_unless(ReportingPeriod.objects.editable_by(user).filter(pk=entry.period_id).exists())
    entry.returned_at = timezone.now()
    entry._history_user = user
    entry.save(update_fields=["returned_at"])
    now = timezone.now()
    returned = list(
        PeriodSubmission.objects.filter(
            period_id=entry.period_id,
            unit__in=entry.task.lead_units,
            status=SubmissionStatus.SUBMITTED,
        ).select_related("unit")
    )
    for submission in returned:
        submission.status = SubmissionStatus.RETURNED
        submission.returned_by = user
        submission.returned_at = now
        submission.return_comment = comment.strip()
        submission._history_user = user
        submission.save()
    note = TaskComment.objects.create(
        task=entry.task,
        period_id=entry.period_id,
        author=user,
        kind=CommentKind.SEND_BACK,
        body=comment.strip(),
    )
    return SentBack(note, returned)


@transaction.atomic
def request_extension(
    *, task: Task, user, requested_date: dt.date, reason: str, on: dt.date | None = None
) -> Extension:
    day = on or timezone.localdate()
    deny_unless(Task.objects.extendable_by(user).contains(task))
    if task.extensions.filter(status=ExtensionStatus.PENDING).exists():
        raise ValidationError(_("Nhiệm vụ này đang có một đề nghị gia hạn chờ duyệt."))
    current = task.effective_due_date
    if requested_date <= max(filter(None, [current, day - dt.timedelta(days=1)])):
        raise ValidationError(
            {"requested_date": _("Ngày gia hạn phải sau thời hạn hiện tại và không ở quá khứ.")}
        )
    extension = Extension(
        task=task,
        requested_by=user,
        reason=reason.strip(),
        requested_date=requested_date,
        previous_due_date=current,
    )
    extension._history_user = user
    extension.save()
    notify_extension_requested(extension=extension)
    return extension


@transaction.atomic
def decide_extension(*, extension: Extension, user, approve: bool, note: str = "") -> Extension:
    """Approve (the task's effective deadline moves; the original stays) or reject."""
    deny_unless(Extension.objects.decidable_by(user).contains(extension))
    if not extension.is_pending:
        raise ValidationError(_("Đề nghị gia hạn này đã được xử lý."))
    if not approve and not note.strip():
        raise ValidationError({"note": _("Vui lòng nêu lý do không duyệt.")})
    extension.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REJECTED
    extension.decided_by = user
    extension.decided_at = timezone.now()
    extension.decision_note = note.strip()
    extension._history_user = user
    extension.save()
    if approve:
        task = extension.task
        task.extended_due_date = extension.requested_date
        task._history_user = user
        task._change_reason = EXTENSION_REASON
        task.save()
    notify_extension_decided(extension=extension)
    return extension
