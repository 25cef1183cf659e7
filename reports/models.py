"""Word reports: an agency's header settings, frozen period data and tracked report jobs."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organizations.models import Agency
from organizations.roles import REPORT_READER_ROLES
from organizations.scoping import ScopedQuerySet
from periods.models import ReportingPeriod
from plans.models import Plan
from reports.content import ReportHeader
from reports.data import ReportData
from reports.figures import range_phrase

DEFAULT_SIGNER_TITLE = "GIÁM ĐỐC"
DEFAULT_RECIPIENTS = "Lưu: VT"


class ReportSettingsQuerySet(ScopedQuerySet):
    """Read with the reports; coordinators change them (checked in the view and service)."""

    agency_field = "agency"
    read_roles = REPORT_READER_ROLES


class ReportSettings(models.Model):
    """The header and signature of an agency's reports (Nghị định 30/2020 layout).

    Blank fields fall back to the agency's own document fields (parent, header name,
    symbol, place), so an agency without settings still gets a correct header.
    """

    agency = models.OneToOneField(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="report_settings"
    )
    parent_agency = models.CharField(
        _("cơ quan chủ quản"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: UBND TỈNH THÁI NGUYÊN"),
    )
    agency_name = models.CharField(
        _("tên cơ quan trên tiêu đề"), max_length=255, blank=True, help_text=_("Ví dụ: SỞ TƯ PHÁP")
    )
    symbol = models.CharField(
        _("ký hiệu cơ quan"), max_length=32, blank=True, help_text=_('Dùng trong "Số: .../BC-STP"')
    )
    place = models.CharField(_("địa danh"), max_length=100, blank=True)
    signer_title = models.CharField(
        _("chức vụ người ký"),
        max_length=200,
        default=DEFAULT_SIGNER_TITLE,
        help_text=_("Có thể viết hai dòng, ví dụ: KT. GIÁM ĐỐC rồi xuống dòng PHÓ GIÁM ĐỐC"),
    )
    signer_name = models.CharField(_("họ và tên người ký"), max_length=120, blank=True)
    recipients = models.TextField(
        _("nơi nhận"),
        default=DEFAULT_RECIPIENTS,
        help_text=_("Mỗi nơi nhận một dòng, ví dụ: UBND tỉnh (b/c)"),
    )

    objects = ReportSettingsQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thiết lập báo cáo của cơ quan")
        verbose_name_plural = _("thiết lập báo cáo của cơ quan")

    def __str__(self) -> str:
        return str(self.agency)

    @classmethod
    def of(cls, agency: Agency) -> ReportSettings:
        """The agency's saved settings, or unsaved defaults."""
        found = cls.objects.filter(agency=agency).first()
        return found or cls(agency=agency)

    def header(self) -> ReportHeader:
        agency = self.agency
        return ReportHeader(
            parent_agency=self.parent_agency or agency.parent_name,
            agency_name=self.agency_name or agency.document_header_name,
            agency_full_name=agency.name,
            symbol=self.symbol or agency.symbol,
            place=self.place or agency.place_name,
            signer_title=self.signer_title,
            signer_name=self.signer_name,
            recipients=[line.strip() for line in self.recipients.splitlines() if line.strip()],
        )


class SnapshotReason(models.TextChoices):
    CUTOFF = "cutoff", _("Chốt số liệu")
    LOCK = "lock", _("Khóa lại kỳ")


class PeriodSnapshotQuerySet(ScopedQuerySet):
    agency_field = "period__agency"
    read_roles = REPORT_READER_ROLES

    def latest_for(self, period: ReportingPeriod) -> PeriodSnapshot | None:
        return self.filter(period=period).order_by("-taken_at", "-pk").first()


class PeriodSnapshot(models.Model):
    """What a period's report says, frozen when the period is locked.

    ``data`` is :meth:`reports.data.ReportData.to_json` as of the cut-off. Locking again
    after a reopening adds a new row; older rows stay as the history of what was reported.
    """

    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("kỳ báo cáo"),
        on_delete=models.CASCADE,
        related_name="snapshots",
    )
    taken_at = models.DateTimeField(_("chốt lúc"), default=timezone.now)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người khóa kỳ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(_("lý do"), max_length=8, choices=SnapshotReason.choices)
    task_count = models.PositiveIntegerField(_("số nhiệm vụ"), default=0)
    data = models.JSONField(_("số liệu"), encoder=DjangoJSONEncoder)

    objects = PeriodSnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = _("số liệu chốt của kỳ")
        verbose_name_plural = _("số liệu chốt của kỳ")
        ordering = ["period", "-taken_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.period} — {timezone.localtime(self.taken_at):%d/%m/%Y %H:%M}"

    def report_data(self) -> ReportData:
        return ReportData.from_json(self.data)

    def is_current_for(self, period: ReportingPeriod) -> bool:
        """False once the period was reopened after this was taken (a re-lock refreshes it)."""
        reopened = period.reopened_until
        return reopened is None or timezone.localdate(self.taken_at) > reopened


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang tạo")
    DONE = "done", _("Hoàn thành")
    FAILED = "failed", _("Lỗi")


class ReportKind(models.TextChoices):
    PERIOD = "period", _("Báo cáo kỳ")
    RANGE = "range", _("Báo cáo theo khoảng thời gian")


class ReportJobQuerySet(ScopedQuerySet):
    """Leaders and coordinators of the agency, province viewers above it; nobody else."""

    agency_field = "agency"
    read_roles = REPORT_READER_ROLES

    def claim(self, pk: int) -> bool:
        """Take a queued job (queued → running); False if another worker has it or it ran."""
        return bool(
            self.filter(pk=pk, status=ReportStatus.QUEUED).update(
                status=ReportStatus.RUNNING, started_at=timezone.now(), progress=0, error=""
            )
        )

    def with_detail(self) -> ReportJobQuerySet:
        return self.select_related("agency", "period", "plan", "requested_by")


def report_upload_path(instance: ReportJob, filename: str) -> str:
    return f"reports/{instance.agency_id}/{filename}"


class ReportJob(models.Model):
    """A report a user (or the beat, ``automatic``) asked for, built by a Celery worker.

    The worker claims the row with a conditional UPDATE, reports ``progress`` and
    ``step`` while it works and writes ``file`` and ``spreadsheet`` only once both are
    complete on disk, so a killed worker never leaves a downloadable half file.
    """

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="report_jobs"
    )
    kind = models.CharField(
        _("loại báo cáo"), max_length=8, choices=ReportKind.choices, default=ReportKind.PERIOD
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("kỳ báo cáo"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="report_jobs",
    )
    # A custom range (kind "range") instead of a period; always read from live data.
    range_start = models.DateField(_("từ ngày"), null=True, blank=True)
    range_end = models.DateField(_("đến ngày"), null=True, blank=True)
    plan = models.ForeignKey(
        Plan,
        verbose_name=_("kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="report_jobs",
    )
    automatic = models.BooleanField(_("tạo tự động sau khi chốt số liệu"), default=False)
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    step = models.CharField(_("bước"), max_length=120, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    file = models.FileField(_("tệp Word"), upload_to=report_upload_path, blank=True, max_length=255)
    spreadsheet = models.FileField(
        _("tệp Excel"), upload_to=report_upload_path, blank=True, max_length=255
    )
    from_snapshot = models.BooleanField(_("dùng số liệu đã chốt"), default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("yêu cầu lúc"), default=timezone.now)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    notified_at = models.DateTimeField(_("đã gửi thông báo lúc"), null=True, blank=True)

    objects = ReportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # The beat builds each period's report once, however many beats or retries.
            models.UniqueConstraint(
                fields=["period"],
                condition=Q(automatic=True),
                name="report_one_automatic_per_period",
            ),
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100), name="report_progress_0_100"
            ),
            # A job reports either one period or one date range, never both nor neither.
            models.CheckConstraint(
                condition=(
                    Q(
                        kind=ReportKind.PERIOD,
                        period__isnull=False,
                        range_start__isnull=True,
                        range_end__isnull=True,
                    )
                    | Q(
                        kind=ReportKind.RANGE,
                        period__isnull=True,
                        automatic=False,
                        range_start__isnull=False,
                        range_end__gte=F("range_start"),
                    )
                ),
                name="report_period_or_range",
            ),
        ]
        indexes = [models.Index(fields=["agency", "-created_at"], name="report_agency_created")]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"

    @property
    def is_range(self) -> bool:
        return self.kind == ReportKind.RANGE

    @property
    def title(self) -> str:
        label = self.range_label() if self.period is None else self.period.label
        return f"{label} — {self.plan.short_label()}" if self.plan is not None else label

    def range_label(self) -> str:
        """ "Từ ngày 01/01/2026 đến ngày 31/03/2026" ("" for a period's job)."""
        if self.range_start is None or self.range_end is None:
            return ""
        phrase = range_phrase(self.range_start, self.range_end)
        return phrase[:1].upper() + phrase[1:]

    @property
    def is_active(self) -> bool:
        return self.status in (ReportStatus.QUEUED, ReportStatus.RUNNING)

    @property
    def is_done(self) -> bool:
        return self.status == ReportStatus.DONE and bool(self.file)

    @property
    def is_failed(self) -> bool:
        return self.status == ReportStatus.FAILED

    def file_stem(self) -> str:
        """ "bao-cao-cchc-2026-q1", "bao-cao-cchc-20260101-20260331" (+ "-kh<plan id>")."""
        if self.period is None:
            stem = f"bao-cao-cchc-{self.range_start:%Y%m%d}-{self.range_end:%Y%m%d}"
        else:
            stem = f"bao-cao-cchc-{self.period.year}-{self.period.kind}"
        return f"{stem}-kh{self.plan_id}" if self.plan_id else stem

    def duration(self) -> dt.timedelta | None:
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None
