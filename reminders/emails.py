"""The reminder digest: a template triplet under templates/emails/digest-*.

The same lines are what the bell and the notices page show (``reminders.views``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from reminders.models import ItemKind, ReminderItem
from tasks.models import ExtensionStatus

CONTENT_CHARS = 200
# Nobody reads a 5,000-line e-mail: the digest lists this many and links to the rest.
DIGEST_ITEM_LIMIT = 100
TASK_THRESHOLD_KINDS = frozenset({ItemKind.LEAD, ItemKind.DUE, ItemKind.OVERDUE})


@dataclass(frozen=True)
class DigestLine:
    """One item as the e-mail and the notices page show it; everything already formatted."""

    kind: str
    code: str
    content: str
    plan: str
    reason: str
    deadline: str
    unit: str
    url: str
    escalation: bool = False


@dataclass(frozen=True)
class DigestGroup:
    title: str
    lines: list[DigestLine]


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _date(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def reason(item: ReminderItem) -> str:
    """ "còn 3 ngày làm việc", "đến hạn hôm nay", "quá hạn 12 ngày làm việc", ..."""
    n, day = item.working_days, _date(item.deadline)
    if item.kind == ItemKind.LEAD:
        return _("còn %(n)d ngày làm việc") % {"n": n}
    if item.kind == ItemKind.DUE:
        return _("đến hạn hôm nay")
    if item.kind == ItemKind.OVERDUE:
        return _("quá hạn %(n)d ngày làm việc") % {"n": n}
    if item.kind == ItemKind.ESCALATION:
        return _("quá hạn %(n)d ngày làm việc, báo cáo Trưởng phòng và Văn phòng") % {"n": n}
    if item.kind == ItemKind.PERIOD_CUTOFF:
        if n == 0:
            return _("hôm nay chốt số liệu (%(day)s), đơn vị chưa gửi báo cáo") % {"day": day}
        return _("còn %(n)d ngày làm việc đến ngày chốt số liệu %(day)s") % {"n": n, "day": day}
    if item.kind == ItemKind.PERIOD_DUE:
        if n == 0:
            return _("hôm nay là hạn gửi báo cáo (%(day)s), đơn vị chưa gửi") % {"day": day}
        return _("còn %(n)d ngày làm việc đến hạn gửi báo cáo %(day)s") % {"n": n, "day": day}
    if item.kind == ItemKind.PERIOD_MISSING:
        return _("đến hạn gửi báo cáo %(day)s, các đơn vị chưa gửi: %(units)s") % {
            "day": day,
            "units": ", ".join(item.detail.splitlines()),
        }
    if item.kind == ItemKind.EXTENSION_REQUESTED:
        return _("đề nghị gia hạn đến %(day)s, chờ duyệt") % {"day": day}
    approved = item.threshold == f"decided-{ExtensionStatus.APPROVED}"
    if approved:
        return _("đề nghị gia hạn đến %(day)s đã được duyệt") % {"day": day}
    return _("đề nghị gia hạn đến %(day)s không được duyệt") % {"day": day}


def _shortened(text: str) -> str:
    # Plain slicing: imported text is NFC (importer/parsing normalises it), so no combining
    # mark is split, and Truncator's per-character walk was the costliest part of a digest.
    if len(text) <= CONTENT_CHARS:
        return text
    return text[: CONTENT_CHARS - 1].rstrip() + "…"


def item_line(item: ReminderItem) -> DigestLine:
    task = item.task
    if task is not None:
        content = _shortened(" ".join(task.content.split()))
        code, plan, url = task.code, task.plan.short_label(), task.get_absolute_url()
    else:
        period = item.period
        content = period.label if period else ""
        code, plan = "", _("Kỳ báo cáo")
        url = reverse("periods:detail", args=[period.pk]) if period else ""
    return DigestLine(
        kind=item.kind,
        code=code,
        content=content,
        plan=plan,
        reason=reason(item),
        deadline=_date(item.deadline),
        unit=item.unit.name if item.unit else "",
        url=absolute_url(url) if url else "",
        escalation=item.kind == ItemKind.ESCALATION,
    )


def digest_lines(items: Sequence[ReminderItem]) -> list[DigestLine]:
    """Lines in plan order; a task said twice (left from a busy day, then today) once."""
    lines: dict[tuple[str, str], DigestLine] = {}
    for item in items:  # in ledger order: the later threshold of a task wins
        group = "task" if item.kind in TASK_THRESHOLD_KINDS else item.kind
        lines[(item.subject, group)] = item_line(item)
    return sorted(lines.values(), key=lambda line: (line.plan, line.code, line.kind))


def digest_groups(lines: list[DigestLine]) -> list[DigestGroup]:
    groups: dict[str, list[DigestLine]] = {}
    for line in lines:
        groups.setdefault(line.plan, []).append(line)
    return [DigestGroup(title, group) for title, group in groups.items()]


def digest_context(lines: list[DigestLine], *, total: int, on: dt.date) -> dict:
    return {
        "day": _date(on),
        "groups": digest_groups(lines),
        "count": total,
        "more": max(total - len(lines), 0),
        "escalations": sum(line.escalation for line in lines),
        "notices_url": absolute_url(reverse("reminders:notices")),
        "tasks_url": absolute_url(reverse("tasks:mine")),
        "profile_url": absolute_url(reverse("reminders:profile")),
    }


def digest_message(
    address: str, lines: list[DigestLine], *, total: int, on: dt.date
) -> EmailMultiAlternatives:
    # Workers have no request to take a language from: reminders use the site's.
    with translation.override(settings.LANGUAGE_CODE):
        context = digest_context(lines, total=total, on=on)
        subject = render_to_string("emails/digest-subject.html", context)
        text = render_to_string("emails/digest-body-text.html", context)
        html = render_to_string("emails/digest-body-html.html", context)
    message = EmailMultiAlternatives(" ".join(subject.split()), text, to=[address])
    message.attach_alternative(html, "text/html")
    return message
