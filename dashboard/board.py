"""What the dashboard shows (page and .xlsx alike), assembled from the grouped reads.

``build_board`` resolves the filters and their defaults, scopes the tasks through
``Task.objects.visible_to`` and asks :mod:`dashboard.selectors` for each table. The page
and the export both render a :class:`Board`, so they show the same numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property, lru_cache
from urllib.parse import urlencode

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from dashboard import selectors
from dashboard.filters import DashboardFilter
from dashboard.selectors import area_params
from indicators.achievement import Achievement
from organizations.access import Access, access_for
from organizations.models import Agency
from organizations.roles import AGENCY_WIDE_ROLES, TASK_READER_ROLES
from par.models import CriteriaSet
from periods.models import ReportingPeriod
from plans.models import Plan
from tasks.models import ReportBucket, Task

ROLLUP_SORT_PARAM = "sort"
PANEL_ROWS = 12  # indicator and budget rows on the page; the export and their pages list all
# Indicators needing attention first: not met, then no data yet, then met.
ATTENTION = {Achievement.NOT_MET: 0, Achievement.NO_DATA: 1, Achievement.MET: 2}


def require_dashboard_reader(user) -> Access:
    """Coordinators, leaders, accountants, province viewers and admins; others get 404."""
    access = access_for(user)
    if not access.has_role(*AGENCY_WIDE_ROLES):
        raise Http404
    return access


def readable_agencies(access: Access):
    if access.is_superuser:
        return Agency.objects.all()
    return Agency.objects.filter(pk__in=sorted(access.agencies_for(AGENCY_WIDE_ROLES)))


@dataclass
class Board:
    filter: DashboardFilter
    as_of: dt.date
    period: ReportingPeriod | None
    year: int
    shows_tasks: bool  # the accountant reads plans and budget only
    multi_agency: bool
    cards: selectors.Counts | None = None
    card_links: dict[str, str] | None = None
    matrix: selectors.Matrix | None = None
    areas: list[selectors.AreaRow] | None = None
    months: dict[str, list[int]] | None = None
    overdue: list[selectors.OverdueRow] | None = None
    due_soon: list[Task] | None = None
    due_soon_count: int = 0
    due_soon_url: str = ""
    recent: list | None = None
    submissions: selectors.Submissions | None = None
    agencies: list[selectors.AgencyRow] | None = None
    sort: str = "name"
    indicators: selectors.IndicatorPanel | None = None
    budget: selectors.BudgetPanel | None = None
    par: list[selectors.ParTotals] | None = None  # None: the accountant does not read PAR

    @cached_property
    def indicators_shown(self) -> list:
        """The first rows to chase (chưa đạt, chưa có số liệu), read whole: one query."""
        assert self.indicators is not None
        verdicts = sorted(self.indicators.verdicts, key=lambda v: ATTENTION.get(v.status, 1))
        return self.indicators.rows_of(verdicts[:PANEL_ROWS])

    @cached_property
    def budget_shown(self) -> list:
        assert self.budget is not None
        return self.budget.first(PANEL_ROWS)

    @property
    def bucket_cards(self) -> list[tuple[str, str, int, str]]:
        """(bucket, label, count, link) in report order."""
        assert self.cards is not None and self.card_links is not None
        return [
            (b.value, str(b.label), self.cards[b.value], self.card_links[b.value])
            for b in ReportBucket
        ]

    def chart_data(self) -> dict:
        """What static/js/dashboard.js draws (passed with ``json_script``)."""
        if not self.shows_tasks:
            return {}
        assert self.matrix is not None and self.areas is not None and self.months is not None
        buckets = [(b.value, str(b.label)) for b in ReportBucket]
        rows = self.matrix.rows
        link = task_list_link(self)
        return {
            "buckets": [{"key": key, "label": label} for key, label in buckets],
            "units": {
                "labels": [row.name for row in rows],
                "series": {key: [row.buckets[key] for row in rows] for key, _label in buckets},
                # A bar opens the task list of that unit and bucket, as the matrix does.
                "links": {
                    key: [link(**row.params, bucket=key) for row in rows] for key, _label in buckets
                },
            },
            "areas": {
                "labels": [row.name for row in self.areas],
                "series": {key: [row.counts[key] for row in self.areas] for key, _label in buckets},
                "links": {
                    key: [link(**area_params(row.area_id), bucket=key) for row in self.areas]
                    for key, _label in buckets
                },
            },
            "months": {
                "labels": [_("T%(month)s") % {"month": m} for m in range(1, 13)],
                "due": self.months["due"],
                "done": self.months["done"],
                "dueLabel": _("Đến hạn"),
                "doneLabel": _("Hoàn thành"),
            },
        }


def build_board(request) -> Board:
    access = require_dashboard_reader(request.user)
    agencies = readable_agencies(access)
    agency_names = dict(agencies.values_list("pk", "name"))
    agency_ids = sorted(agency_names)
    multi_agency = len(agency_ids) > 1
    years = _years(request.user)
    filterset = DashboardFilter.for_request(
        request,
        queryset=Task.objects.none(),
        agencies=agencies,
        years=years,
        multi_agency=multi_agency,
    )
    filterset.errors  # noqa: B018 - validates; invalid fields are reported and ignored
    cleaned = filterset.form.cleaned_data
    if "agency" in filterset.errors:
        raise Http404  # an agency outside the user's reach does not exist for them
    period = cleaned.get("period")
    as_of = filterset.as_of_for(period)
    if cleaned.get("agency"):
        agency_ids = [cleaned["agency"].pk]
    board = Board(
        filter=filterset,
        as_of=as_of,
        period=period,
        year=int(cleaned.get("year") or as_of.year),
        shows_tasks=access.has_role(*TASK_READER_ROLES),
        multi_agency=multi_agency,
    )
    plans = _plans(request.user, cleaned)
    board.indicators = selectors.indicator_panel(plans=plans, area=cleaned.get("area"), as_of=as_of)
    board.budget = selectors.budget_panel(plans=plans, as_of=as_of)
    if board.shows_tasks:
        # The year's PAR sets of the agencies in scope; plan, lĩnh vực and unit filters
        # do not apply to a set.
        sets = CriteriaSet.objects.visible_to(request.user)
        board.par = selectors.par_panel(
            criteria_sets=sets.filter(year=board.year, agency_id__in=agency_ids)
        )
        base = Task.objects.visible_to(request.user).actionable().with_timeliness(on=as_of)
        filterset.queryset = base
        _fill_task_tables(
            board, filterset.qs, request=request, agency_ids=agency_ids, agency_names=agency_names
        )
    return board


def _years(user) -> list[int]:
    years = set(Plan.objects.visible_to(user).order_by().values_list("year", flat=True).distinct())
    years.add(timezone.localdate().year)
    return sorted(years, reverse=True)


def _plans(user, cleaned: dict):
    plans = Plan.objects.visible_to(user)
    if cleaned.get("year"):
        plans = plans.filter(year=cleaned["year"])
    if cleaned.get("plan"):
        plans = plans.filter(pk__in=[plan.pk for plan in cleaned["plan"]])
    if cleaned.get("agency"):
        plans = plans.filter(agency=cleaned["agency"])
    return plans


def _fill_task_tables(
    board: Board, tasks, *, request, agency_ids: list[int], agency_names: dict[int, str]
) -> None:
    link = task_list_link(board)
    cleaned = board.filter.form.cleaned_data
    groups = selectors.bucket_groups(tasks, year=board.year, as_of=board.as_of)
    board.cards = selectors.bucket_counts(groups)
    board.card_links = {b.value: link(bucket=b.value) for b in ReportBucket}
    board.card_links |= {"total": link(), "extended": link(extended="true")}
    areas = selectors.area_labels(groups.area_ids, no_area=_("Chưa phân lĩnh vực"))
    rolls_up = board.multi_agency and not cleaned.get("agency")
    if rolls_up:
        # A province's hundreds of units make no table: its rows are the agencies.
        board.matrix = selectors.agency_area_matrix(
            groups, agency_names=agency_names, areas=areas, link=link
        )
    else:
        board.matrix = selectors.unit_area_matrix(
            tasks, areas=areas, link=link, no_lead=_("Chưa xác định đơn vị chủ trì")
        )
    board.areas = selectors.area_buckets(groups, areas=areas, link=link)
    board.months = selectors.monthly_series(groups)
    board.overdue = selectors.overdue_tasks(tasks, as_of=board.as_of)
    board.due_soon_count = selectors.due_soon_count(groups)
    soon = selectors.due_soon(tasks, as_of=board.as_of)
    board.due_soon = list(soon.for_table_rows()[: selectors.LIST_LIMIT])
    until = board.as_of + dt.timedelta(days=selectors.DUE_SOON_DAYS)
    board.due_soon_url = link(
        open="true", due_from=board.as_of.isoformat(), due_to=until.isoformat()
    )
    board.recent = selectors.recent_updates(tasks)
    if board.period is not None:
        board.submissions = selectors.submissions(
            agency_ids=agency_ids, period=board.period, unit=cleaned.get("unit")
        )
    if rolls_up:
        board.sort = request.GET.get(ROLLUP_SORT_PARAM, "name")
        board.agencies = selectors.agency_rollup(
            groups,
            agency_names=agency_names,
            dashboard_of=lambda pk: dashboard_url(request, agency=pk),
            sort=board.sort,
        )


def _scope_params(board: Board) -> list[tuple[str, str]]:
    """The filters as task-list parameters, so a link opens exactly the counted tasks."""
    cleaned = board.filter.form.cleaned_data
    params: list[tuple[str, str]] = []
    if cleaned.get("year"):
        params.append(("year", str(cleaned["year"])))
    if cleaned.get("period"):
        params.append(("period", str(cleaned["period"].pk)))
    params += [("plans", str(plan.pk)) for plan in cleaned.get("plan") or []]
    for name in ("area", "unit", "agency"):
        if cleaned.get(name):
            params.append((name, str(cleaned[name].pk)))
    if board.as_of != timezone.localdate():
        params.append(("as_of", board.as_of.isoformat()))
    return params


@lru_cache(maxsize=4096, typed=True)  # typed: True and 1 are different values here
def _pair(name: str, value) -> str:
    """``name=value`` URL-encoded: the same few pairs (``area=3``, ``bucket=overdue``) recur
    in hundreds of links per page."""
    return urlencode([(name, str(value))])


def task_list_link(board: Board):
    """``link(**params)``: the task list of the scope with ``params`` added; a cell's
    unit/area parameters replace the scope's own. Hundreds per page, so the scope's part
    is encoded once per set of replaced names."""
    base = _scope_params(board)
    url = reverse("tasks:mine")
    encoded: dict[frozenset[str], str] = {}

    def link(**extra) -> str:
        names = frozenset(extra)
        scope = encoded.get(names)
        if scope is None:
            scope = encoded[names] = urlencode([(k, v) for k, v in base if k not in names])
        query = "&".join(filter(None, [scope, *(_pair(k, v) for k, v in extra.items())]))
        return f"{url}?{query}"

    return link


def dashboard_url(request, **changes) -> str:
    """This dashboard's URL with some parameters changed (``None`` removes one)."""
    data = request.GET.copy()
    for key, value in changes.items():
        data.pop(key, None)
        if value is not None:
            data[key] = str(value)
    if "agency" in changes:
        data.pop(ROLLUP_SORT_PARAM, None)
    query = data.urlencode()
    return reverse("dashboard") + (f"?{query}" if query else "")
