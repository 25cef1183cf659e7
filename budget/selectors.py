"""Reads that aggregate budget lines for the budget page (selectors only read)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce

from budget.models import COUNTED_IN_TOTAL, BudgetEntry, BudgetLineQuerySet, EntryKind


@dataclass(frozen=True)
class BudgetTotals:
    """What the listed lines plan, and what has been allocated to and disbursed from them."""

    planned: int
    allocated: int
    disbursed: int

    @property
    def remaining(self) -> int:
        """Allocated but not yet disbursed."""
        return self.allocated - self.disbursed


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


def _entry_sum(kind: str) -> Subquery:
    entries = (
        BudgetEntry.objects.filter(line=OuterRef("pk"), kind=kind)
        .order_by()
        .values("line")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Subquery(entries)
