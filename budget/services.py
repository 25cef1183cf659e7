"""Writes on the budget: an allocation or a disbursement recorded on a line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from budget.models import BudgetEntry, BudgetLine, EntryKind, FundingSource
from organizations.scoping import deny_unless


@dataclass(frozen=True)
class EntryData:
    kind: str
    amount: int
    date: dt.date
    document_number: str = ""
    note: str = ""


@transaction.atomic
def record_entry(*, line: BudgetLine, user, entry: EntryData) -> BudgetEntry:
    """Record money allocated to or disbursed from ``line`` (accountants and editors only)."""
    deny_unless(BudgetLine.objects.accepting_entries_from(user).contains(line))
    if entry.amount <= 0:
        raise ValidationError({"amount": _("Số tiền phải lớn hơn 0.")})
    if entry.date > timezone.localdate():
        raise ValidationError({"date": _("Ngày không được ở tương lai.")})
    created = BudgetEntry(
        line=line,
        kind=EntryKind(entry.kind),
        amount=entry.amount,
        date=entry.date,
        document_number=entry.document_number.strip(),
        note=entry.note.strip(),
        created_by=user,
    )
    created._history_user = user
    created.save()
    return created


@transaction.atomic
def describe_line(*, line: BudgetLine, user, funding_source: str, task) -> BudgetLine:
    """Say where a line's money comes from and which task it pays for (its lead unit sees it)."""
    deny_unless(BudgetLine.objects.accepting_entries_from(user).contains(line))
    if task is not None and task.plan_id != line.plan_id:
        raise ValidationError({"task": _("Nhiệm vụ không thuộc kế hoạch của dòng kinh phí.")})
    line.funding_source = FundingSource(funding_source) if funding_source else ""
    line.task = task
    line._history_user = user
    line.save(update_fields=["funding_source", "task"])
    return line
