"""Sweeps racing on a real PostgreSQL send each reminder exactly once (skipped on SQLite:
its single writer lock serialises sweeps, so it cannot show the race)."""

from __future__ import annotations

import threading
import time

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection

from reminders.models import DeliveryStatus, Digest, ReminderItem
from reminders.services import sweep
from tests.reminders.conftest import DAY

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
RECIPIENTS = 5
SWEEPS = 4


class SlowBackend(EmailBackend):
    """The locmem outbox, but each send takes a while, as SMTP does: sweeps overlap."""

    def send_messages(self, messages):
        time.sleep(0.05)
        return super().send_messages(messages)


def _race(count: int) -> list[BaseException]:
    start = threading.Barrier(count)
    errors: list[BaseException] = []

    def one_sweep() -> None:
        try:
            start.wait()
            sweep(on=DAY)
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=one_sweep) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_concurrent_sweeps_send_each_reminder_once(mail_world, settings):
    settings.EMAIL_BACKEND = f"{__name__}.SlowBackend"
    assert _race(SWEEPS) == []
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        set(ReminderItem.objects.values_list("recipient", flat=True))
    )
    assert len(mail.outbox) == RECIPIENTS
    assert set(Digest.objects.values_list("status", "attempts")) == {(DeliveryStatus.SENT, 1)}
    assert not ReminderItem.objects.filter(digest__isnull=True, by_email=True).exists()
    assert _race(SWEEPS) == [] and len(mail.outbox) == RECIPIENTS  # and again: nothing new
