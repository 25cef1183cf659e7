"""Reporting periods (kỳ báo cáo): when data is cut off and when reports are due."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organizations.access import access_for
from organizations.models import Agency, Unit
from organizations.roles import ALL_ROLES, TASK_READER_ROLES
from organizations.scoping import ScopedQuerySet
from periods.labels import period_label


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


class ReportingPeriodQuerySet(ScopedQuerySet):
    """Every member of an agency reads its periods; agency editors reopen them."""

    agency_field = "agency"
    read_roles = ALL_ROLES

    def accepting_updates_from(self, user, *, on: dt.date) -> ReportingPeriodQuerySet:
        """Started periods the user may write progress into on ``on``.

        Staff and unit heads write only while a period is open (before its cut-off,
        or reopened by the Văn phòng); agency editors may correct any started period.
        """
        access = access_for(user)
        open_for_staff = Q(cutoff__gte=on) | Q(reopened_until__gte=on)
        rule = self.scope(access, agency_ids=access.editable_agency_ids, also=open_for_staff)
        return self.filter(start__lte=on).where(rule)

    def with_open_state(self, *, on: dt.date) -> ReportingPeriodQuerySet:
        """Annotate ``open_for_staff`` (same rule as :meth:`ReportingPeriod.is_open_for_staff`)."""
        open_on = Q(start__lte=on) & (Q(cutoff__gte=on) | Q(reopened_until__gte=on))
        return self.annotate(
            open_for_staff=models.Case(
                models.When(open_on, then=models.Value(True)),
                default=models.Value(False),
                output_field=models.BooleanField(),
            )
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
        return self.label

    @property
    def label(self) -> str:
        """ "Quý I/2026", "6 tháng đầu năm 2026", "Năm 2026" (see periods.labels)."""
        return period_label(kind=self.kind, year=self.year)

    def is_open_for_staff(self, on: dt.date | None = None) -> bool:
        day = on or timezone.localdate()
        if day < self.start:
            return False
        return day <= self.cutoff or (
            self.reopened_until is not None and day <= self.reopened_until
        )

    def submission_refusal(self, on: dt.date) -> str:
        """Why a unit report cannot be sent on ``on``; "" when it can.

        Reports are sent after the data cut-off, by the due date; after that the
        period is locked for submissions unless the Văn phòng has reopened it.
        """
        if on < self.start:
            return str(_("Kỳ báo cáo chưa bắt đầu."))
        if on <= self.due_date or (self.reopened_until is not None and on <= self.reopened_until):
            return ""
        return str(
            _(
                "Kỳ báo cáo đã khóa: hạn gửi báo cáo là %(due)s. "
                "Liên hệ Văn phòng để mở lại kỳ trước khi gửi."
            )
            % {"due": self.due_date.strftime("%d/%m/%Y")}
        )


class SubmissionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Bị trả lại")


class PeriodSubmissionQuerySet(ScopedQuerySet):
    """Task readers see every unit's submission; unit roles their own units'."""

    agency_field = "period__agency"
    read_roles = TASK_READER_ROLES

    def reached_through_units(self, unit_ids: frozenset[int]) -> Q:
        return Q(unit_id__in=sorted(unit_ids))


class PeriodSubmission(models.Model):
    """A unit head's "Gửi báo cáo" for one period: the unit's entries are final.

    The Văn phòng may return it with a comment; the unit then corrects and submits
    again (the same row goes back to ``submitted``).
    """

    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("kỳ báo cáo"),
        on_delete=models.CASCADE,
        related_name="submissions",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="submissions"
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.SUBMITTED,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("gửi lúc"))
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người trả lại"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    returned_at = models.DateTimeField(_("trả lại lúc"), null=True, blank=True)
    return_comment = models.TextField(_("lý do trả lại"), blank=True)

    objects = PeriodSubmissionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("báo cáo kỳ của đơn vị")
        verbose_name_plural = _("báo cáo kỳ của đơn vị")
        ordering = ["period", "unit"]
        constraints = [
            models.UniqueConstraint(fields=["period", "unit"], name="submission_unique_per_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.period}"

    @property
    def is_submitted(self) -> bool:
        return self.status == SubmissionStatus.SUBMITTED
