"""Budget (kinh phí): planned lines in whole VND, with allocations and disbursements."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organizations.access import access_for
from organizations.roles import AGENCY_EDITOR_ROLES, AGENCY_WIDE_ROLES, Role
from organizations.scoping import Condition, ScopedQuerySet
from plans.models import Plan

# Lines whose planned amount adds to a total, so sub-items are not counted twice: a top-level
# line, or a sub-item whose parent states no amount (the parent's is then its children's sum).
COUNTED_IN_TOTAL = Q(parent__isnull=True) | Q(parent__planned_amount__isnull=True)
# Who records allocations and disbursements: the accountant and the agency's editors.
BUDGET_WRITER_ROLES = AGENCY_EDITOR_ROLES | {Role.ACCOUNTANT}


class BudgetLineQuerySet(ScopedQuerySet):
    """Budget is agency-wide information: agency-wide roles (the accountant too) read every
    line; unit staff read the lines of the tasks their unit leads."""

    agency_field = "plan__agency"
    deleted_at_field = "plan__deleted_at"
    read_roles = AGENCY_WIDE_ROLES

    def reached_through_units(self, unit_ids: frozenset[int]) -> Condition:
        # tasks sit above budget (a task app page reads budget); imported when the query is
        # built, like PlanQuerySet.reached_through_units, so budget stays below tasks.
        from tasks.models import AssignmentRole, TaskAssignment

        led = TaskAssignment.objects.filter(
            unit_id__in=sorted(unit_ids), role=AssignmentRole.LEAD
        ).values("task_id")
        return Q(task_id__in=led)

    def accepting_entries_from(self, user) -> BudgetLineQuerySet:
        """Lines ``user`` may record allocations and disbursements on."""
        access = access_for(user)
        return self.where(self.scope(access, agency_ids=access.agencies_for(BUDGET_WRITER_ROLES)))

    def top_level(self) -> BudgetLineQuerySet:
        return self.filter(parent__isnull=True)

    def with_entry_totals(self) -> BudgetLineQuerySet:
        """Each line's ``allocated`` and ``disbursed`` đồng, summed in the same grouped query."""
        return self.annotate(
            allocated=Coalesce(
                Sum("entries__amount", filter=Q(entries__kind=EntryKind.ALLOCATION)), 0
            ),
            disbursed=Coalesce(
                Sum("entries__amount", filter=Q(entries__kind=EntryKind.DISBURSEMENT)), 0
            ),
        )


class FundingSource(models.TextChoices):
    PROVINCE = "province", _("Ngân sách tỉnh")
    OTHER = "other", _("Nguồn khác")


class BudgetLine(models.Model):
    """A kinh phí line of a plan ("Chi phục vụ tuyên truyền CCHC"), possibly with sub-items.

    Amounts are whole đồng; a parent's planned amount may be blank, in which case
    it is the sum of its children.
    """

    plan = models.ForeignKey(
        Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="budget_lines"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thuộc mục"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    code = models.CharField(_("STT"), max_length=20, blank=True)
    content = models.TextField(_("nội dung chi"))
    planned_amount = models.BigIntegerField(_("dự toán (đồng)"), null=True, blank=True)
    task = models.ForeignKey(
        "tasks.Task",
        verbose_name=_("nhiệm vụ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_lines",
        help_text=_("Cán bộ của đơn vị chủ trì nhiệm vụ xem được dòng kinh phí này."),
    )
    funding_source = models.CharField(
        _("nguồn kinh phí"), max_length=20, choices=FundingSource.choices, blank=True
    )
    note = models.TextField(_("ghi chú"), blank=True)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)

    objects = BudgetLineQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dòng kinh phí")
        verbose_name_plural = _("kinh phí")
        ordering = ["plan", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_amount__isnull=True) | Q(planned_amount__gte=0),
                name="budget_line_amount_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.content}" if self.code else self.content

    def disbursed_total(self) -> int:
        total = self.entries.filter(kind=EntryKind.DISBURSEMENT).aggregate(s=Sum("amount"))["s"]
        return total or 0


class EntryKind(models.TextChoices):
    ALLOCATION = "allocation", _("Phân bổ, giao dự toán")
    DISBURSEMENT = "disbursement", _("Giải ngân, thanh toán")


class BudgetEntry(models.Model):
    """Money allocated to or spent on a budget line on a given day."""

    line = models.ForeignKey(
        BudgetLine,
        verbose_name=_("dòng kinh phí"),
        on_delete=models.CASCADE,
        related_name="entries",
    )
    kind = models.CharField(_("loại"), max_length=12, choices=EntryKind.choices)
    amount = models.BigIntegerField(_("số tiền (đồng)"))
    date = models.DateField(_("ngày"))
    document_number = models.CharField(_("số chứng từ, quyết định"), max_length=60, blank=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phân bổ, giải ngân")
        verbose_name_plural = _("phân bổ, giải ngân")
        ordering = ["line", "date"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="budget_entry_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount} ({self.date})"
