from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from organizations.access import access_for
from plans.models import Plan
from tasks.models import Task


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
    rows = Task.objects.visible_to(request.user).filter(plan=plan).with_units().order_by("position")
    can_edit = access_for(request.user).can_edit_agency(plan.agency_id)
    return render(
        request, "plans/plan_detail.html", {"plan": plan, "rows": rows, "can_edit": can_edit}
    )
