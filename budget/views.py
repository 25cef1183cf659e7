from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from budget.models import BudgetLine
from budget.selectors import budget_totals
from common.pagination import page_of
from organizations.access import access_for
from organizations.roles import AGENCY_WIDE_ROLES
from organizations.scoping import deny_unless


@login_required
@require_safe
def budget_list(request: HttpRequest) -> HttpResponse:
    # A role that reads no budget gets 403, not a page that looks as if nothing was planned.
    deny_unless(access_for(request.user).has_role(*AGENCY_WIDE_ROLES))
    lines = BudgetLine.objects.visible_to(request.user)
    page = page_of(
        request,
        lines.with_entry_totals()
        .select_related("plan", "plan__agency", "parent")
        .order_by("plan__year", "plan_id", "position"),
    )
    return render(
        request, "budget/budget_list.html", {"page": page, "totals": budget_totals(lines=lines)}
    )
