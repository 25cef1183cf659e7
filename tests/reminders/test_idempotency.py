"""Exactly once per unit and day: reruns, racing workers, failures and dry runs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from reminders.models import DeliveryStatus, ReminderDelivery
from reminders.services import send_due_reminders
from tests.reminders.conftest import DAY

pytestmark = pytest.mark.django_db

# office, unit_a, unit_b (group task and their own) and the other agency's office.
UNITS_WITH_MAIL = 4


class FailingBackend:
    """An SMTP server that refuses everything."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP từ chối kết nối")


def test_second_run_the_same_day_sends_nothing(mail_world):
    first = send_due_reminders(on=DAY)
    assert len(first.sent) == UNITS_WITH_MAIL == len(mail.outbox)
    second = send_due_reminders(on=DAY)
    assert second.sent == [] and len(second.skipped) == UNITS_WITH_MAIL
    assert len(mail.outbox) == UNITS_WITH_MAIL
    delivery = ReminderDelivery.objects.get(unit=mail_world.unit_a, day=DAY)
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.task_count == 2
    assert delivery.recipient_list() == ["staff_a@stp.example.vn", "head_a@stp.example.vn"]
    assert delivery.sent_at is not None and delivery.attempts == 1


def test_next_day_sends_again(mail_world):
    send_due_reminders(on=DAY)
    send_due_reminders(on=DAY + dt.timedelta(days=1))
    assert len(mail.outbox) == 2 * UNITS_WITH_MAIL
    assert ReminderDelivery.objects.filter(unit=mail_world.unit_a).count() == 2


def test_row_claimed_by_another_worker_is_skipped(mail_world):
    # Another worker created the row and claimed it a moment ago.
    taken = ReminderDelivery.objects.create(unit=mail_world.unit_a, day=DAY)
    assert ReminderDelivery.objects.claim(taken.pk) is True
    assert ReminderDelivery.objects.claim(taken.pk) is False  # the race's loser
    result = send_due_reminders(on=DAY)
    assert result.skipped == [mail_world.unit_a]
    assert not any("staff_a@stp.example.vn" in m.to for m in mail.outbox)
    assert len(mail.outbox) == UNITS_WITH_MAIL - 1
    taken.refresh_from_db()
    assert taken.status == DeliveryStatus.SENDING  # still the other worker's


def test_failed_send_is_recorded_and_retried_by_the_next_run(mail_world, settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    result = send_due_reminders(on=DAY)
    assert len(result.failed) == UNITS_WITH_MAIL and result.sent == []
    delivery = ReminderDelivery.objects.get(unit=mail_world.unit_a, day=DAY)
    assert delivery.status == DeliveryStatus.FAILED
    assert "SMTP từ chối kết nối" in delivery.error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    retry = send_due_reminders(on=DAY)
    assert len(retry.sent) == UNITS_WITH_MAIL == len(mail.outbox)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.error == "" and delivery.attempts == 2


def test_dry_run_writes_and_sends_nothing(mail_world):
    result = send_due_reminders(on=DAY, dry_run=True)
    assert len(result.reminders) == UNITS_WITH_MAIL
    assert mail.outbox == [] and not ReminderDelivery.objects.exists()


def test_dry_run_tells_what_was_already_sent(mail_world):
    send_due_reminders(on=DAY)
    result = send_due_reminders(on=DAY, dry_run=True)
    assert len(result.skipped) == UNITS_WITH_MAIL
    assert len(mail.outbox) == UNITS_WITH_MAIL
