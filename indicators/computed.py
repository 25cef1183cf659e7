"""Indicators computed from the product's own data, one function per ``Source``.

Each returns a percentage with two decimals, or None when there is nothing to count (no
due task, no unit): "chưa có số liệu" is more honest than 0%. They read the data as it is
when called; ``indicators.services.store_computed_values`` calls them when a period is
locked, so the stored figure is the one of the cut-off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Q

from indicators.models import Indicator, Source
from organizations.models import Unit
from periods.models import PeriodSubmission, ReportingPeriod, SubmissionStatus
from tasks.models import AssignmentRole, ReportBucket, Task, TaskStatus

_CENT = Decimal("0.01")


def _percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(_CENT, rounding=ROUND_HALF_UP)


def _plan_tasks(plan_id: int):
    return Task.objects.filter(plan_id=plan_id).actionable()


def plan_on_time_rate(*, plan_id: int, on: dt.date) -> Decimal | None:
    """Share of the plan's tasks due by ``on`` that were done by their original deadline.

    As reports state it: only due tasks count ("nhiệm vụ đến hạn"), and an extension
    does not make a late task on time (tasks.timeliness). The PAR Index pre-score uses it too.
    """
    due = (
        _plan_tasks(plan_id)
        .filter(due_date__lte=on)
        .with_timeliness(on=on)
        .exclude(bucket=ReportBucket.RECURRING)
        .order_by()
        .aggregate(
            total=Count("pk"), on_time=Count("pk", filter=Q(bucket=ReportBucket.DONE_ON_TIME))
        )
    )
    return _percent(due["on_time"], due["total"])


def plan_done_share(*, plan_id: int) -> Decimal | None:
    """Share of the plan's tasks (section headings aside) whose status is Hoàn thành."""
    counts = (
        _plan_tasks(plan_id)
        .order_by()
        .aggregate(total=Count("pk"), done=Count("pk", filter=Q(status=TaskStatus.DONE)))
    )
    return _percent(counts["done"], counts["total"])


def on_time_rate(*, indicator: Indicator, period: ReportingPeriod) -> Decimal | None:
    """The on-time rate of the indicator's plan at the period's cut-off."""
    return plan_on_time_rate(plan_id=indicator.plan_id, on=period.cutoff)


def done_share(*, indicator: Indicator, period: ReportingPeriod) -> Decimal | None:
    """The done share of the indicator's plan (read when the period is locked)."""
    return plan_done_share(plan_id=indicator.plan_id)


def reports_on_time(*, indicator: Indicator, period: ReportingPeriod) -> Decimal | None:
    """Share of the units leading the plan's tasks that sent the period report by its due day."""
    leads = Unit.objects.filter(
        assignments__task__plan_id=indicator.plan_id, assignments__role=AssignmentRole.LEAD
    ).internal()
    lead_ids = set(leads.values_list("pk", flat=True))
    zone = ZoneInfo(settings.TIME_ZONE)
    deadline = dt.datetime.combine(period.due_date + dt.timedelta(days=1), dt.time(), zone)
    sent = PeriodSubmission.objects.filter(
        period=period,
        unit_id__in=lead_ids,
        status=SubmissionStatus.SUBMITTED,
        submitted_at__lt=deadline,
    ).count()
    return _percent(sent, len(lead_ids))


COMPUTE: dict[str, Callable[..., Decimal | None]] = {
    Source.ON_TIME_RATE: on_time_rate,
    Source.DONE_SHARE: done_share,
    Source.REPORTS_ON_TIME: reports_on_time,
}


def compute(*, indicator: Indicator, period: ReportingPeriod) -> Decimal | None:
    return COMPUTE[indicator.source](indicator=indicator, period=period)
