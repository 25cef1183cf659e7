"""The live read of a period report: a fixed number of queries, whatever the task count.

``live_report_data`` returns the :class:`reports.data.ReportData` a report (or a snapshot)
needs. Each task's state is that of its latest progress entry among the agency's periods
cut off by the report's period (so a later period's entries never leak into an earlier
report); a task with no entry at all keeps the status it was imported with.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from budget.selectors import lines_disbursed_by
from indicators.achievement import Achievement, status_for
from indicators.models import Comparator, Indicator, IndicatorValue
from par.models import CriteriaSet
from par.selectors import set_totals
from periods.models import PeriodSubmission, ReportingPeriod, SubmissionStatus
from plans.models import Plan, PlanStatus
from reports.data import (
    BudgetRow,
    IndicatorRow,
    ParAreaRow,
    ParSetRow,
    PlanRow,
    ReportData,
    TaskRow,
)
from reports.figures import format_number
from tasks import timeliness
from tasks.models import (
    AssignmentRole,
    Extension,
    ExtensionStatus,
    Task,
    TaskAssignment,
    TaskProgress,
    TaskStatus,
)

# When an agency has no later period, section IV looks this far ahead.
NEXT_PERIOD_FALLBACK = dt.timedelta(days=92)


def live_report_data(
    *, period: ReportingPeriod, as_of: dt.date, plan: Plan | None = None
) -> ReportData:
    """The period's figures read now, counted as of ``as_of`` (at most the cut-off)."""
    plans = list(_plans_in_force(period, plan))
    plan_ids = [row.pk for row in plans]
    data = ReportData(
        start=period.start,
        as_of=as_of,
        next_until=_next_until(period),
        plans=[PlanRow(row.pk, row.document_number, row.issued_on, row.title) for row in plans],
        tasks=task_rows(period=period, plan_ids=plan_ids, as_of=as_of),
        indicators=indicator_rows(period=period, plan_ids=plan_ids),
        budget=budget_rows(plan_ids=plan_ids, as_of=as_of),
        submitted_units=_submitted_units(period),
        par_year=period.year,
        par=par_rows(agency_id=period.agency_id, year=period.year),
    )
    return data


def _plans_in_force(period: ReportingPeriod, plan: Plan | None):
    plans = Plan.objects.not_deleted().filter(agency_id=period.agency_id, year=period.year)
    if plan is not None:
        return plans.filter(pk=plan.pk)
    return plans.exclude(status=PlanStatus.DRAFT).order_by("issued_on", "pk")


def _next_until(period: ReportingPeriod) -> dt.date:
    later = (
        ReportingPeriod.objects.filter(agency_id=period.agency_id, cutoff__gt=period.cutoff)
        .order_by("cutoff")
        .values_list("cutoff", flat=True)
        .first()
    )
    return later or period.cutoff + NEXT_PERIOD_FALLBACK


def _submitted_units(period: ReportingPeriod) -> list[str]:
    submissions = PeriodSubmission.objects.filter(
        period=period, status=SubmissionStatus.SUBMITTED
    ).order_by("unit__order", "unit__name")
    return list(submissions.values_list("unit__name", flat=True))


TASK_FIELDS = (
    "pk", "plan_id", "area__name", "area__order", "code", "content", "lead_text",
    "deadline_text", "deadline_kind", "due_date",
)  # fmt: skip


def task_rows(*, period: ReportingPeriod, plan_ids: list[int], as_of: dt.date) -> list[TaskRow]:
    """Every actionable task of the plans with its state as of ``as_of``: four queries.

    Plain values, not model instances: a report reads thousands of rows once.
    """
    entries = _latest_entries(agency_id=period.agency_id, cutoff=period.cutoff, plan_ids=plan_ids)
    return _rows_with_entries(plan_ids=plan_ids, entries=entries, as_of=as_of)


def _rows_with_entries(
    *, plan_ids: list[int], entries: dict[int, dict], as_of: dt.date
) -> list[TaskRow]:
    tasks = (
        Task.objects.filter(plan_id__in=plan_ids)
        .actionable()
        .order_by("plan__issued_on", "plan_id", "position")
        .values(*TASK_FIELDS, *ENTRY_FIELDS)
    )
    leads = _lead_units(plan_ids)
    extended = _extensions_as_of(plan_ids=plan_ids, as_of=as_of)
    return [
        _task_row(
            task,
            leads.get(task["pk"], []),
            entries.get(task["pk"], task),  # never reported: the state it was entered with
            extended.get(task["pk"]),
            as_of=as_of,
        )
        for task in tasks
    ]


def _lead_units(plan_ids: list[int]) -> dict[int, list[str]]:
    """Each task's lead unit names in plan order (as ``Task.lead_label`` shows them)."""
    rows = (
        TaskAssignment.objects.filter(task__plan_id__in=plan_ids, role=AssignmentRole.LEAD)
        .order_by("task_id", "position", "pk")
        .values_list("task_id", "unit__name")
    )
    names: dict[int, list[str]] = {}
    for task_id, name in rows:
        names.setdefault(task_id, []).append(name)
    return names


ENTRY_FIELDS = ("status", "progress", "result", "difficulties", "proposals", "completed_on")


def _latest_entries(*, agency_id: int, cutoff: dt.date, plan_ids: list[int]) -> dict[int, dict]:
    """Per reported task: its latest entry of a period cut off by ``cutoff``, {} if only later."""
    rows = (
        TaskProgress.objects.filter(task__plan_id__in=plan_ids, period__agency_id=agency_id)
        .order_by("task_id", "period__cutoff", "period_id")
        .values("task_id", "period__cutoff", *ENTRY_FIELDS)
    )
    latest: dict[int, dict] = {}
    for row in rows:
        if row["period__cutoff"] <= cutoff:
            latest[row["task_id"]] = row
        else:
            latest.setdefault(row["task_id"], {})
    return latest


def _extensions_as_of(*, plan_ids: list[int], as_of: dt.date) -> dict[int, dt.date]:
    """The deadline each task was extended to by ``as_of`` (the latest approval wins)."""
    approvals = (
        Extension.objects.filter(
            task__plan_id__in=plan_ids,
            status=ExtensionStatus.APPROVED,
            decided_at__date__lte=as_of,
        )
        .order_by("decided_at", "pk")
        .values_list("task_id", "requested_date")
    )
    return dict(approvals)


def _task_row(
    task: dict, leads: list[str], state: dict, extended_to: dt.date | None, *, as_of: dt.date
) -> TaskRow:
    status = state.get("status") or TaskStatus.NOT_STARTED
    completed_on = state.get("completed_on")
    if status == TaskStatus.DONE and (completed_on is None or completed_on > as_of):
        status, completed_on = TaskStatus.IN_PROGRESS, None  # finished after the report date
    bucket = timeliness.report_bucket(
        done=status == TaskStatus.DONE,
        deadline_kind=task["deadline_kind"],
        due_date=task["due_date"],
        completed_on=completed_on,
        on=as_of,
    )
    return TaskRow(
        task_id=task["pk"],
        plan_id=task["plan_id"],
        area_name=task["area__name"] or "",
        area_order=task["area__order"] or 0,
        code=task["code"],
        content=task["content"],
        lead="; ".join(leads) or task["lead_text"],
        deadline_text=task["deadline_text"],
        deadline_kind=task["deadline_kind"],
        due_date=task["due_date"],
        extended_due_date=extended_to,
        completed_on=completed_on,
        status=str(status),
        progress=int(state.get("progress") or 0),
        result=state.get("result") or "",
        difficulties=state.get("difficulties") or "",
        proposals=state.get("proposals") or "",
        bucket=bucket.value,
    )


def indicator_rows(*, period: ReportingPeriod, plan_ids: list[int]) -> list[IndicatorRow]:
    """Each indicator with its value of ``period`` and whether it meets the target.

    Judged by the one per-period rule, ``indicators.achievement.status_for`` (a per-month
    target asks three months' worth of a quarter), two queries.
    """
    indicators = Indicator.objects.filter(plan_id__in=plan_ids).order_by("plan_id", "position")
    values = dict(
        IndicatorValue.objects.filter(indicator__plan_id__in=plan_ids, period=period).values_list(
            "indicator_id", "value"
        )
    )
    rows = []
    for indicator in indicators:
        value = values.get(indicator.pk)
        rows.append(
            IndicatorRow(
                indicator_id=indicator.pk,
                plan_id=indicator.plan_id,
                name=indicator.name,
                target_text=target_text(indicator),
                unit=indicator.unit,
                value=value,
                met=_met(status_for(indicator, value, period)),
            )
        )
    return rows


def _met(achievement: Achievement) -> bool | None:
    return None if achievement is Achievement.NO_DATA else achievement is Achievement.MET


_COMPARATOR_WORDS = {
    Comparator.GTE: "Từ {value} trở lên",
    Comparator.GT: "Trên {value}",
    Comparator.EQ: "Đạt {value}",
    Comparator.LTE: "Không quá {value}",
    Comparator.LT: "Dưới {value}",
}


def target_text(indicator: Indicator) -> str:
    """ "Từ 97% trở lên", "Đạt 100%", "Từ 7 tin, bài trở lên"."""
    amount = Decimal(indicator.target_value)
    unit = indicator.unit
    value = f"{format_number(amount)}{unit}" if unit == "%" else f"{format_number(amount)} {unit}"
    return _COMPARATOR_WORDS[Comparator(indicator.comparator)].format(value=value.strip())


def budget_rows(*, plan_ids: list[int], as_of: dt.date) -> list[BudgetRow]:
    """Each budget line with its planned amount and what was disbursed by ``as_of``: one query.

    The one place reports read budget execution.
    """
    lines = lines_disbursed_by(plan_ids=plan_ids, as_of=as_of)
    return [
        BudgetRow(
            line_id=line.pk,
            plan_id=line.plan_id,
            code=line.code,
            content=line.content,
            planned=line.planned_amount,
            disbursed=line.disbursed_by,
            counted_in_total=line.counted,
        )
        for line in lines
    ]


def par_rows(*, agency_id: int, year: int) -> list[ParSetRow]:
    """The agency's PAR sets of ``year`` with their totals and lĩnh vực: two queries.

    Read through ``par.selectors.set_totals``, the sums the dashboard and the set page show.
    """
    sets = set_totals(criteria_sets=CriteriaSet.objects.filter(agency_id=agency_id, year=year))
    return [
        ParSetRow(
            level=table.criteria_set.level,
            max_total=table.max_total,
            self_total=table.self_total,
            appraised_total=table.appraised_total,
            difference=table.difference,
            areas=[
                ParAreaRow(
                    label=node.criterion.label,
                    title=node.criterion.title,
                    max_score=node.max_score,
                    self_score=node.self_score,
                    appraised=node.appraised,
                    difference=node.difference,
                )
                for node in table.roots
            ],
        )
        for table in sets
    ]


# --- custom date ranges (always live) -------------------------------------------------------


def live_range_data(
    *, agency_id: int, start: dt.date, end: dt.date, as_of: dt.date, plan: Plan | None = None
) -> ReportData:
    """A custom range's figures read now, counted as of ``as_of`` (at most ``end``).

    Tasks are counted as a period counts them, with the range's start as the window's
    start. Each task's state is read as the report of the period running on ``as_of``
    reads it (entries of periods cut off later never leak in). Indicator values and submitted
    units are those of the agency's latest period cut off within the range, if any.
    """
    plans = list(_range_plans(agency_id, start, end, plan))
    plan_ids = [row.pk for row in plans]
    entries = _latest_entries(
        agency_id=agency_id, cutoff=_entries_cutoff(agency_id, as_of), plan_ids=plan_ids
    )
    reference = (
        ReportingPeriod.objects.filter(agency_id=agency_id, cutoff__gte=start, cutoff__lte=as_of)
        .order_by("-cutoff")
        .first()
    )
    return ReportData(
        start=start,
        as_of=as_of,
        next_until=_next_until_after(agency_id, end),
        plans=[PlanRow(row.pk, row.document_number, row.issued_on, row.title) for row in plans],
        tasks=_rows_with_entries(plan_ids=plan_ids, entries=entries, as_of=as_of),
        indicators=indicator_rows(period=reference, plan_ids=plan_ids) if reference else [],
        budget=budget_rows(plan_ids=plan_ids, as_of=as_of),
        submitted_units=_submitted_units(reference) if reference else [],
        par_year=end.year,
        par=par_rows(agency_id=agency_id, year=end.year),
    )


def _range_plans(agency_id: int, start: dt.date, end: dt.date, plan: Plan | None):
    """The plans of the years the range touches (or just ``plan``)."""
    plans = Plan.objects.not_deleted().filter(
        agency_id=agency_id, year__gte=start.year, year__lte=end.year
    )
    if plan is not None:
        return plans.filter(pk=plan.pk)
    return plans.exclude(status=PlanStatus.DRAFT).order_by("issued_on", "pk")


def _next_until_after(agency_id: int, end: dt.date) -> dt.date:
    """Section IV of a range looks to the agency's next cut-off after it (or ~a quarter)."""
    later = (
        ReportingPeriod.objects.filter(agency_id=agency_id, cutoff__gt=end)
        .order_by("cutoff")
        .values_list("cutoff", flat=True)
        .first()
    )
    return later or end + NEXT_PERIOD_FALLBACK


def _entries_cutoff(agency_id: int, as_of: dt.date) -> dt.date:
    """The cut-off of the agency's period running on ``as_of`` (periods are cumulative)."""
    running = (
        ReportingPeriod.objects.filter(agency_id=agency_id, start__lte=as_of, cutoff__gte=as_of)
        .order_by("cutoff")
        .values_list("cutoff", flat=True)
        .first()
    )
    return running or as_of
