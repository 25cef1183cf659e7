"""Indicators (chỉ tiêu): measurable targets a plan sets, with values per reporting period."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from periods.models import ReportingPeriod
from plans.models import Plan
from tasks.models import Area, Task


class Comparator(models.TextChoices):
    """Mirrors ``importer.parsing.targets.Comparator``."""

    GTE = "gte", _("từ ... trở lên")
    GT = "gt", _("trên")
    EQ = "eq", _("đạt")
    LTE = "lte", _("không quá")
    LT = "lt", _("dưới")


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

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["plan", "position"]

    def __str__(self) -> str:
        return self.name

    def is_met(self, value: Decimal) -> bool:
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
