from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from budget.models import BudgetLine
from common.pagination import page_of


@login_required
@require_safe
def budget_list(request: HttpRequest) -> HttpResponse:
    lines = (
        BudgetLine.objects.visible_to(request.user)
        .select_related("plan", "plan__agency", "parent")
        .order_by("plan__year", "plan_id", "position")
    )
    return render(request, "budget/budget_list.html", {"page": page_of(request, lines)})
