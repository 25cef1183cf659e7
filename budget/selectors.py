"""Reads that aggregate budget lines: the budget pages, the export and the dashboard card.

A line's planned amount is its own, or its sub-lines' sum when it states none (the
importer's cross-check rule); allocated and disbursed are its own entries plus its
sub-lines'. Rates are disbursed / planned, as the dashboard card says.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

from django.db.models import Case, Exists, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce

from budget.models import (
    COUNTED_IN_TOTAL,
    BudgetEntry,
    BudgetLine,
    BudgetLineQuerySet,
    EntryKind,
    FundingSource,
)
from common.numbers import percent_label
from plans.models import Plan


class _Disbursed(Protocol):
    @property
    def planned(self) -> int: ...
    @property
    def disbursed(self) -> int: ...


class _Allocated(_Disbursed, Protocol):
    @property
    def allocated(self) -> int: ...


class DisbursementFigures:
    """What follows from a planned and a disbursed amount, for every budget row and total."""

    @property
    def not_disbursed(self: _Disbursed) -> int:
        """Planned but not yet disbursed."""
        return self.planned - self.disbursed

    @property
    def rate_label(self: _Disbursed) -> str:
        """Disbursed / planned, as the dashboard card says it."""
        return percent_label(self.disbursed, self.planned)


class AllocationFigures(DisbursementFigures):
    """:class:`DisbursementFigures` and what was allocated but not yet disbursed."""

    @property
    def remaining(self: _Allocated) -> int:
        """Allocated but not yet disbursed."""
        return self.allocated - self.disbursed


@dataclass(frozen=True)
class BudgetTotals(AllocationFigures):
    """What the listed lines plan, and what has been allocated to and disbursed from them."""

    planned: int
    allocated: int
    disbursed: int


def budget_totals(*, lines: BudgetLineQuerySet) -> BudgetTotals:
    """The totals of ``lines`` in one query, however many lines and entries there are.

    The entry sums are correlated subqueries rather than a join, so a line's planned amount
    is not repeated once per entry before it is summed.
    """
    figures = lines.order_by().aggregate(
        planned=Coalesce(Sum("planned_amount", filter=COUNTED_IN_TOTAL), 0),
        allocated=Coalesce(Sum(_entry_sum(EntryKind.ALLOCATION)), 0),
        disbursed=Coalesce(Sum(_entry_sum(EntryKind.DISBURSEMENT)), 0),
    )
    return BudgetTotals(**figures)


@dataclass
class BudgetNode(AllocationFigures):
    """One line of the tree with its figures (sub-lines included) and its children."""

    line: BudgetLine
    depth: int
    children: list[BudgetNode] = field(default_factory=list)
    planned: int = 0
    allocated: int = 0
    disbursed: int = 0


@dataclass(frozen=True)
class SourceTotals(DisbursementFigures):
    source: str  # a FundingSource value, "" when the plan names none
    label: str
    planned: int
    allocated: int
    disbursed: int


@dataclass(frozen=True)
class BudgetTree(AllocationFigures):
    """A plan's budget as a tree, with totals, per-source totals and the stated-total check."""

    plan: Plan
    roots: list[BudgetNode]
    stated: int | None
    sources: list[SourceTotals]

    @property
    def rows(self) -> list[BudgetNode]:
        """Every node in document order (depth-first), for a table."""
        out: list[BudgetNode] = []
        stack = list(reversed(self.roots))
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(reversed(node.children))
        return out

    @property
    def planned(self) -> int:
        return sum(node.planned for node in self.roots)

    @property
    def allocated(self) -> int:
        return sum(node.allocated for node in self.roots)

    @property
    def disbursed(self) -> int:
        return sum(node.disbursed for node in self.roots)

    @property
    def stated_matches(self) -> bool | None:
        """None when the plan states no total; else whether the lines add up to it."""
        return None if self.stated is None else self.stated == self.planned

    @property
    def difference(self) -> int:
        """Stated total minus the lines' sum (positive: the lines miss some money)."""
        return (self.stated or 0) - self.planned


def budget_tree(*, plan: Plan, lines: BudgetLineQuerySet) -> BudgetTree:
    """The tree of ``lines`` (already scoped to the reader) of ``plan``: one query.

    A reader who sees only some lines (unit staff) gets those as roots when their parent
    is not visible to them.
    """
    fetched = list(
        lines.filter(plan=plan)
        .with_entry_totals()
        .select_related("task")
        .order_by("position", "pk")
    )
    nodes = {line.pk: BudgetNode(line=line, depth=0) for line in fetched}
    roots: list[BudgetNode] = []
    for line in fetched:
        parent = nodes.get(line.parent_id) if line.parent_id else None
        (parent.children if parent else roots).append(nodes[line.pk])
    for root in roots:
        _fill(root, depth=0)
    return BudgetTree(
        plan=plan, roots=roots, stated=plan.budget_total_stated, sources=_sources(roots)
    )


def _fill(node: BudgetNode, *, depth: int) -> None:
    node.depth = depth
    for child in node.children:
        _fill(child, depth=depth + 1)
    line = node.line
    children_planned = sum(child.planned for child in node.children)
    node.planned = line.planned_amount if line.planned_amount is not None else children_planned
    node.allocated = line.allocated + sum(child.allocated for child in node.children)
    node.disbursed = line.disbursed + sum(child.disbursed for child in node.children)


def _sources(roots: list[BudgetNode]) -> list[SourceTotals]:
    """Totals per funding source of the top-level lines; empty when the plan names none."""
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for node in roots:
        figures = sums[node.line.funding_source]
        figures[0] += node.planned
        figures[1] += node.allocated
        figures[2] += node.disbursed
    if set(sums) <= {""}:
        return []
    labels = dict(FundingSource.choices)
    return [
        SourceTotals(source, str(labels.get(source, "")) or "—", *figures)
        for source, figures in sorted(sums.items(), key=lambda item: item[0] == "")
    ]


@dataclass(frozen=True)
class PlanBudgetRow(AllocationFigures):
    """A plan on the budget overview, with its totals (same rules as the tree)."""

    plan: Plan
    planned: int
    allocated: int
    disbursed: int


def plan_budget_rows(*, lines: BudgetLineQuerySet) -> list[PlanBudgetRow]:
    """Each plan that has ``lines``, with its planned, allocated and disbursed totals: one query."""
    figures = (
        lines.order_by()
        .values("plan")
        .annotate(
            planned=Coalesce(Sum("planned_amount", filter=COUNTED_IN_TOTAL), 0),
            allocated=Coalesce(Sum(_entry_sum(EntryKind.ALLOCATION)), 0),
            disbursed=Coalesce(Sum(_entry_sum(EntryKind.DISBURSEMENT)), 0),
        )
    )
    by_plan = {row["plan"]: row for row in figures}
    plans = (
        Plan.objects.filter(pk__in=list(by_plan)).select_related("agency").order_by("-year", "pk")
    )
    return [
        PlanBudgetRow(
            plan,
            by_plan[plan.pk]["planned"],
            by_plan[plan.pk]["allocated"],
            by_plan[plan.pk]["disbursed"],
        )
        for plan in plans
    ]


def lines_disbursed_by(*, plan_ids: list[int], as_of: dt.date) -> QuerySet:
    """The plans' lines with ``disbursed_by`` (disbursed up to ``as_of``) and ``counted``
    (whether the line's planned amount counts in the plan's total): one query, in plan order.
    """
    disbursed = Q(entries__kind=EntryKind.DISBURSEMENT, entries__date__lte=as_of)
    return (
        BudgetLine.objects.filter(plan_id__in=plan_ids)
        .annotate(
            disbursed_by=Coalesce(Sum("entries__amount", filter=disbursed), 0),
            counted=Case(When(COUNTED_IN_TOTAL, then=Value(True)), default=Value(False)),
        )
        .order_by("plan_id", "position")
    )


def _entry_sum(kind: str) -> Subquery:
    entries = (
        BudgetEntry.objects.filter(line=OuterRef("pk"), kind=kind)
        .order_by()
        .values("line")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Subquery(entries)


@dataclass(frozen=True)
class BudgetRow(DisbursementFigures):
    plan: Plan
    planned: int
    disbursed: int


@dataclass(frozen=True)
class BudgetPanel(DisbursementFigures):
    """Planned and disbursed đồng per plan that has budget lines.

    The sums come from two grouped reads; plans are read whole only for the rows drawn
    (``first``) or exported (``rows``): a province has a thousand plans with budget lines.
    """

    planned_by_plan: dict[int, int]
    disbursed_by_plan: dict[int, int] = field(default_factory=dict)
    plans: QuerySet[Plan] = field(default_factory=Plan.objects.none)  # in the panel's order

    @property
    def planned(self) -> int:
        return sum(self.planned_by_plan.values())

    @property
    def disbursed(self) -> int:
        return sum(self.disbursed_by_plan.values())

    @property
    def count(self) -> int:
        """Plans with budget lines."""
        return len(self.planned_by_plan)

    def first(self, limit: int) -> list[BudgetRow]:
        """The first ``limit`` rows: one query."""
        return self._rows(self.plans[:limit])

    @cached_property
    def rows(self) -> list[BudgetRow]:
        """Every row: one query."""
        return self._rows(self.plans)

    def _rows(self, plans: QuerySet[Plan]) -> list[BudgetRow]:
        return [
            BudgetRow(
                plan, self.planned_by_plan.get(plan.pk, 0), self.disbursed_by_plan.get(plan.pk, 0)
            )
            for plan in plans
        ]


def budget_panel(*, plans, as_of: dt.date) -> BudgetPanel:
    """Planned and disbursed đồng of each of ``plans`` that has budget lines: two grouped
    queries (the rows' plans are read by ``BudgetPanel.first`` and ``rows``).

    Planned: top-level amounts, and the children of a top-level line left blank (its
    amount is then the sum of its children, as the budget model says).
    """
    planned = (
        BudgetLine.objects.filter(COUNTED_IN_TOTAL, plan__in=plans)
        .order_by()
        .values("plan_id")
        .annotate(s=Coalesce(Sum("planned_amount"), 0))
        .values_list("plan_id", "s")
    )
    disbursed = (
        BudgetEntry.objects.filter(
            line__plan__in=plans, kind=EntryKind.DISBURSEMENT, date__lte=as_of
        )
        .order_by()
        .values("line__plan_id")
        .annotate(s=Sum("amount"))
        .values_list("line__plan_id", "s")
    )
    with_lines = (
        plans.filter(Exists(BudgetLine.objects.filter(plan=OuterRef("pk"))))
        .only(*Plan.LABEL_FIELDS)
        .order_by("-year", "title")
    )
    return BudgetPanel(dict(planned), dict(disbursed), with_lines)
