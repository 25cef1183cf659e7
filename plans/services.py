"""Writes on plans: move to the trash, restore, and purge what the trash kept long enough.

A deleted plan keeps every row under it (tasks, progress, evidence, budget, indicators);
it only leaves every scope (``ScopedQuerySet.not_deleted``). Purging after
``PLAN_RETENTION_DAYS`` is the real delete: files, and the plan's rows in the history
tables, included; the audit event of the purge is what stays.
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditAction
from audit.services import record_event
from budget.models import BudgetEntry, BudgetLine
from indicators.models import Indicator, IndicatorValue
from plans.models import Plan
from tasks.models import Evidence, Extension, Task, TaskAssignment, TaskProgress

logger = logging.getLogger(__name__)


def delete_plan(*, plan: Plan, request: HttpRequest) -> None:
    """Put ``plan`` in its agency's trash (the caller fetched it through ``editable_by``)."""
    if plan.is_deleted:
        raise ValidationError(_("Kế hoạch này đã ở trong thùng rác."))
    plan.deleted_at = timezone.now()
    plan.deleted_by = request.user  # type: ignore[assignment]
    plan.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
    record_event(action=AuditAction.PLAN_DELETE, request=request, obj=plan)


def restore_plan(*, plan: Plan, request: HttpRequest) -> None:
    """Take ``plan`` out of the trash (the caller fetched it through ``trash_of``)."""
    if not plan.is_deleted:
        raise ValidationError(_("Kế hoạch này không ở trong thùng rác."))
    plan.deleted_at = None
    plan.deleted_by = None
    plan.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
    record_event(action=AuditAction.PLAN_RESTORE, request=request, obj=plan)


def retention_cutoff(*, now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()) - dt.timedelta(days=settings.PLAN_RETENTION_DAYS)


def expired_plans(*, now: dt.datetime | None = None):
    return Plan.objects.deleted_before(retention_cutoff(now=now))


def purge_deleted_plans(*, now: dt.datetime | None = None) -> int:
    """Really delete plans in the trash for longer than PLAN_RETENTION_DAYS; returns how many.

    One plan per transaction, so a failure keeps the others' work; files are removed only
    after the rows are gone for good (a rolled-back delete keeps its files).
    """
    purged = 0
    for plan in expired_plans(now=now).order_by("pk"):
        files = _files_of(plan)
        label, agency_id, plan_id = str(plan), plan.agency_id, plan.pk
        with transaction.atomic():
            plan.delete()
            _forget_history(plan_id)
            record_event(
                action=AuditAction.PLAN_PURGE,
                object_type="plans.plan",
                object_id=plan_id,
                object_label=label,
                agency_id=agency_id,
            )
            transaction.on_commit(partial(_remove_files, files))
        purged += 1
    return purged


def _forget_history(plan_id: int) -> None:
    """Delete the purged plan's rows from the history tables: every version of the plan and
    of the tasks, assignments, progress entries, extensions, indicators, values, budget
    lines and entries that ever belonged to it (the cascade has just added one more each).
    Children first: their ids are read from their parents' history."""
    tasks = Task.history.model.objects.filter(plan_id=plan_id).values("id")
    indicators = Indicator.history.model.objects.filter(plan_id=plan_id).values("id")
    lines = BudgetLine.history.model.objects.filter(plan_id=plan_id).values("id")
    for child in (TaskAssignment, TaskProgress, Extension):
        child.history.model.objects.filter(task_id__in=tasks).delete()
    IndicatorValue.history.model.objects.filter(indicator_id__in=indicators).delete()
    BudgetEntry.history.model.objects.filter(line_id__in=lines).delete()
    for parent in (Task, Indicator, BudgetLine):
        parent.history.model.objects.filter(plan_id=plan_id).delete()
    Plan.history.model.objects.filter(id=plan_id).delete()


def _files_of(plan: Plan) -> list[str]:
    names = list(Evidence.objects.filter(task__plan=plan).values_list("file", flat=True))
    if plan.source_file:
        names.append(plan.source_file.name)
    return [name for name in names if name]


def _remove_files(names: list[str]) -> None:
    storage = Evidence._meta.get_field("file").storage
    for name in names:
        try:
            storage.delete(name)
        except OSError:  # a file already gone or unreadable must not stop the purge
            logger.warning("Could not remove %s of a purged plan", name)
