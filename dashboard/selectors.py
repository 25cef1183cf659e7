"""The dashboard's grouped reads: one query per table, every count made by the database.

Each function takes the already scoped and filtered task queryset (annotated by
``TaskQuerySet.with_timeliness``) and groups it; Python only reshapes the grouped rows
(a few per unit, lĩnh vực or agency), never loops over tasks. Buckets are the report
buckets of :mod:`tasks.timeliness`, judged on the original deadline.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Count,
    Exists,
    FilteredRelation,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce

from budget.models import BudgetEntry, BudgetLine, EntryKind
from indicators.models import Indicator, IndicatorValue
from organizations.models import Unit
from periods.models import PeriodSubmission, ReportingPeriod, SubmissionStatus
from plans.models import Plan
from tasks.models import AssignmentRole, ReportBucket, Task, TaskProgress, TaskStatus
from workdays.selectors import work_calendar

OVERDUE = ReportBucket.OVERDUE.value
DUE_SOON_DAYS = 14
LIST_LIMIT = 50  # rows shown in the overdue and due-soon tables; the count links to all
RECENT_LIMIT = 20
LEAD_ASSIGNMENT = Q(assignments__role=AssignmentRole.LEAD)

# A task-list URL for the current scope plus the given parameters (see ``dashboard.links``).
Link = Callable[..., str]


def percent_label(part: int | Decimal, whole: int | Decimal) -> str:
    """ "97,5%" (Vietnamese decimal comma); "—" when there is nothing to divide by."""
    if not whole:
        return "—"
    return f"{100 * float(part) / float(whole):.1f}".replace(".", ",") + "%"


def _bucket_aggregates() -> dict:
    aggregates = {b.value: Count("pk", filter=Q(bucket=b.value)) for b in ReportBucket}
    aggregates["extended"] = Count("pk", filter=Q(extended_due_date__isnull=False))
    aggregates["total"] = Count("pk")
    return aggregates


@dataclass(frozen=True)
class Counts:
    """Tasks per report bucket of one slice, with ``total`` and ``extended``."""

    values: dict[str, int]

    def __getitem__(self, key: str) -> int:
        # KeyError for other names, so templates fall back to the properties below.
        return self.values[key]

    @property
    def total(self) -> int:
        return self["total"]

    @property
    def due(self) -> int:
        """Tasks due by the as-of day: done (on time or late) or not done and overdue."""
        return self["done_on_time"] + self["done_late"] + self["overdue"]

    @property
    def on_time_rate(self) -> float | None:
        return self["done_on_time"] / self.due if self.due else None

    @property
    def on_time_label(self) -> str:
        return percent_label(self["done_on_time"], self.due)


def counts_from(row: dict) -> Counts:
    return Counts({key: row.get(key) or 0 for key in [*ReportBucket.values, "extended", "total"]})


def bucket_counts(tasks) -> Counts:
    """The cards: tasks per bucket, total and extended, in one query."""
    return counts_from(tasks.order_by().aggregate(**_bucket_aggregates()))


@dataclass
class Cell:
    count: int = 0
    overdue: int = 0
    url: str = ""
    overdue_url: str = ""


@dataclass
class MatrixRow:
    unit_id: int | None
    name: str
    cells: list[Cell]
    total: Cell
    buckets: dict[str, int]


@dataclass
class Matrix:
    """Lead unit × lĩnh vực; a task with two lead units counts in both rows."""

    columns: list[tuple[int | None, str]]
    rows: list[MatrixRow]
    column_totals: list[Cell] = field(default_factory=list)


def _unit_params(unit_id: int | None) -> dict:
    return {"unit": unit_id} if unit_id else {"no_lead": "true"}


def _area_params(area_id: int | None) -> dict:
    return {"area": area_id} if area_id else {"no_area": "true"}


def unit_area_matrix(tasks, *, link: Link, no_lead: str, no_area: str) -> Matrix:
    """One grouped query: (lead unit, lĩnh vực, bucket) → count."""
    grouped = (
        tasks.order_by()
        .annotate(lead=FilteredRelation("assignments", condition=LEAD_ASSIGNMENT))
        .values(
            "lead__unit",
            "lead__unit__name",
            "lead__unit__order",
            "area",
            "area__name",
            "area__order",
            "bucket",
        )
        .annotate(n=Count("pk"))
    )
    units: dict[int | None, tuple] = {}
    areas: dict[int | None, tuple] = {}
    counts: dict[tuple, dict[str, int]] = {}
    for row in grouped:
        unit_id, area_id = row["lead__unit"], row["area"]
        units[unit_id] = (
            row["lead__unit__order"] is None,
            row["lead__unit__order"] or 0,
            row["lead__unit__name"] or no_lead,
        )
        areas[area_id] = (
            row["area__order"] is None,
            row["area__order"] or 0,
            row["area__name"] or no_area,
        )
        cell = counts.setdefault((unit_id, area_id), {})
        cell[row["bucket"]] = cell.get(row["bucket"], 0) + row["n"]
    columns = [(pk, key[2]) for pk, key in sorted(areas.items(), key=lambda item: item[1])]
    rows = []
    for unit_id, key in sorted(units.items(), key=lambda item: item[1]):
        cells, buckets = [], {b: 0 for b in ReportBucket.values}
        for area_id, _name in columns:
            by_bucket = counts.get((unit_id, area_id), {})
            for bucket, n in by_bucket.items():
                buckets[bucket] += n
            params = {**_unit_params(unit_id), **_area_params(area_id)}
            cells.append(_cell(by_bucket, link, params))
        rows.append(
            MatrixRow(unit_id, key[2], cells, _cell(buckets, link, _unit_params(unit_id)), buckets)
        )
    return Matrix(columns, rows)


def _cell(by_bucket: dict[str, int], link: Link, params: dict) -> Cell:
    count, overdue = sum(by_bucket.values()), by_bucket.get(OVERDUE, 0)
    return Cell(count, overdue, link(**params), link(**params, bucket=OVERDUE))


@dataclass
class AreaRow:
    area_id: int | None
    name: str
    counts: Counts
    url: str
    overdue_url: str


def area_buckets(tasks, *, link: Link, no_area: str) -> list[AreaRow]:
    """One grouped query: (lĩnh vực, bucket) → count; each task once."""
    grouped = tasks.order_by().values("area", "area__name", "area__order")
    # Sorted here: where NULLs sort differs between SQLite and PostgreSQL.
    grouped = sorted(grouped.annotate(**_bucket_aggregates()), key=_area_key)
    return [
        AreaRow(
            row["area"],
            row["area__name"] or no_area,
            counts_from(row),
            link(**_area_params(row["area"])),
            link(**_area_params(row["area"]), bucket=OVERDUE),
        )
        for row in grouped
    ]


def _area_key(row: dict) -> tuple:
    return (row["area__order"] is None, row["area__order"] or 0, row["area__name"] or "")


def _month_ranges(year: int) -> list[tuple[dt.date, dt.date]]:
    starts = [dt.date(year, month, 1) for month in range(1, 13)] + [dt.date(year + 1, 1, 1)]
    return list(itertools.pairwise(starts))


def monthly_series(tasks, *, year: int) -> dict[str, list[int]]:
    """Tasks due (original deadline) and tasks completed per month of ``year``: one query.

    Months as date ranges, not ``__month``: SQLite extracts a month through a Python
    function per row and aggregate, which made this the page's slowest query.
    """
    aggregates = {}
    for month, (start, end) in enumerate(_month_ranges(year), start=1):
        aggregates[f"due_{month}"] = Count("pk", filter=Q(due_date__gte=start, due_date__lt=end))
        aggregates[f"done_{month}"] = Count(
            "pk",
            filter=Q(status=TaskStatus.DONE, completed_on__gte=start, completed_on__lt=end),
        )
    row = tasks.order_by().aggregate(**aggregates)
    return {
        "due": [row[f"due_{month}"] for month in range(1, 13)],
        "done": [row[f"done_{month}"] for month in range(1, 13)],
    }


@dataclass(frozen=True)
class OverdueRow:
    task: Task
    days_late: int


def overdue_tasks(tasks, *, as_of: dt.date, limit: int = LIST_LIMIT) -> list[OverdueRow]:
    """Not done and past the original deadline, most days late first.

    Days late are working days (``workdays``: no weekends, holidays or Tết) from the
    original deadline, the same deadline the "Chưa hoàn thành, quá hạn" bucket uses.
    Queries: the rows, then the calendar when there are any (1).
    """
    rows = tasks.filter(bucket=OVERDUE).order_by("due_date", "plan_id", "position").with_units()
    shown = list(rows[:limit])
    if not shown:
        return []
    calendar = work_calendar(first_year=shown[0].due_date.year, last_year=as_of.year)
    return [OverdueRow(task, calendar.working_days_between(task.due_date, as_of)) for task in shown]


def due_soon(tasks, *, as_of: dt.date, days: int = DUE_SOON_DAYS):
    """Open tasks whose deadline in force falls within ``days`` days from ``as_of``."""
    return (
        tasks.exclude(status=TaskStatus.DONE)
        .filter(effective_due__gte=as_of, effective_due__lte=as_of + dt.timedelta(days=days))
        .order_by("effective_due", "plan_id", "position")
    )


def recent_updates(tasks, *, limit: int = RECENT_LIMIT) -> list[TaskProgress]:
    """The last progress entries on the tasks in scope, with who and when."""
    return list(
        TaskProgress.objects.filter(task__in=tasks.order_by().values("pk"))
        .select_related("task", "period", "updated_by")
        .order_by("-updated_at", "-pk")[:limit]
    )


@dataclass(frozen=True)
class Submissions:
    """Units that have and have not sent the period report."""

    period: ReportingPeriod
    sent: list[Unit]
    missing: list[Unit]


def submissions(*, agency_ids, period: ReportingPeriod, unit: Unit | None) -> Submissions:
    """Every active internal unit of the agencies in scope, flagged in one query.

    Matched on the period's year and kind, so a province viewer's choice of one agency's
    "Quý I" reads every agency's Quý I.
    """
    sent = PeriodSubmission.objects.filter(
        unit=OuterRef("pk"),
        period__year=period.year,
        period__kind=period.kind,
        status=SubmissionStatus.SUBMITTED,
    )
    units = Unit.objects.filter(agency_id__in=agency_ids).internal().active()
    if unit is not None:
        units = units.filter(pk=unit.pk)
    rows = list(
        units.annotate(has_sent=Exists(sent))
        .select_related("agency")
        .order_by("agency__name", "order", "name")
    )
    return Submissions(period, [u for u in rows if u.has_sent], [u for u in rows if not u.has_sent])


class IndicatorStatus:
    MET = "met"
    NOT_MET = "not_met"
    NO_DATA = "no_data"


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    value: Decimal | None
    status: str


@dataclass(frozen=True)
class IndicatorPanel:
    rows: list[IndicatorRow]

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def met(self) -> int:
        return self.count(IndicatorStatus.MET)

    @property
    def not_met(self) -> int:
        return self.count(IndicatorStatus.NOT_MET)

    @property
    def no_data(self) -> int:
        return self.count(IndicatorStatus.NO_DATA)


def indicator_panel(*, plans, area, as_of: dt.date) -> IndicatorPanel:
    """Each indicator of the plans in scope with its latest value up to ``as_of``: one query."""
    latest = IndicatorValue.objects.filter(
        indicator=OuterRef("pk"), period__start__lte=as_of
    ).order_by("-period__cutoff", "-pk")
    indicators = (
        Indicator.objects.filter(plan__in=plans)
        .annotate(latest_value=Subquery(latest.values("value")[:1]))
        .select_related("plan")
        .order_by("plan__year", "plan_id", "position")
    )
    if area is not None:
        indicators = indicators.filter(area=area)
    return IndicatorPanel([_indicator_row(indicator) for indicator in indicators])


def _indicator_row(indicator: Indicator) -> IndicatorRow:
    value = indicator.latest_value
    if value is None:
        return IndicatorRow(indicator, None, IndicatorStatus.NO_DATA)
    met = indicator.is_met(value)
    return IndicatorRow(indicator, value, IndicatorStatus.MET if met else IndicatorStatus.NOT_MET)


@dataclass(frozen=True)
class BudgetRow:
    plan: Plan
    planned: int
    disbursed: int

    @property
    def rate_label(self) -> str:
        return percent_label(self.disbursed, self.planned)


@dataclass(frozen=True)
class BudgetPanel:
    rows: list[BudgetRow]

    @property
    def planned(self) -> int:
        return sum(row.planned for row in self.rows)

    @property
    def disbursed(self) -> int:
        return sum(row.disbursed for row in self.rows)

    @property
    def rate_label(self) -> str:
        return percent_label(self.disbursed, self.planned)


def budget_panel(*, plans, as_of: dt.date) -> BudgetPanel:
    """Planned and disbursed đồng per plan that has budget lines: one query.

    Planned: top-level amounts, and the children of a top-level line left blank (its
    amount is then the sum of its children, as the budget model says).
    """
    counted = Q(parent__isnull=True, planned_amount__isnull=False) | Q(
        parent__isnull=False, parent__planned_amount__isnull=True
    )
    planned = (
        BudgetLine.objects.filter(counted, plan=OuterRef("pk"))
        .order_by()
        .values("plan")
        .annotate(s=Sum("planned_amount"))
        .values("s")
    )
    disbursed = (
        BudgetEntry.objects.filter(
            line__plan=OuterRef("pk"), kind=EntryKind.DISBURSEMENT, date__lte=as_of
        )
        .order_by()
        .values("line__plan")
        .annotate(s=Sum("amount"))
        .values("s")
    )
    rows = (
        plans.filter(Exists(BudgetLine.objects.filter(plan=OuterRef("pk"))))
        .annotate(
            planned=Coalesce(Subquery(planned), 0), disbursed=Coalesce(Subquery(disbursed), 0)
        )
        .order_by("-year", "title")
    )
    return BudgetPanel([BudgetRow(plan, plan.planned, plan.disbursed) for plan in rows])


@dataclass(frozen=True)
class AgencyRow:
    agency_id: int
    name: str
    counts: Counts
    url: str  # this agency's dashboard


def _rate_or(missing: float):
    return lambda row: missing if row.counts.on_time_rate is None else row.counts.on_time_rate


# Sort keys of the province table: (key, descending); agencies with no due task sort last.
ROLLUP_SORTS = {
    "name": (lambda row: row.name.casefold(), False),
    "total": (lambda row: row.counts.total, True),
    "overdue": (lambda row: row.counts["overdue"], True),
    "rate": (_rate_or(-1.0), True),
    "rate_asc": (_rate_or(2.0), False),
}


def agency_rollup(tasks, *, dashboard_of: Callable[[int], str], sort: str) -> list[AgencyRow]:
    """Agency × bucket with each agency's on-time rate: one grouped query.

    Sorting happens on the few agency rows (``sort`` is a key of ``ROLLUP_SORTS``).
    """
    grouped = (
        tasks.order_by()
        .values("plan__agency", "plan__agency__name")
        .annotate(**_bucket_aggregates())
    )
    rows = [
        AgencyRow(
            row["plan__agency"],
            row["plan__agency__name"],
            counts_from(row),
            dashboard_of(row["plan__agency"]),
        )
        for row in grouped
    ]
    key, reverse = ROLLUP_SORTS.get(sort, ROLLUP_SORTS["name"])
    rows.sort(key=lambda row: row.name.casefold())
    rows.sort(key=key, reverse=reverse)
    return rows
