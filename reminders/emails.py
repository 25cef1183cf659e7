"""The reminder e-mail: a template triplet under templates/emails/reminder-*."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from reminders.selectors import UnitReminder
from tasks.badges import RowBadge
from tasks.models import Task

CONTENT_CHARS = 200


@dataclass(frozen=True)
class ReminderLine:
    """One task as the e-mail shows it; everything already formatted."""

    number: int
    code: str
    content: str
    plan: str
    deadline_text: str
    due: str
    original_due: str  # set only when an approved extension moved the deadline
    url: str
    badges: tuple[RowBadge, ...] = ()  # drawn by templates/tasks/_row_badges.html


@dataclass(frozen=True)
class ReminderSection:
    title: str
    lines: list[ReminderLine]


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _date(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def _plan_label(task: Task) -> str:
    return task.plan.short_label()


def _lines(tasks: list[Task], *, on: dt.date) -> list[ReminderLine]:
    return [
        ReminderLine(
            number=number,
            code=task.code,
            content=Truncator(" ".join(task.content.split())).chars(CONTENT_CHARS),
            plan=_plan_label(task),
            deadline_text=task.deadline_text,
            due=_date(task.effective_due),
            original_due=_date(task.due_date) if task.extended_due_date else "",
            url=absolute_url(task.get_absolute_url()),
            badges=tuple(task.row_badges(on=on)),
        )
        for number, task in enumerate(tasks, start=1)
    ]


def reminder_context(reminder: UnitReminder, *, on: dt.date) -> dict:
    sections = [
        ReminderSection(title, _lines(tasks, on=on))
        for title, tasks in (
            (_("Quá hạn"), reminder.overdue),
            (_("Sắp đến hạn"), reminder.due_soon),
        )
        if tasks
    ]
    return {
        "unit": reminder.unit,
        "day": _date(on),
        "overdue_count": len(reminder.overdue),
        "due_soon_count": len(reminder.due_soon),
        "soon_days": settings.DUE_SOON_DAYS,
        "sections": sections,
        "tasks_url": absolute_url(reverse("tasks:mine")),
    }


def reminder_message(reminder: UnitReminder, *, on: dt.date) -> EmailMultiAlternatives:
    # Workers have no request to take a language from: reminders use the site's.
    with translation.override(settings.LANGUAGE_CODE):
        context = reminder_context(reminder, on=on)
        subject = render_to_string("emails/reminder-subject.html", context)
        text = render_to_string("emails/reminder-body-text.html", context)
        html = render_to_string("emails/reminder-body-html.html", context)
    message = EmailMultiAlternatives(" ".join(subject.split()), text, to=reminder.recipients)
    message.attach_alternative(html, "text/html")
    return message
