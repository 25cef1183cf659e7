from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from organizations.access import access_for
from organizations.roles import AGENCY_WIDE_ROLES
from plans.models import Plan
from plans.selectors import build_tree, plan_budget, plan_indicators, plan_references, plan_rows


@login_required
@require_safe
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = (
        Plan.objects.visible_to(request.user)
        .select_related("agency")
        .annotate(task_count=Count("tasks", filter=Q(tasks__is_section=False)))
        .order_by("-year", "agency__name", "title")
    )
    return render(request, "plans/plan_list.html", {"plans": plans})


@login_required
@require_safe
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.visible_to(request.user).select_related("agency"), pk=pk)
    user, today = request.user, timezone.localdate()
    access = access_for(user)
    context = {
        "plan": plan,
        "references": plan_references(plan=plan, user=user),
        "tree": build_tree(list(plan_rows(plan=plan, user=user, on=today))),
        "indicators": plan_indicators(plan=plan),
        "budget": plan_budget(plan=plan, user=user),
        # Agency editors are the ones who export and import plans (importer._import_agencies).
        "can_edit": access.can_edit_agency(plan.agency_id),
        # The dashboard opens for agency-wide readers (dashboard.board.require_dashboard_reader).
        "can_see_dashboard": access.has_role(*AGENCY_WIDE_ROLES),
        "today": today,
    }
    return render(request, "plans/plan_detail.html", context)
