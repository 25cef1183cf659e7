"""Reporting periods (kỳ báo cáo): when data is cut off and when reports are due."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organizations.access import access_for
from organizations.models import Agency


class PeriodKind(models.TextChoices):
    QUARTER_1 = "q1", _("Quý I")
    HALF_YEAR = "h1", _("6 tháng")
    QUARTER_3 = "q3", _("Quý III")
    NINE_MONTHS = "m9", _("9 tháng")
    YEAR = "year", _("Năm")


class PeriodRule(models.Model):
    """An agency's own schedule for one kind of period, overriding the national default.

    Dates are (month, day) pairs; ``starts_previous_year`` is set when the period
    opens in December of the year before (the national Quý I opens on 15/12).
    """

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="period_rules"
    )
    kind = models.CharField(_("loại kỳ"), max_length=8, choices=PeriodKind.choices)
    enabled = models.BooleanField(_("áp dụng"), default=True)
    start_month = models.PositiveSmallIntegerField(_("tháng bắt đầu"))
    start_day = models.PositiveSmallIntegerField(_("ngày bắt đầu"))
    starts_previous_year = models.BooleanField(_("bắt đầu từ năm trước"), default=False)
    cutoff_month = models.PositiveSmallIntegerField(_("tháng chốt số liệu"))
    cutoff_day = models.PositiveSmallIntegerField(_("ngày chốt số liệu"))
    due_month = models.PositiveSmallIntegerField(_("tháng hạn gửi báo cáo"))
    due_day = models.PositiveSmallIntegerField(_("ngày hạn gửi báo cáo"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lịch kỳ báo cáo của cơ quan")
        verbose_name_plural = _("lịch kỳ báo cáo của cơ quan")
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind"], name="period_rule_unique_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} — {self.get_kind_display()}"

    def clean(self) -> None:
        for month_field, day_field in (
            ("start_month", "start_day"),
            ("cutoff_month", "cutoff_day"),
            ("due_month", "due_day"),
        ):
            try:
                dt.date(2024, getattr(self, month_field), getattr(self, day_field))
            except (TypeError, ValueError) as exc:
                raise ValidationError({day_field: _("Ngày, tháng không hợp lệ.")}) from exc


class ReportingPeriodQuerySet(models.QuerySet):
    def visible_to(self, user) -> ReportingPeriodQuerySet:
        access = access_for(user)
        if access.is_superuser:
            return self.all()
        return self.filter(
            Q(agency_id__in=access.readable_agency_ids) | Q(agency_id__in=access.member_agency_ids)
        )

    def containing(self, day: dt.date) -> ReportingPeriodQuerySet:
        return self.filter(start__lte=day, cutoff__gte=day)

    def open_on(self, day: dt.date) -> ReportingPeriodQuerySet:
        """Periods still accepting staff updates on ``day``: before cut-off or reopened."""
        return self.filter(Q(start__lte=day) & (Q(cutoff__gte=day) | Q(reopened_until__gte=day)))


class ReportingPeriod(models.Model):
    """One kỳ báo cáo of an agency: data from ``start`` to ``cutoff``, due on ``due_date``."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="periods"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(_("loại kỳ"), max_length=8, choices=PeriodKind.choices)
    start = models.DateField(_("từ ngày"))
    cutoff = models.DateField(_("chốt số liệu đến ngày"))
    due_date = models.DateField(_("hạn gửi báo cáo"))
    reopened_until = models.DateField(
        _("mở lại cho cán bộ đến ngày"),
        null=True,
        blank=True,
        help_text=_("Văn phòng mở lại kỳ đã chốt để các phòng bổ sung số liệu"),
    )

    objects = ReportingPeriodQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["agency", "year", "cutoff"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "kind"], name="period_unique_kind"),
            models.CheckConstraint(
                condition=Q(start__lte=F("cutoff")), name="period_start_le_cutoff"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}/{self.year}"

    @property
    def label(self) -> str:
        return f"Báo cáo {self.get_kind_display()} năm {self.year}"

    def is_open_for_staff(self, on: dt.date | None = None) -> bool:
        day = on or timezone.localdate()
        if day < self.start:
            return False
        return day <= self.cutoff or (
            self.reopened_until is not None and day <= self.reopened_until
        )
