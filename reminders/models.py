"""One record per unit and day of the deadline reminder e-mail, so it goes out once."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organizations.models import Unit


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENDING = "sending", _("Đang gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi lỗi")


# A failed send is tried again by the next run of the same day.
CLAIMABLE_STATUSES = (DeliveryStatus.PENDING, DeliveryStatus.FAILED)
# A row left in "sending" by a worker that died mid-send is taken again once its claim is
# this old: far longer than one send takes (an SMTP timeout is seconds), so a live worker
# still sending is never overtaken. A "sent" row is never claimed again.
STALE_CLAIM_AFTER = dt.timedelta(minutes=30)


def claimable(*, now: dt.datetime) -> Q:
    """Rows a run may take: pending, failed, or claimed by a worker that never finished."""
    stale = Q(status=DeliveryStatus.SENDING, claimed_at__lt=now - STALE_CLAIM_AFTER)
    return Q(status__in=CLAIMABLE_STATUSES) | stale


class ReminderDeliveryQuerySet(models.QuerySet):
    def claim(self, pk: int) -> bool:
        """Take the row for this worker; False when another worker already has it or sent it.

        A conditional UPDATE is atomic on every database, so of several workers
        racing for one row exactly one sees ``1``.
        """
        now = timezone.now()
        claimed = self.filter(claimable(now=now), pk=pk).update(
            status=DeliveryStatus.SENDING,
            claimed_at=now,
            attempts=F("attempts") + 1,
        )
        return claimed == 1

    def mark_sent(self, pk: int, *, task_count: int, recipients: list[str]) -> None:
        self.filter(pk=pk, status=DeliveryStatus.SENDING).update(
            status=DeliveryStatus.SENT,
            task_count=task_count,
            recipients="\n".join(recipients),
            sent_at=timezone.now(),
            error="",
        )

    def mark_failed(self, pk: int, *, task_count: int, recipients: list[str], error: str) -> None:
        self.filter(pk=pk, status=DeliveryStatus.SENDING).update(
            status=DeliveryStatus.FAILED,
            task_count=task_count,
            recipients="\n".join(recipients),
            error=error[:2000],
        )


class ReminderDelivery(models.Model):
    """The deadline reminder of one unit for one day: created pending, claimed, then sent or failed.

    The unique (unit, day) pair is what makes the daily job safe to run on several
    workers and to retry: see ``reminders.services.send_due_reminders``.
    """

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        on_delete=models.CASCADE,
        related_name="reminder_deliveries",
    )
    day = models.DateField(_("ngày nhắc"))
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
    )
    task_count = models.PositiveIntegerField(_("số nhiệm vụ"), default=0)
    recipients = models.TextField(_("người nhận"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    claimed_at = models.DateTimeField(_("nhận xử lý lúc"), null=True, blank=True)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    objects = ReminderDeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("lượt nhắc hạn")
        verbose_name_plural = _("lượt nhắc hạn")
        ordering = ["-day", "unit"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "day"], name="reminder_delivery_one_per_unit_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.day:%d/%m/%Y} — {self.get_status_display()}"

    def recipient_list(self) -> list[str]:
        return [line for line in self.recipients.splitlines() if line]
