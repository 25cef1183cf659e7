"""Plans (Kế hoạch): the documents whose appendices list the tasks."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organizations.access import access_for
from organizations.models import Agency
from organizations.roles import AGENCY_WIDE_ROLES
from organizations.scoping import ScopedQuerySet


class PlanKind(models.TextChoices):
    ANNUAL_CCHC = "annual_cchc", _("Kế hoạch CCHC năm")
    TTHC_CONTROL = "tthc_control", _("Kế hoạch kiểm soát TTHC")
    REMEDIATION = "remediation", _("Kế hoạch khắc phục hạn chế")
    PAR_INDEX = "par_index", _("Kế hoạch nâng cao Chỉ số CCHC")
    OTHER = "other", _("Kế hoạch khác")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ACTIVE = "active", _("Đang thực hiện")
    CLOSED = "closed", _("Đã kết thúc")


class PlanQuerySet(ScopedQuerySet):
    """Plans of agencies the user reads in full, or that hold a task of the user's units."""

    agency_field = "agency"
    deleted_at_field = "deleted_at"
    read_roles = AGENCY_WIDE_ROLES

    def reached_through_units(self, unit_ids: frozenset[int]) -> Q:
        # The one cycle the apps keep: tasks.models imports Plan for Task.plan, and a
        # plan is visible through its tasks' units. Importing here, when the query is
        # built, lets plans stay below tasks.
        from tasks.models import TaskAssignment

        plan_ids = TaskAssignment.objects.filter(unit_id__in=unit_ids).values("task__plan_id")
        return Q(pk__in=plan_ids)

    def active(self) -> PlanQuerySet:
        return self.filter(status=PlanStatus.ACTIVE)

    def in_trash(self) -> PlanQuerySet:
        return self.filter(deleted_at__isnull=False)

    def trash_of(self, user) -> PlanQuerySet:
        """Deleted plans ``user`` may restore: those of the agencies the user edits."""
        condition = self.editability(access_for(user))
        if condition is False:
            return self.none()
        rows = self.in_trash()
        return rows if condition is True else rows.filter(condition)

    def deleted_before(self, cutoff: dt.datetime) -> PlanQuerySet:
        return self.filter(deleted_at__lt=cutoff)


def plan_upload_path(instance: Plan, filename: str) -> str:
    return f"plans/{instance.agency_id}/{instance.year}/{filename}"


class Plan(models.Model):
    """A Kế hoạch of one agency for one year, e.g. "Số: 12/KH-STP"."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="plans"
    )
    number = models.CharField(
        _("số"), max_length=20, blank=True, help_text=_("Để trống nếu văn bản chưa có số")
    )
    symbol = models.CharField(_("ký hiệu"), max_length=40, blank=True, help_text=_("Ví dụ: KH-STP"))
    title = models.TextField(_("trích yếu"))
    kind = models.CharField(
        _("loại kế hoạch"), max_length=20, choices=PlanKind.choices, default=PlanKind.ANNUAL_CCHC
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    legal_basis = models.TextField(_("căn cứ ban hành"), blank=True)
    signer = models.CharField(_("người ký"), max_length=120, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    # "Tổng số kinh phí dự kiến: 4.415.800.000 đồng" as the document states it, kept so
    # the plan page can cross-check it against the sum of the budget lines.
    budget_total_stated = models.BigIntegerField(
        _("tổng kinh phí ghi trong kế hoạch (đồng)"), null=True, blank=True
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.ACTIVE
    )
    source_file = models.FileField(
        _("tệp gốc"), upload_to=plan_upload_path, blank=True, max_length=255
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    # Soft delete: a deleted plan (and everything under it) leaves every scope at once and
    # stays restorable by the agency's coordinators for PLAN_RETENTION_DAYS.
    deleted_at = models.DateTimeField(_("xoá lúc"), null=True, blank=True, db_index=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xoá"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PlanQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-year", "agency", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "number", "symbol"],
                condition=~Q(number=""),
                name="plan_unique_number_per_agency_year",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="plan_year_sane"
            ),
        ]

    # The columns ``__str__`` and ``short_label`` read: ``.only(*Plan.LABEL_FIELDS)`` for
    # dropdowns and list rows that name a plan and nothing else.
    LABEL_FIELDS = ("id", "number", "symbol", "title", "issued_on", "year")

    def __str__(self) -> str:
        return f"{self.document_number} — {self.title}" if self.number else self.short_label()

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", args=[self.pk])

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def document_number(self) -> str:
        """ "12/KH-STP", or "/KH-STP" when the number is still blank."""
        return f"{self.number}/{self.symbol}" if self.symbol else self.number

    def short_label(self) -> str:
        """How lists and dropdowns name a plan: "12/KH-STP", or title and date while unnumbered.

        A plan imported before it is signed has no number yet; "/KH-STP" alone would not
        tell two such plans apart, so they are named by what they are about and when.
        """
        if self.number:
            return self.document_number
        when = self.issued_on.strftime("%d/%m/%Y") if self.issued_on else str(self.year)
        return f"{Truncator(self.title).chars(60)} ({when})"


class PlanReference(models.Model):
    """A plan this one implements ("Thực hiện Kế hoạch số 188/KH-UBND ngày 27/12/2025")."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="references"
    )
    text = models.CharField(_("văn bản căn cứ"), max_length=255)
    referenced_plan = models.ForeignKey(
        Plan,
        verbose_name=_("kế hoạch trong hệ thống"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="implemented_by",
    )

    class Meta:
        verbose_name = _("văn bản căn cứ")
        verbose_name_plural = _("văn bản căn cứ")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text
