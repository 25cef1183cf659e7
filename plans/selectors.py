"""Reads behind the plan page: the task tree with per-section progress, indicators, budget.

Selectors only read. Each returns what one block of the page shows in a fixed number of
queries, whatever the plan's size: the tree is one pass over the rows already fetched,
the indicator and budget figures are annotated in the database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet, Sum

from budget.models import BudgetLine, BudgetLineQuerySet, EntryKind
from indicators.models import Indicator
from indicators.selectors import IndicatorRow, indicator_rows
from organizations.access import access_for
from plans.models import Plan, PlanReference
from tasks.models import Task, TaskStatus, Timeliness


def plan_references(*, plan: Plan, user) -> QuerySet[PlanReference]:
    """The plan's legal basis, each flagged ``linkable`` when its parent plan is visible."""
    return (
        plan.references.select_related("referenced_plan")
        .annotate(
            linkable=Exists(Plan.objects.visible_to(user).filter(pk=OuterRef("referenced_plan_id")))
        )
        .order_by("pk")
    )


@dataclass
class Progress:
    """Done / total / overdue over the tasks (not headings) of a subtree."""

    done: int = 0
    total: int = 0
    overdue: int = 0

    def add(self, task: Task) -> None:
        if task.is_section:
            return
        self.total += 1
        if task.status == TaskStatus.DONE:
            self.done += 1
        elif is_overdue(task):
            self.overdue += 1


def is_overdue(task: Task) -> bool:
    """Open and past the deadline in force, as the row's badge says (tasks/badges.py).

    Recurring and continuous tasks show no timeliness, so they are never counted late here.
    """
    return (
        not task.is_recurring
        and task.status != TaskStatus.DONE
        and task.timeliness == Timeliness.OVERDUE  # type: ignore[attr-defined]  # plan_rows annotates it
    )


@dataclass
class TreeNode:
    """A row of the plan and the rows below it; a row with children is a collapsible section."""

    task: Task
    children: list[TreeNode] = field(default_factory=list)
    progress: Progress = field(default_factory=Progress)

    @property
    def blocks(self) -> list[tuple[str, list]]:
        """Children grouped for drawing: runs of plain rows ("rows") and sub-sections."""
        return _blocks(self.children)

    @property
    def own_row(self) -> list[Task]:
        """A heading that is a task itself is drawn as a row at the top of its section."""
        return [self.task]


@dataclass
class PlanTree:
    roots: list[TreeNode]
    progress: Progress

    @property
    def blocks(self) -> list[tuple[str, list]]:
        return _blocks(self.roots)


def _blocks(nodes: list[TreeNode]) -> list[tuple[str, list]]:
    """("rows", [Task, ...]) for each run of leaf rows, ("section", [TreeNode]) for a section."""
    blocks: list[tuple[str, list]] = []
    for node in nodes:
        if node.children or node.task.is_section:
            blocks.append(("section", [node]))
        elif blocks and blocks[-1][0] == "rows":
            blocks[-1][1].append(node.task)
        else:
            blocks.append(("rows", [node.task]))
    return blocks


def plan_rows(*, plan: Plan, user, on: dt.date) -> QuerySet[Task]:
    """The plan's rows the user may read, in plan order, with units and timeliness on ``on``."""
    return (
        Task.objects.visible_to(user)
        .filter(plan=plan)
        .for_table_rows()
        .with_timeliness(on=on)
        .order_by("position", "pk")
    )


def build_tree(rows: list[Task]) -> PlanTree:
    """Nest ``rows`` (in plan order) under their parents and roll progress up, in one pass.

    A row whose parent the user cannot see (unit staff see their own tasks, not every
    heading) is placed at the top level, so nothing visible is lost.
    """
    nodes = {task.pk: TreeNode(task) for task in rows}
    roots: list[TreeNode] = []
    for task in rows:
        parent = nodes.get(task.parent_id) if task.parent_id else None
        (parent.children if parent else roots).append(nodes[task.pk])
    overall = Progress()
    for task in rows:
        overall.add(task)
        node: TreeNode | None = nodes[task.pk]
        while node is not None:  # the row counts in its own subtree and every ancestor's
            node.progress.add(task)
            parent_id = node.task.parent_id
            node = nodes.get(parent_id) if parent_id else None
    return PlanTree(roots, overall)


def plan_indicators(*, plan: Plan) -> list[IndicatorRow]:
    """The plan's targets with their latest value and verdict (indicators.selectors)."""
    return indicator_rows(indicators=Indicator.objects.filter(plan=plan), responsible=False)


@dataclass(frozen=True)
class BudgetSummary:
    """The plan's budget lines with totals, and the check against the stated total."""

    lines: list[BudgetLine]
    planned: int
    allocated: int
    disbursed: int
    stated: int | None

    @property
    def stated_matches(self) -> bool | None:
        """None when the plan states no total; else whether the lines add up to it."""
        return None if self.stated is None else self.stated == self.planned

    @property
    def difference(self) -> int:
        return (self.stated or 0) - self.planned


def plan_budget(*, plan: Plan, user) -> BudgetSummary | None:
    """Budget lines with allocated and disbursed sums (one query); None if the user may not read.

    The planned total follows the importer's cross-check: top-level lines, a line with a
    blank amount counting as the sum of its sub-items.
    """
    # Budget is agency-wide information (BudgetLineQuerySet.read_roles): decided from the
    # per-request access, so a reader without it costs no query and sees no empty panel.
    if not access_for(user).can_read_agency(plan.agency_id, roles=BudgetLineQuerySet.read_roles):
        return None
    lines = list(
        BudgetLine.objects.visible_to(user)
        .filter(plan=plan)
        .annotate(
            allocated=Sum("entries__amount", filter=Q(entries__kind=EntryKind.ALLOCATION)),
            disbursed=Sum("entries__amount", filter=Q(entries__kind=EntryKind.DISBURSEMENT)),
        )
        .order_by("position", "pk")
    )
    children_sum: dict[int, int] = {}
    for line in lines:
        if line.parent_id:
            children_sum[line.parent_id] = children_sum.get(line.parent_id, 0) + (
                line.planned_amount or 0
            )
    planned = sum(
        line.planned_amount if line.planned_amount is not None else children_sum.get(line.pk, 0)
        for line in lines
        if not line.parent_id
    )
    return BudgetSummary(
        lines=lines,
        planned=planned,
        allocated=sum(line.allocated or 0 for line in lines),
        disbursed=sum(line.disbursed or 0 for line in lines),
        stated=plan.budget_total_stated,
    )
