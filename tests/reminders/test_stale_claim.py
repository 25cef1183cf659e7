"""A worker killed mid-send: its claim is taken again once stale, a sent row never is."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail

from reminders.models import STALE_CLAIM_AFTER, DeliveryStatus, ReminderDelivery
from reminders.services import send_due_reminders
from tests.reminders.conftest import DAY

pytestmark = pytest.mark.django_db

UNITS_WITH_MAIL = 4
CLAIMED_AT = dt.datetime(2026, 6, 25, 1, 0, tzinfo=dt.UTC)


def _killed_worker_claims(unit) -> ReminderDelivery:
    """What a worker leaves behind when it dies between the claim and the send."""
    with time_machine.travel(CLAIMED_AT, tick=False):
        row = ReminderDelivery.objects.create(unit=unit, day=DAY)
        assert ReminderDelivery.objects.claim(row.pk) is True
    return row


def test_fresh_claim_is_left_to_its_worker(mail_world):
    row = _killed_worker_claims(mail_world.unit_a)
    just_before = CLAIMED_AT + STALE_CLAIM_AFTER - dt.timedelta(seconds=1)
    with time_machine.travel(just_before, tick=False):
        result = send_due_reminders(on=DAY)
    assert result.skipped == [mail_world.unit_a]
    row.refresh_from_db()
    assert row.status == DeliveryStatus.SENDING and row.attempts == 1


def test_stale_claim_is_taken_again_by_the_next_sweep(mail_world):
    row = _killed_worker_claims(mail_world.unit_a)
    later = CLAIMED_AT + STALE_CLAIM_AFTER + dt.timedelta(seconds=1)
    with time_machine.travel(later, tick=False):
        result = send_due_reminders(on=DAY)
    assert mail_world.unit_a in result.sent and result.skipped == []
    assert len(mail.outbox) == UNITS_WITH_MAIL
    row.refresh_from_db()
    assert row.status == DeliveryStatus.SENT and row.attempts == 2
    assert row.claimed_at == later


def test_stale_claim_is_not_reported_done_by_a_dry_run(mail_world):
    _killed_worker_claims(mail_world.unit_a)
    with time_machine.travel(CLAIMED_AT + 2 * STALE_CLAIM_AFTER, tick=False):
        result = send_due_reminders(on=DAY, dry_run=True)
    assert result.skipped == []


def test_sent_row_is_never_claimed_again_however_old(mail_world):
    with time_machine.travel(CLAIMED_AT, tick=False):
        send_due_reminders(on=DAY)
    assert len(mail.outbox) == UNITS_WITH_MAIL
    with time_machine.travel(CLAIMED_AT + 10 * STALE_CLAIM_AFTER, tick=False):
        again = send_due_reminders(on=DAY)
    assert again.sent == [] and len(again.skipped) == UNITS_WITH_MAIL
    assert len(mail.outbox) == UNITS_WITH_MAIL
    assert set(ReminderDelivery.objects.values_list("attempts", flat=True)) == {1}
