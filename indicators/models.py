"""Indicators (chỉ tiêu): measurable targets a plan sets, with values per reporting period."""

from __future__ import annotations

import uuid
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.files import StoredFile
from organizations.models import Unit
from organizations.roles import AGENCY_WIDE_ROLES
from organizations.scoping import Condition, ScopedQuerySet
from periods.models import ReportingPeriod
from plans.models import Plan
from tasks.models import Area, AssignmentRole, Task, TaskAssignment


class Comparator(models.TextChoices):
    """Mirrors ``importer.parsing.targets.Comparator``."""

    GTE = "gte", _("từ ... trở lên")
    GT = "gt", _("trên")
    EQ = "eq", _("đạt")
    LTE = "lte", _("không quá")
    LT = "lt", _("dưới")


class Source(models.TextChoices):
    """Where an indicator's value per period comes from: typed in, or computed at lock time."""

    MANUAL = "manual", _("Đơn vị nhập số liệu")
    ON_TIME_RATE = "on_time_rate", _("Tỷ lệ nhiệm vụ đến hạn hoàn thành đúng hạn")
    DONE_SHARE = "done_share", _("Tỷ lệ nhiệm vụ đã hoàn thành")
    REPORTS_ON_TIME = "reports_on_time", _("Tỷ lệ đơn vị gửi báo cáo kỳ đúng hạn")


class IndicatorQuerySet(ScopedQuerySet):
    """An indicator is read with its plan; its responsible unit and the agency's editors write.

    The responsible unit is the one the Văn phòng chose, else the lead units of its task.
    """

    agency_field = "plan__agency"
    deleted_at_field = "plan__deleted_at"
    read_roles = AGENCY_WIDE_ROLES

    def reached_through_units(self, unit_ids: frozenset[int]) -> Condition:
        plans = Plan.objects.all().reached_through_units(unit_ids)
        return Q(plan_id__in=Plan.objects.filter(plans).values("pk")) | self.responsible(unit_ids)

    def changed_through_units(self, unit_ids: frozenset[int]) -> Condition:
        return self.responsible(unit_ids)

    @staticmethod
    def responsible(unit_ids: frozenset[int]) -> Q:
        led = TaskAssignment.objects.filter(
            unit_id__in=sorted(unit_ids), role=AssignmentRole.LEAD
        ).values("task_id")
        return Q(responsible_unit_id__in=sorted(unit_ids)) | Q(
            responsible_unit__isnull=True, task_id__in=led
        )

    def with_permissions(self, user) -> IndicatorQuerySet:
        """Annotate ``user_can_record`` (enter actuals) in the same query."""
        from organizations.access import access_for

        return self.annotate(user_can_record=self.flag(self.editability(access_for(user))))


class Indicator(models.Model):
    """A chỉ tiêu such as "Tỷ lệ hồ sơ giải quyết đúng hạn đạt từ 97% trở lên".

    The sentence is kept as written; comparator, value and unit are what the
    importer understood, so a value reported later can be checked against it.
    """

    plan = models.ForeignKey(
        Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="indicators"
    )
    task = models.ForeignKey(
        Task,
        verbose_name=_("nhiệm vụ liên quan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
    )
    area = models.ForeignKey(
        Area, verbose_name=_("lĩnh vực"), null=True, blank=True, on_delete=models.SET_NULL
    )
    name = models.CharField(_("tên chỉ tiêu"), max_length=300)
    text = models.TextField(_("nguyên văn"))
    comparator = models.CharField(
        _("so sánh"), max_length=4, choices=Comparator.choices, default=Comparator.GTE
    )
    target_value = models.DecimalField(_("giá trị mục tiêu"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("đơn vị tính"), max_length=40, blank=True)
    per = models.CharField(
        _("tính theo"), max_length=10, blank=True, help_text=_("month/quarter/year")
    )
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    responsible_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị chịu trách nhiệm"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Để trống: đơn vị chủ trì nhiệm vụ liên quan."),
    )
    source = models.CharField(
        _("nguồn số liệu"), max_length=20, choices=Source.choices, default=Source.MANUAL
    )

    objects = IndicatorQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["plan", "position"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("indicators:detail", args=[self.pk])

    def get_per_display(self) -> str:
        labels = {"week": _("tuần"), "month": _("tháng"), "quarter": _("quý"), "year": _("năm")}
        return str(labels.get(self.per, self.per))

    @property
    def responsible_label(self) -> str:
        """The chosen unit, else the related task's lead units ("—" when neither)."""
        if self.responsible_unit is not None:
            return str(self.responsible_unit)
        if self.task is not None:
            return self.task.lead_label or "—"
        return "—"

    @property
    def is_computed(self) -> bool:
        return self.source != Source.MANUAL

    def is_met(self, value: Decimal) -> bool:
        """Whether ``value`` meets the target as written (no per-period scaling).

        Per-period achievement, with per-month and per-quarter targets scaled to the months
        a period covers, is :func:`indicators.achievement.status_for`.
        """
        target = self.target_value
        return {
            Comparator.GTE: value >= target,
            Comparator.GT: value > target,
            Comparator.EQ: value == target,
            Comparator.LTE: value <= target,
            Comparator.LT: value < target,
        }[Comparator(self.comparator)]


class IndicatorValue(models.Model):
    """The value an indicator reached in one reporting period."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.CASCADE, related_name="values"
    )
    period = models.ForeignKey(
        ReportingPeriod, verbose_name=_("kỳ báo cáo"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(_("giá trị đạt được"), max_digits=14, decimal_places=2)
    note = models.TextField(_("ghi chú"), blank=True)
    source_note = models.TextField(_("nguồn số liệu"), blank=True)
    computed = models.BooleanField(_("tính tự động"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("nhập lúc"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["recorded_at"])

    class Meta:
        verbose_name = _("kết quả chỉ tiêu theo kỳ")
        verbose_name_plural = _("kết quả chỉ tiêu theo kỳ")
        ordering = ["indicator", "period__cutoff"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period"], name="indicator_value_unique_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} — {self.period}: {self.value}"

    @property
    def is_met(self) -> bool:
        return self.indicator.is_met(self.value)


def indicator_evidence_path(instance: IndicatorEvidence, filename: str) -> str:
    """A random name under the indicator's folder; the original name is kept in the row only."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"indicator-evidence/{instance.value.indicator_id}/{uuid.uuid4().hex}{suffix}"


class IndicatorEvidenceQuerySet(ScopedQuerySet):
    """Evidence follows its indicator's scope (downloads included)."""

    agency_field = "value__indicator__plan__agency"
    deleted_at_field = "value__indicator__plan__deleted_at"
    read_roles = AGENCY_WIDE_ROLES

    def reached_through_units(self, unit_ids: frozenset[int]) -> Condition:
        visible = Indicator.objects.filter(Indicator.objects.reached_through_units(unit_ids))
        return Q(value__indicator_id__in=visible.values("pk"))


class IndicatorEvidence(StoredFile):
    """A tài liệu kiểm chứng for one period's value, stored privately like task evidence.

    Append-only through the UI; served only by ``indicators:evidence`` after the scope check.
    """

    value = models.ForeignKey(
        IndicatorValue,
        verbose_name=_("kết quả chỉ tiêu"),
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    file = models.FileField(_("tệp"), upload_to=indicator_evidence_path, max_length=255)

    objects = IndicatorEvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("tài liệu kiểm chứng chỉ tiêu")
        verbose_name_plural = _("tài liệu kiểm chứng chỉ tiêu")
        ordering = ["value", "uploaded_at", "pk"]

    def get_absolute_url(self) -> str:
        return reverse("indicators:evidence", args=[self.pk])
