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

from django.db.models import (
    Count,
    Exists,
    FilteredRelation,
    OuterRef,
    Q,
)

from budget import selectors as budget_selectors
from common.numbers import percent_label
from indicators import selectors as indicator_selectors
from organizations.models import Unit
from par import selectors as par_selectors
from periods.models import PeriodSubmission, ReportingPeriod, SubmissionStatus
from tasks.models import AssignmentRole, ReportBucket, Task, TaskProgress, TaskStatus
from workdays.selectors import work_calendar

OVERDUE = ReportBucket.OVERDUE.value
DUE_SOON_DAYS = 14
LIST_LIMIT = 50  # rows shown in the overdue and due-soon tables; the count links to all
RECENT_LIMIT = 20
LEAD_ASSIGNMENT = Q(assignments__role=AssignmentRole.LEAD)

# A task-list URL for the current scope plus the given parameters (see ``dashboard.links``).
Link = Callable[..., str]


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


# The fields ``bucket_groups`` groups by, in order; its keys are tuples of these values.
GROUP_FIELDS = ("plan__agency", "plan__agency__name", "area", "area__order", "area__name")


@dataclass(frozen=True)
class BucketGroups:
    """Bucket counts per (agency, lĩnh vực): the cards, the lĩnh vực chart and the
    province table are sums of these few groups, so the three cost one grouped query."""

    groups: dict[tuple, dict[str, int]]

    def summed(self, key: Callable[[tuple], tuple]) -> dict[tuple, dict[str, int]]:
        sums: dict[tuple, dict[str, int]] = {}
        for group, counts in self.groups.items():
            total = sums.setdefault(key(group), dict.fromkeys(counts, 0))
            for name, n in counts.items():
                total[name] += n
        return sums


def bucket_groups(tasks) -> BucketGroups:
    """Tasks per (agency, lĩnh vực, bucket), each task once: one query."""
    return BucketGroups(tasks.bucket_counts_by(*GROUP_FIELDS))


def bucket_counts(groups: BucketGroups) -> Counts:
    """The cards: tasks per bucket, total and extended."""
    total = groups.summed(lambda group: ())
    return counts_from(total.get((), {}))


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


def unit_params(unit_id: int | None) -> dict:
    return {"unit": unit_id} if unit_id else {"no_lead": "true"}


def area_params(area_id: int | None) -> dict:
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
            params = {**unit_params(unit_id), **area_params(area_id)}
            cells.append(_cell(by_bucket, link, params))
        rows.append(
            MatrixRow(unit_id, key[2], cells, _cell(buckets, link, unit_params(unit_id)), buckets)
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


def area_buckets(groups: BucketGroups, *, link: Link, no_area: str) -> list[AreaRow]:
    """(lĩnh vực, bucket) → count; each task once."""
    grouped = groups.summed(lambda group: group[2:])  # (area, area__order, area__name)
    # Sorted here: where NULLs sort differs between SQLite and PostgreSQL.
    return [
        AreaRow(
            area_id,
            name or no_area,
            counts_from(counts),
            link(**area_params(area_id)),
            link(**area_params(area_id), bucket=OVERDUE),
        )
        for (area_id, order, name), counts in sorted(grouped.items(), key=_area_key)
    ]


def _area_key(item: tuple[tuple, dict]) -> tuple:
    _area_id, order, name = item[0]
    return (order is None, order or 0, name or "")


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
    """The last progress entries on the tasks in scope, with who and when: one query.

    The newest ids are chosen in a subquery that joins nothing, then only those rows are
    joined to their task, period and user. PostgreSQL walks the ``progress_updated_at``
    index backwards (0.5 ms instead of 145 ms at 100,000 tasks); SQLite still sorts the
    scope's entries, but sorting ids instead of joined rows is 3x cheaper.
    """
    newest = (
        TaskProgress.objects.filter(task__in=tasks.order_by().values("pk"))
        .order_by("-updated_at", "-pk")
        .values("pk")[:limit]
    )
    return list(
        TaskProgress.objects.filter(pk__in=newest)
        .select_related("task", "period", "updated_by")
        .order_by("-updated_at", "-pk")
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


# The indicator, budget and PAR cards read the apps' own selectors: one definition of each figure.
IndicatorPanel = indicator_selectors.IndicatorPanel
indicator_panel = indicator_selectors.indicator_panel
BudgetPanel = budget_selectors.BudgetPanel
budget_panel = budget_selectors.budget_panel
ParTotals = par_selectors.Assessment
par_panel = par_selectors.set_totals


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


def agency_rollup(
    groups: BucketGroups, *, dashboard_of: Callable[[int], str], sort: str
) -> list[AgencyRow]:
    """Agency × bucket with each agency's on-time rate.

    Sorting happens on the few agency rows (``sort`` is a key of ``ROLLUP_SORTS``).
    """
    grouped = groups.summed(lambda group: group[:2])  # (plan__agency, plan__agency__name)
    rows = [
        AgencyRow(agency_id, name, counts_from(counts), dashboard_of(agency_id))
        for (agency_id, name), counts in grouped.items()
    ]
    key, reverse = ROLLUP_SORTS.get(sort, ROLLUP_SORTS["name"])
    rows.sort(key=lambda row: row.name.casefold())
    rows.sort(key=key, reverse=reverse)
    return rows
