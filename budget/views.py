from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from budget.models import BudgetLine


@login_required
@require_safe
def budget_list(request):
    lines = (
        BudgetLine.objects.visible_to(request.user)
        .select_related("plan", "plan__agency", "parent")
        .order_by("plan__year", "plan_id", "position")
    )
    return render(request, "budget/budget_list.html", {"lines": lines})
