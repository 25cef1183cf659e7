"""Every budget row and total derives its remaining, not-disbursed and rate the same way."""

from __future__ import annotations

import pytest

from budget.selectors import BudgetPanel, BudgetTotals, PlanBudgetRow, SourceTotals


@pytest.mark.parametrize(
    ("planned", "allocated", "disbursed", "remaining", "not_disbursed", "rate"),
    [
        (1_000_000, 800_000, 250_000, 550_000, 750_000, "25,0%"),
        (0, 0, 0, 0, 0, "—"),  # nothing planned: no rate rather than a division by zero
        (300, 100, 400, -300, -100, "133,3%"),  # over-disbursed shows as negative
    ],
)
def test_one_rule_for_every_figure(planned, allocated, disbursed, remaining, not_disbursed, rate):
    totals = BudgetTotals(planned, allocated, disbursed)
    plan_row = PlanBudgetRow(None, planned, allocated, disbursed)
    source = SourceTotals("", "", planned, allocated, disbursed)
    panel = BudgetPanel({1: planned}, {1: disbursed})
    for figures in (totals, plan_row):
        assert figures.remaining == remaining
    for figures in (totals, plan_row, source, panel):
        assert (figures.not_disbursed, figures.rate_label) == (not_disbursed, rate)
