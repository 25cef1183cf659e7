"""Reads of indicators for their pages, the plan page and the dashboard panel.

Achievement always comes from :func:`indicators.achievement.status_for` with the period the
value belongs to, so a per-month target is judged on the months that period covers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from types import SimpleNamespace
from typing import NamedTuple

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from indicators.achievement import Achievement, Trend, status_for, trend
from indicators.models import Indicator, IndicatorEvidence, IndicatorQuerySet, IndicatorValue
from periods.labels import period_label
from plans.models import Plan


def shown(value: Decimal | None) -> Decimal | None:
    """A value without trailing zeros ("98,5", "100"), as a report writes it."""
    if value is None:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator with the value of its latest reported period and the verdict on it."""

    indicator: Indicator
    latest_value: Decimal | None
    status: Achievement
    latest_period: tuple[str, int] | None = None  # (kind, year) of the value's period

    @property
    def period_label(self) -> str:
        """ "Quý I/2026", named when drawn: a province's panel judges 2,000 rows, shows 12."""
        if self.latest_period is None:
            return ""
        kind, year = self.latest_period
        return period_label(kind=kind, year=year)

    @property
    def value(self) -> Decimal | None:
        return self.latest_value

    @property
    def shown_value(self) -> Decimal | None:
        return shown(self.latest_value)

    @property
    def is_met(self) -> bool | None:
        """True / False against the target, None while no value was reported."""
        if self.status == Achievement.NO_DATA:
            return None
        return self.status == Achievement.MET


def with_latest_value(indicators: QuerySet[Indicator], *, as_of: dt.date | None = None):
    """Annotate the latest period's value, start, cut-off and kind: correlated subqueries,
    so the whole list stays one query."""
    latest = IndicatorValue.objects.filter(indicator=OuterRef("pk"))
    if as_of is not None:
        latest = latest.filter(period__start__lte=as_of)
    latest = latest.order_by("-period__cutoff", "-pk")
    return indicators.annotate(
        latest_value=Subquery(latest.values("value")[:1]),
        latest_start=Subquery(latest.values("period__start")[:1]),
        latest_cutoff=Subquery(latest.values("period__cutoff")[:1]),
        latest_kind=Subquery(latest.values("period__kind")[:1]),
        latest_year=Subquery(latest.values("period__year")[:1]),
    )


class Latest(NamedTuple):
    """An indicator's newest value and the period it belongs to."""

    value: Decimal
    start: dt.date
    cutoff: dt.date
    kind: str
    year: int


def _annotated_latest(indicator: Indicator) -> Latest | None:
    """The ``with_latest_value`` annotations of ``indicator``, if it has a value."""
    if indicator.latest_value is None:
        return None
    return Latest(
        indicator.latest_value,
        indicator.latest_start,
        indicator.latest_cutoff,
        indicator.latest_kind,
        indicator.latest_year,
    )


def latest_values(indicators: QuerySet[Indicator], *, as_of: dt.date) -> dict[int, Latest]:
    """Each indicator's newest value (latest cut-off) of a period begun by ``as_of``: one
    query over the values of ``indicators``, the first per indicator kept. Cheaper than the
    five correlated subqueries of ``with_latest_value`` when the list is long (a province's
    2,000 indicators: 61 ms of PostgreSQL)."""
    rows = (
        IndicatorValue.objects.filter(
            indicator__in=indicators.order_by().values("pk"), period__start__lte=as_of
        )
        .order_by("indicator_id", "-period__cutoff", "-pk")
        .values_list(
            "indicator_id", "value", "period__start", "period__cutoff", "period__kind",
            "period__year",
        )
    )  # fmt: skip
    latest: dict[int, Latest] = {}
    for indicator_id, value, start, cutoff, kind, year in rows:
        if indicator_id not in latest:
            latest[indicator_id] = Latest(value, start, cutoff, kind, year)
    return latest


class Verdict(NamedTuple):
    """An indicator's verdict on its latest value (``None``: no value yet)."""

    indicator_id: int
    status: Achievement
    latest: Latest | None


def _verdict(indicator, latest: Latest | None) -> Verdict:
    """``indicator``: anything with ``pk`` and the target's fields (``status_for``)."""
    if latest is None:
        return Verdict(indicator.pk, Achievement.NO_DATA, None)
    period = SimpleNamespace(start=latest.start, cutoff=latest.cutoff)
    return Verdict(indicator.pk, status_for(indicator, latest.value, period), latest)


def _row_of(indicator: Indicator, verdict: Verdict) -> IndicatorRow:
    latest = verdict.latest
    if latest is None:
        return IndicatorRow(indicator, None, verdict.status)
    return IndicatorRow(indicator, latest.value, verdict.status, (latest.kind, latest.year))


def _row(indicator: Indicator, latest: Latest | None) -> IndicatorRow:
    return _row_of(indicator, _verdict(indicator, latest))


def indicator_rows(
    *, indicators: QuerySet[Indicator], user=None, responsible: bool = True
) -> list[IndicatorRow]:
    """Rows of ``indicators`` with latest value and verdict: one query, and two more for the
    related tasks' lead units when ``responsible`` (who reports each indicator)."""
    rows = with_latest_value(indicators).select_related("plan", "area", "responsible_unit")
    if responsible:
        rows = rows.select_related("task").prefetch_related("task__assignments__unit")
    if user is not None and isinstance(rows, IndicatorQuerySet):
        rows = rows.with_permissions(user)
    return [
        _row(indicator, _annotated_latest(indicator))
        for indicator in rows.order_by("plan__year", "plan_id", "position", "pk")
    ]


@dataclass(frozen=True)
class HistoryRow:
    entry: IndicatorValue
    status: Achievement
    trend: Trend

    @property
    def shown_value(self) -> Decimal | None:
        return shown(self.entry.value)


def indicator_history(*, indicator: Indicator) -> list[HistoryRow]:
    """Every period's value in cut-off order, with verdict and trend (two queries)."""
    entries = list(
        IndicatorValue.objects.filter(indicator=indicator)
        .select_related("period", "recorded_by")
        .prefetch_related(Prefetch("evidence", queryset=IndicatorEvidence.objects.order_by("pk")))
        .order_by("period__cutoff", "pk")
    )
    trends = trend(indicator.comparator, [entry.value for entry in entries])
    return [
        HistoryRow(entry, status_for(indicator, entry.value, entry.period), moved)
        for entry, moved in zip(entries, trends, strict=True)
    ]


class Target(NamedTuple):
    """What ``status_for`` reads of an indicator, without its text or plan."""

    pk: int
    comparator: str
    target_value: Decimal
    per: str


# What the panel draws, and the export's plan number.
PANEL_FIELDS = ("id", "plan", "position", "text", "unit", "comparator", "target_value", "per")
PANEL_ORDER = ("plan__year", "plan_id", "position", "pk")


@dataclass(frozen=True)
class IndicatorPanel:
    """The dashboard's indicator card: each indicator's latest verdict, and the counts.

    A province has 2,000 indicators: all are judged from light tuples (``verdicts``, in
    plan order), and only the rows drawn are read whole (``rows_of``); ``rows`` reads
    them all, for the export.
    """

    verdicts: list[Verdict] = field(default_factory=list)
    indicators: QuerySet[Indicator] = field(default_factory=Indicator.objects.none)

    def count(self, status: str) -> int:
        return sum(1 for verdict in self.verdicts if verdict.status == status)

    @property
    def met(self) -> int:
        return self.count(Achievement.MET)

    @property
    def not_met(self) -> int:
        return self.count(Achievement.NOT_MET)

    @property
    def no_data(self) -> int:
        return self.count(Achievement.NO_DATA)

    def rows_of(self, verdicts: list[Verdict]) -> list[IndicatorRow]:
        """The rows of ``verdicts`` (a few of this panel's), in their order: one query."""
        if not verdicts:
            return []
        ids = [verdict.indicator_id for verdict in verdicts]
        drawn = {indicator.pk: indicator for indicator in self._drawn().filter(pk__in=ids)}
        return [_row_of(drawn[verdict.indicator_id], verdict) for verdict in verdicts]

    @cached_property
    def rows(self) -> list[IndicatorRow]:
        """Every row in plan order: one query."""
        verdicts = {verdict.indicator_id: verdict for verdict in self.verdicts}
        return [
            _row_of(indicator, verdicts[indicator.pk])
            for indicator in self._drawn()
            if indicator.pk in verdicts
        ]

    def _drawn(self) -> QuerySet[Indicator]:
        plan_fields = (f"plan__{name}" for name in Plan.LABEL_FIELDS)
        return (
            self.indicators.select_related("plan")
            .only(*PANEL_FIELDS, *plan_fields)
            .order_by(*PANEL_ORDER)
        )


def indicator_panel(*, plans, area, as_of: dt.date) -> IndicatorPanel:
    """Each indicator of ``plans`` judged on its latest value up to ``as_of``: two queries
    (the rows drawn are read by ``IndicatorPanel.rows_of``)."""
    indicators = Indicator.objects.filter(plan__in=plans)
    if area is not None:
        indicators = indicators.filter(area=area)
    latest = latest_values(indicators, as_of=as_of)
    targets = indicators.order_by(*PANEL_ORDER).values_list(*Target._fields)
    verdicts = [_verdict(target, latest.get(target.pk)) for target in map(Target._make, targets)]
    return IndicatorPanel(verdicts, indicators)
