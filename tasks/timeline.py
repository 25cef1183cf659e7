"""The history timeline of one task: who changed what and when, newest first.

Sources: the task's own history (content, deadline, extension date, and status
fields when changed outside a progress entry), the history of its progress entries
(per period), of its unit assignments, its extension requests and decisions, its
evidence uploads and send-backs. Three queries plus what ``with_detail`` prefetched.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from tasks.models import CommentKind, ExtensionStatus, Task, TaskAssignment, TaskProgress
from tasks.services import EXTENSION_REASON, MIRROR_REASON

TASK_FIELDS = (
    "content",
    "requirement",
    "deadline_text",
    "due_date",
    "extended_due_date",
    "status",
    "progress",
    "result",
    "difficulties",
    "proposals",
    "completed_on",
)
PROGRESS_FIELDS = ("status", "progress", "result", "difficulties", "proposals", "completed_on")


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class Event:
    when: dt.datetime
    who: str
    title: str
    changes: list[Change] = field(default_factory=list)
    note: str = ""


def _display(model, name: str, value) -> str:
    if value in (None, ""):
        return "—"
    model_field = model._meta.get_field(name)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    return text if len(text) <= 160 else text[:157] + "..."


def _who(user) -> str:
    if user is None:
        return _("Hệ thống")
    return user.get_full_name() or user.username


def _diff(model, old, new, names) -> list[Change]:
    changes = []
    for name in names:
        before, after = getattr(old, name) if old else None, getattr(new, name)
        if before != after and not (old is None and after in (None, "", 0)):
            label = str(model._meta.get_field(name).verbose_name).capitalize()
            changes.append(
                Change(label, _display(model, name, before), _display(model, name, after))
            )
    return changes


def _task_events(records: list) -> list[Event]:
    events, previous = [], None
    for record in records:
        if previous is None:
            events.append(Event(record.history_date, _who(record.history_user), _("Tạo nhiệm vụ")))
        elif record.history_change_reason not in (MIRROR_REASON, EXTENSION_REASON):
            changes = _diff(Task, previous, record, TASK_FIELDS)
            if changes:
                title = _("Sửa nhiệm vụ")
                events.append(Event(record.history_date, _who(record.history_user), title, changes))
        previous = record
    return events


def _progress_events(task: Task, created) -> list[Event]:
    """Changes of each entry; a period's first entry compares with the task as it stood.

    That is the previous entry of any period (the task mirrored it), or the task as
    created: "Chưa thực hiện → Đang thực hiện", never "— → Đang thực hiện".
    """
    records = TaskProgress.history.filter(task_id=task.pk).select_related("history_user", "period")
    events: list[Event] = []
    previous_by_entry: dict[int, object] = {}
    latest = created
    for record in records.order_by("history_date", "pk"):
        previous = previous_by_entry.get(record.id, latest)
        previous_by_entry[record.id] = latest = record
        changes = _diff(TaskProgress, previous, record, PROGRESS_FIELDS)
        if changes:
            title = _("Cập nhật tiến độ kỳ %(period)s") % {"period": record.period}
            events.append(Event(record.history_date, _who(record.history_user), title, changes))
    return events


def _assignment_events(task: Task) -> list[Event]:
    records = TaskAssignment.history.filter(task_id=task.pk).select_related("history_user", "unit")
    titles = {"+": _("Giao đơn vị %(unit)s (%(role)s)"), "-": _("Bỏ đơn vị %(unit)s (%(role)s)")}
    return [
        Event(
            record.history_date,
            _who(record.history_user),
            titles[record.history_type] % {"unit": record.unit, "role": record.get_role_display()},
        )
        for record in records
        if record.history_type in titles
    ]


def _extension_events(task: Task) -> list[Event]:
    events = []
    for extension in task.extensions.all():
        events.append(
            Event(
                extension.requested_at,
                _who(extension.requested_by),
                _("Đề nghị gia hạn đến %(date)s")
                % {"date": extension.requested_date.strftime("%d/%m/%Y")},
                note=extension.reason,
            )
        )
        if extension.decided_at:
            verdict = {
                ExtensionStatus.APPROVED: _("Duyệt gia hạn đến %(date)s"),
                ExtensionStatus.REJECTED: _("Không duyệt gia hạn đến %(date)s"),
            }[extension.status]
            events.append(
                Event(
                    extension.decided_at,
                    _who(extension.decided_by),
                    verdict % {"date": extension.requested_date.strftime("%d/%m/%Y")},
                    note=extension.decision_note,
                )
            )
    return events


def _evidence_and_send_back_events(task: Task) -> list[Event]:
    events = [
        Event(
            evidence.uploaded_at,
            _who(evidence.uploaded_by),
            _("Tải lên tài liệu kiểm chứng “%(name)s”") % {"name": evidence.original_name},
        )
        for evidence in task.evidence.all()
    ]
    events += [
        Event(
            comment.created_at, _who(comment.author), comment.get_kind_display(), [], comment.body
        )
        for comment in task.comments.all()
        if comment.kind == CommentKind.SEND_BACK
    ]
    return events


def build_timeline(task: Task) -> list[Event]:
    """Every event of the task, newest first; expects ``TaskQuerySet.with_detail``."""
    records = list(task.history.select_related("history_user").order_by("history_date", "pk"))
    events = (
        _task_events(records)
        + _progress_events(task, records[0] if records else None)
        + _assignment_events(task)
        + _extension_events(task)
        + _evidence_and_send_back_events(task)
    )
    return sorted(events, key=lambda event: event.when, reverse=True)
