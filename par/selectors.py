"""The self-assessment table: criteria as a tree with totals, per-lĩnh vực percentages,
appraised scores and differences, and the pre-score suggestions from the product's data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from common.numbers import percent_label
from indicators.computed import plan_done_share, plan_on_time_rate
from par.models import CriteriaSet, Criterion, CriterionEvidence, Suggestion

_CENT = Decimal("0.01")


@dataclass
class CriterionNode:
    criterion: Criterion
    children: list[CriterionNode] = field(default_factory=list)
    self_score: Decimal | None = None  # a leaf's score, a parent's children's sum
    appraised: Decimal | None = None
    suggested: Decimal | None = None

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def max_score(self) -> Decimal:
        return self.criterion.max_score

    @property
    def difference(self) -> Decimal | None:
        """Appraised minus self-score, once both are known."""
        if self.self_score is None or self.appraised is None:
            return None
        return self.appraised - self.self_score

    @property
    def percent_label(self) -> str:
        return percent_label(self.self_score or 0, self.max_score)


def _sum(values: list[Decimal | None]) -> Decimal | None:
    known = [value for value in values if value is not None]
    return sum(known, Decimal(0)) if known else None


@dataclass(frozen=True)
class Assessment:
    criteria_set: CriteriaSet
    roots: list[CriterionNode]

    @property
    def rows(self) -> list[CriterionNode]:
        out: list[CriterionNode] = []
        stack = list(reversed(self.roots))
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(reversed(node.children))
        return out

    @property
    def max_total(self) -> Decimal:
        return sum((node.max_score for node in self.roots), Decimal(0))

    @property
    def self_total(self) -> Decimal | None:
        return _sum([node.self_score for node in self.roots])

    @property
    def appraised_total(self) -> Decimal | None:
        return _sum([node.appraised for node in self.roots])

    @property
    def difference(self) -> Decimal | None:
        if self.self_total is None or self.appraised_total is None:
            return None
        return self.appraised_total - self.self_total

    @property
    def percent_label(self) -> str:
        return percent_label(self.self_total or 0, self.max_total)


def criteria_of(criteria_set: CriteriaSet) -> QuerySet[Criterion]:
    evidence = CriterionEvidence.objects.select_related("task_evidence", "task").order_by("pk")
    return (
        Criterion.objects.filter(criteria_set=criteria_set)
        .select_related("responsible_unit")
        .prefetch_related(Prefetch("evidence", queryset=evidence))
        .order_by("position", "pk")
    )


def assessment(
    *,
    criteria_set: CriteriaSet,
    criteria: QuerySet[Criterion] | None = None,
    on: dt.date | None = None,
) -> Assessment:
    """The set's tree with every figure: one query for the criteria (and their evidence), and
    one per product figure a suggestion needs."""
    fetched = list(criteria if criteria is not None else criteria_of(criteria_set))
    rates = _suggestion_rates(criteria_set, fetched, on or timezone.localdate())
    return Assessment(criteria_set, _tree(fetched, rates))


def set_totals(*, criteria_sets: QuerySet[CriteriaSet]) -> list[Assessment]:
    """Each set's totals and per-lĩnh vực figures, without evidence or suggestions: two
    queries whatever the number of sets (the dashboard's PAR card, the report's appendix).

    The same tree and sums as :func:`assessment`, so every page shows the same figures.
    """
    sets = list(criteria_sets.select_related("agency").order_by("agency__name", "level", "pk"))
    by_set: dict[int, list[Criterion]] = {criteria_set.pk: [] for criteria_set in sets}
    criteria = Criterion.objects.filter(criteria_set_id__in=sorted(by_set)).order_by(
        "criteria_set_id", "position", "pk"
    )
    for criterion in criteria:
        by_set[criterion.criteria_set_id].append(criterion)
    return [Assessment(criteria_set, _tree(by_set[criteria_set.pk], {})) for criteria_set in sets]


def _tree(fetched: list[Criterion], rates: dict[str, Decimal | None]) -> list[CriterionNode]:
    """The criteria (in position order) as lĩnh vực roots with their figures filled in."""
    nodes = {criterion.pk: CriterionNode(criterion) for criterion in fetched}
    roots: list[CriterionNode] = []
    for criterion in fetched:
        parent = nodes.get(criterion.parent_id) if criterion.parent_id else None
        (parent.children if parent else roots).append(nodes[criterion.pk])
    for root in roots:
        _fill(root, rates)
    return roots


def _fill(node: CriterionNode, rates: dict[str, Decimal | None]) -> None:
    for child in node.children:
        _fill(child, rates)
    criterion = node.criterion
    if node.is_leaf:
        node.self_score = criterion.self_score
        node.appraised = criterion.appraised_score
        rate = rates.get(criterion.suggestion)
        if rate is not None:
            node.suggested = (criterion.max_score * rate / 100).quantize(_CENT, ROUND_HALF_UP)
    else:
        node.self_score = _sum([child.self_score for child in node.children])
        node.appraised = _sum([child.appraised for child in node.children])


def _suggestion_rates(
    criteria_set: CriteriaSet, criteria: list[Criterion], on: dt.date
) -> dict[str, Decimal | None]:
    wanted = {criterion.suggestion for criterion in criteria} - {Suggestion.NONE}
    plan_id = criteria_set.plan_id
    if plan_id is None or not wanted:
        return {}
    compute: dict[str, Callable[[], Decimal | None]] = {
        Suggestion.ON_TIME_RATE: lambda: plan_on_time_rate(plan_id=plan_id, on=on),
        Suggestion.DONE_SHARE: lambda: plan_done_share(plan_id=plan_id),
    }
    return {source: compute[source]() for source in wanted if source in compute}
