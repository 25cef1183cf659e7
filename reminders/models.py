"""Reminders: per-agency settings, the ledger of what was said to whom, and the send log.

The ledger (:class:`ReminderItem`) has one row per (subject, recipient, threshold,
deadline snapshot): a task's "3 working days left" for one person is said once, and an
approved extension (a new deadline) starts the thresholds again. Rows are inserted
before anything is sent (the unique constraint is the claim), then gathered into that
recipient's :class:`Digest` of the day, which is claimed with a conditional UPDATE
before the e-mail goes out, as in healthchecks' ``sendreports``. The same rows are the
in-app notices (the bell) of recipients who are users.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organizations.models import Agency, Unit
from periods.models import ReportingPeriod
from tasks.models import Extension, Task


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENDING = "sending", _("Đang gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi lỗi")


# A failed digest is tried again by later sweeps, waiting longer each time, up to this many
# attempts in all; then it stays "failed" in the send log for a person to look at.
MAX_ATTEMPTS = 5
RETRY_BACKOFF = dt.timedelta(minutes=15)
# A digest left in "sending" by a worker that died mid-send is marked failed (and so retried)
# once its claim is this old: far longer than one send takes (an SMTP timeout is seconds), so
# a live worker still sending is never overtaken.
STALE_CLAIM_AFTER = dt.timedelta(minutes=30)
STUCK_ERROR = "Quá thời gian gửi (tiến trình gửi bị dừng giữa chừng); sẽ thử gửi lại."


def parse_lead_days(raw: str) -> tuple[int, ...]:
    """ "7, 3, 1" → (7, 3, 1); a ValidationError in Vietnamese for anything else."""
    try:
        days = sorted({int(part) for part in raw.replace(";", ",").split(",") if part.strip()})
    except ValueError:
        days = []
    if not days or days[0] < 1 or days[-1] > 60:
        raise ValidationError(
            _("Nhập các số ngày làm việc từ 1 đến 60, cách nhau bởi dấu phẩy (ví dụ: 7, 3, 1).")
        )
    return tuple(reversed(days))


class ReminderSettings(models.Model):
    """When an agency's units are reminded; an agency without a row uses the defaults."""

    agency = models.OneToOneField(
        Agency,
        verbose_name=_("cơ quan"),
        on_delete=models.CASCADE,
        related_name="reminder_settings",
    )
    lead_days = models.CharField(
        _("nhắc trước hạn (ngày làm việc)"),
        max_length=50,
        default="7, 3, 1",
        help_text=_("Các số ngày làm việc trước hạn, cách nhau bởi dấu phẩy."),
    )
    remind_on_due_day = models.BooleanField(_("nhắc vào ngày đến hạn"), default=True)
    overdue_repeat_days = models.PositiveSmallIntegerField(
        _("nhắc lại khi quá hạn, mỗi (ngày làm việc)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    escalate_after_days = models.PositiveSmallIntegerField(
        _("báo Trưởng phòng và Văn phòng khi quá hạn (ngày làm việc)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    period_lead_days = models.PositiveSmallIntegerField(
        _("nhắc gửi báo cáo kỳ trước hạn (ngày làm việc)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    send_time = models.TimeField(_("giờ gửi"), default=dt.time(7, 30))
    send_on_days_off = models.BooleanField(
        _("gửi cả ngày nghỉ (thứ Bảy, Chủ nhật, lễ, Tết)"), default=False
    )

    class Meta:
        verbose_name = _("cài đặt nhắc hạn")
        verbose_name_plural = _("cài đặt nhắc hạn")

    def __str__(self) -> str:
        return str(self.agency)

    def clean(self) -> None:
        try:
            self.lead_days = ", ".join(str(d) for d in parse_lead_days(self.lead_days))
        except ValidationError as error:
            raise ValidationError({"lead_days": error.messages}) from error

    def lead_day_list(self) -> tuple[int, ...]:
        return parse_lead_days(self.lead_days)


class ItemKind(models.TextChoices):
    LEAD = "lead", _("Sắp đến hạn")
    DUE = "due", _("Đến hạn hôm nay")
    OVERDUE = "overdue", _("Quá hạn")
    ESCALATION = "escalation", _("Quá hạn lâu, báo cáo lên")
    PERIOD_CUTOFF = "period_cutoff", _("Sắp chốt số liệu kỳ báo cáo")
    PERIOD_DUE = "period_due", _("Sắp hết hạn gửi báo cáo kỳ")
    PERIOD_MISSING = "period_missing", _("Đơn vị chưa gửi báo cáo kỳ")
    EXTENSION_REQUESTED = "extension_requested", _("Đề nghị gia hạn mới")
    EXTENSION_DECIDED = "extension_decided", _("Kết quả đề nghị gia hạn")


# Said to the unit head and the Văn phòng whatever their profile says.
NEVER_OPTED_OUT = frozenset({ItemKind.ESCALATION, ItemKind.PERIOD_MISSING})


def claimable(*, now: dt.datetime) -> Q:
    """Digests a sweep may take: pending, or failed and due for another bounded attempt."""
    retry = Q(status=DeliveryStatus.FAILED, attempts__lt=MAX_ATTEMPTS, next_attempt_at__lte=now)
    return Q(status=DeliveryStatus.PENDING) | retry


class DigestQuerySet(models.QuerySet):
    def recover_stuck(self, *, now: dt.datetime) -> int:
        """Mark digests stuck in "sending" failed, so they are retried (with their attempts)."""
        return self.filter(
            status=DeliveryStatus.SENDING, claimed_at__lt=now - STALE_CLAIM_AFTER
        ).update(status=DeliveryStatus.FAILED, error=STUCK_ERROR, next_attempt_at=now)

    def claim(self, pk: int, *, now: dt.datetime) -> bool:
        """Take the digest for this worker; of several racing workers exactly one gets True."""
        claimed = self.filter(claimable(now=now), pk=pk).update(
            status=DeliveryStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
        return claimed == 1

    def mark_sent(self, pk: int, *, item_count: int) -> None:
        self.filter(pk=pk, status=DeliveryStatus.SENDING).update(
            status=DeliveryStatus.SENT,
            item_count=item_count,
            sent_at=timezone.now(),
            error="",
            next_attempt_at=None,
        )

    def mark_failed(self, pk: int, *, item_count: int, attempts: int, error: str) -> None:
        now = timezone.now()
        self.filter(pk=pk, status=DeliveryStatus.SENDING).update(
            status=DeliveryStatus.FAILED,
            item_count=item_count,
            error=error[:2000],
            next_attempt_at=now + RETRY_BACKOFF * 2 ** max(attempts - 1, 0),
        )

    def readable_by(self, user) -> DigestQuerySet:
        """The send log is for the agency's coordinators (and admins)."""
        from organizations.access import access_for

        access = access_for(user)
        if access.is_superuser:
            return self
        return self.filter(agency_id__in=sorted(access.editable_agency_ids))


class Digest(models.Model):
    """One e-mail to one recipient on one day: the send log row (result, error, attempts)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="+"
    )
    recipient = models.CharField(_("người nhận"), max_length=254)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    day = models.DateField(_("ngày nhắc"))
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
    )
    item_count = models.PositiveIntegerField(_("số mục"), default=0)
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    claimed_at = models.DateTimeField(_("nhận xử lý lúc"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("thử lại lúc"), null=True, blank=True)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    objects = DigestQuerySet.as_manager()

    class Meta:
        verbose_name = _("thư nhắc hạn")
        verbose_name_plural = _("nhật ký gửi nhắc hạn")
        ordering = ["-day", "recipient"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "recipient", "day"], name="reminder_digest_one_per_day"
            ),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="digest_retry_idx")]

    def __str__(self) -> str:
        return f"{self.recipient} — {self.day:%d/%m/%Y} — {self.get_status_display()}"

    @property
    def gave_up(self) -> bool:
        return self.status == DeliveryStatus.FAILED and self.attempts >= MAX_ATTEMPTS


class ReminderItemQuerySet(models.QuerySet):
    def for_user(self, user) -> ReminderItemQuerySet:
        return self.filter(user=user)

    def unread(self) -> ReminderItemQuerySet:
        return self.filter(read_at__isnull=True)

    def waiting_for_mail(self, *, agency_id: int, recipient: str) -> ReminderItemQuerySet:
        return self.filter(
            agency_id=agency_id, recipient=recipient, by_email=True, digest__isnull=True
        )


class ReminderItem(models.Model):
    """One thing said to one recipient: a task threshold, a period report, an extension.

    ``subject`` names what it is about ("task:12", "period:3:unit:4", "extension:5");
    with ``recipient``, ``threshold`` and the ``deadline`` snapshot it is the ledger key.
    """

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="+"
    )
    subject = models.CharField(_("đối tượng"), max_length=64)
    # subject|threshold|deadline: what a sweep looks up to know what was said already (one
    # indexed IN per batch reads only the rows of today's thresholds, not a task's history).
    mark = models.CharField(_("mốc của đối tượng"), max_length=120, db_index=True)
    recipient = models.CharField(_("người nhận"), max_length=254)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reminder_items",
    )
    kind = models.CharField(_("loại"), max_length=24, choices=ItemKind.choices)
    threshold = models.CharField(_("mốc"), max_length=24)
    deadline = models.DateField(_("hạn"))
    working_days = models.SmallIntegerField(_("số ngày làm việc"), default=0)
    by_email = models.BooleanField(_("gửi email"), default=True)
    task = models.ForeignKey(
        Task, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    period = models.ForeignKey(
        ReportingPeriod, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    extension = models.ForeignKey(
        Extension, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    detail = models.TextField(_("chi tiết"), blank=True)
    digest = models.ForeignKey(
        Digest, null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )
    created_on = models.DateField(_("ngày tạo"))
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    objects = ReminderItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("mục nhắc hạn")
        verbose_name_plural = _("mục nhắc hạn")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["subject", "recipient", "threshold", "deadline"],
                name="reminder_item_said_once",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "read_at"], name="reminder_item_unread_idx"),
            models.Index(fields=["agency", "recipient", "digest"], name="reminder_item_mail_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.recipient} ({self.threshold})"

    @staticmethod
    def mark_of(subject: str, threshold: str, deadline: dt.date) -> str:
        return f"{subject}|{threshold}|{deadline.isoformat()}"


class DigestOptOut(models.Model):
    """A user who asked for no reminder digests (escalations still reach them)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="digest_opt_out",
    )
    created_at = models.DateTimeField(_("từ lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("không nhận thư nhắc hạn")
        verbose_name_plural = _("không nhận thư nhắc hạn")

    def __str__(self) -> str:
        return str(self.user)
