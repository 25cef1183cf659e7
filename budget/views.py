"""Budget pages: the agency's overview, a plan's budget tree with the entry form, the export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from audit.models import AuditAction
from audit.services import record_event
from budget import services
from budget.export import XLSX_CONTENT_TYPE, budget_workbook
from budget.forms import EntryForm, LineForm
from budget.models import BUDGET_WRITER_ROLES, BudgetEntry, BudgetLine, BudgetLineQuerySet
from budget.selectors import budget_totals, budget_tree, plan_budget_rows
from common.downloads import private_download
from common.pagination import page_of
from organizations.access import access_for
from organizations.roles import AGENCY_WIDE_ROLES
from organizations.scoping import deny_unless
from organizations.shortcuts import run_with_messages
from plans.models import Plan
from tasks.models import Task


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
    context = {
        "page": page,
        "totals": budget_totals(lines=lines),
        "plans": plan_budget_rows(lines=lines),
    }
    return render(request, "budget/budget_list.html", context)


def _plan(request: HttpRequest, pk: int) -> Plan:
    plan = get_object_or_404(Plan.objects.visible_to(request.user), pk=pk)
    access = access_for(request.user)
    # Unit staff read the lines of the tasks their unit leads; other roles need budget reach.
    readers = BudgetLineQuerySet.read_roles
    deny_unless(access.can_read_agency(plan.agency_id, roles=readers) or bool(access.unit_ids))
    return plan


def _entry_lines(request: HttpRequest, plan: Plan):
    return (
        BudgetLine.objects.accepting_entries_from(request.user)
        .filter(plan=plan)
        .order_by("position", "pk")
    )


@login_required
@require_safe
def plan_budget(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    tree = budget_tree(plan=plan, lines=BudgetLine.objects.visible_to(request.user))
    lines = _entry_lines(request, plan)
    may_write = access_for(request.user).has_role(*BUDGET_WRITER_ROLES) and lines.exists()
    context = {
        "plan": plan,
        "tree": tree,
        "form": EntryForm(lines=lines, initial={"date": timezone.localdate()})
        if may_write
        else None,
        "entries": _recent_entries(request, plan),
        "line_form": LineForm(lines=lines, tasks=Task.objects.filter(plan=plan).actionable())
        if may_write
        else None,
    }
    return render(request, "budget/plan_budget.html", context)


def _recent_entries(request: HttpRequest, plan: Plan):
    visible = BudgetLine.objects.visible_to(request.user).filter(plan=plan)
    return (
        BudgetEntry.objects.filter(line__in=visible)
        .select_related("line")
        .order_by("-date", "-pk")[:50]
    )


@login_required
@require_http_methods(["GET", "POST"])
def record_entry(request: HttpRequest, pk: int) -> HttpResponse:
    """An allocation or a disbursement on one of the plan's lines (accountant, Văn phòng)."""
    plan = _plan(request, pk)
    lines = _entry_lines(request, plan)
    deny_unless(lines.exists())
    form = EntryForm(request.POST or None, lines=lines, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.record_entry(
                line=form.cleaned_data["line"], user=request.user, entry=form.entry()
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request,
                _("Đã ghi %(kind)s %(amount)s đồng.")
                % {
                    "kind": entry.get_kind_display().lower(),
                    "amount": f"{entry.amount:,}".replace(",", "."),
                },
            )
            return redirect("budget:plan", pk=plan.pk)
    return render(request, "budget/entry_form.html", {"plan": plan, "form": form})


@login_required
@require_safe
@private_download
def export(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    tree = budget_tree(plan=plan, lines=BudgetLine.objects.visible_to(request.user))
    response = HttpResponse(budget_workbook(tree), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="kinh-phi-{plan.pk}.xlsx"'
    record_event(action=AuditAction.BUDGET_EXPORT, request=request, obj=plan)
    return response


@login_required
@require_POST
def describe_line(request: HttpRequest, pk: int) -> HttpResponse:
    """The accountant or the Văn phòng sets a line's funding source and task."""
    plan = _plan(request, pk)
    lines = _entry_lines(request, plan)
    deny_unless(lines.exists())
    form = LineForm(request.POST, lines=lines, tasks=Task.objects.filter(plan=plan).actionable())
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("budget:plan", pk=plan.pk)
    data = form.cleaned_data
    run_with_messages(
        request,
        lambda: services.describe_line(
            line=data["line"],
            user=request.user,
            funding_source=data["funding_source"],
            task=data["task"],
        ),
        success=_("Đã lưu dòng kinh phí."),
    )
    return redirect("budget:plan", pk=plan.pk)
