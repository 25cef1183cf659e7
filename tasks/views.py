from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from tasks.models import Task


@login_required
def my_tasks(request):
    tasks = (
        Task.objects.visible_to(request.user)
        .actionable()
        .with_units()
        .order_by("plan__year", "plan_id", "position")
    )
    return render(request, "tasks/task_list.html", {"tasks": tasks})


@login_required
def task_detail(request, pk: int):
    task = get_object_or_404(Task.objects.visible_to(request.user).with_units(), pk=pk)
    return render(request, "tasks/task_detail.html", {"task": task})
