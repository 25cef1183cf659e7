"""Never twice, never lost: reruns, a claimed digest, failing SMTP, stuck sends, dry runs."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail

from reminders.models import (
    MAX_ATTEMPTS,
    STALE_CLAIM_AFTER,
    STUCK_ERROR,
    DeliveryStatus,
    Digest,
    ReminderItem,
)
from reminders.services import sweep
from tests.reminders.conftest import DAY

pytestmark = pytest.mark.django_db

# head_a, staff_a (unit_a), staff_b (unit_b), the office's address, the other agency's office.
RECIPIENTS = 5
NOW = dt.datetime(2026, 6, 25, 1, 0, tzinfo=dt.UTC)


class FailingBackend:
    """An SMTP server that refuses everything."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP từ chối kết nối")


def _sent_pairs() -> list[tuple[str, str]]:
    """(recipient, line) for every task line of every e-mail sent so far."""
    return sorted(
        (message.to[0], line)
        for message in mail.outbox
        for line in message.body.splitlines()
        if line.startswith("- [Mục")
    )


def test_second_sweep_the_same_day_sends_nothing(mail_world):
    first = sweep(on=DAY)
    assert len(first.sent) == RECIPIENTS == len(mail.outbox)
    second = sweep(on=DAY)
    assert second.sent == [] and len(second.skipped) == RECIPIENTS
    assert len(mail.outbox) == RECIPIENTS
    digest = Digest.objects.get(recipient="staff_a@stp.example.vn", day=DAY)
    assert digest.status == DeliveryStatus.SENT
    assert digest.item_count == 2 and digest.attempts == 1 and digest.sent_at is not None


def test_a_threshold_is_said_once_not_every_day(mail_world):
    sweep(on=DAY)  # lead-3 for every task (3 working days left)
    assert sweep(on=DAY + dt.timedelta(days=1)).sent == []  # Friday: still within lead-3
    monday = sweep(on=dt.date(2026, 6, 29))  # 1 working day left: lead-1
    assert len(monday.sent) == RECIPIENTS
    assert {line.reason for r in monday.sent for line in r.items} == {"còn 1 ngày làm việc"}


def test_an_approved_extension_starts_the_thresholds_again(mail_world):
    sweep(on=DAY)
    task = mail_world.task_a
    task.extended_due_date = dt.date(2026, 7, 1)  # 4 working days left now: lead-7 again
    task.save()
    result = sweep(on=DAY)
    sent_to = {report.recipient for report in result.sent}
    assert sent_to == set()  # today's digests are out: the new item waits for tomorrow
    waiting = ReminderItem.objects.filter(task=task, deadline=dt.date(2026, 7, 1))
    assert set(waiting.values_list("threshold", flat=True)) == {"lead-7"}
    assert not waiting.filter(digest__isnull=False).exists()
    tomorrow = sweep(on=DAY + dt.timedelta(days=1))
    sent_to = {r.recipient for r in tomorrow.sent}
    assert sent_to == {"head_a@stp.example.vn", "staff_a@stp.example.vn"}
    # Yesterday's lead-7 and today's lead-3 go out together, as one line: the tighter one.
    assert [line.reason for line in tomorrow.sent[0].items] == ["còn 3 ngày làm việc"]
    assert set(waiting.values_list("threshold", flat=True)) == {"lead-7", "lead-3"}
    assert not waiting.filter(digest__isnull=True).exists()


def test_downtime_catches_up_once_without_stale_lead_days(mail_world):
    # Nothing ran in June; on 03/07 the tasks (due 30/06) are 3 working days late.
    result = sweep(on=dt.date(2026, 7, 3))
    reasons = {line.reason for report in result.sent for line in report.items}
    assert reasons == {"quá hạn 3 ngày làm việc"}
    assert not ReminderItem.objects.filter(kind="lead").exists()
    assert sweep(on=dt.date(2026, 7, 6)).sent == []  # 4 late: the same overdue step


def test_digest_claimed_by_another_sweep_is_left_alone(mail_world):
    taken = Digest.objects.create(
        agency=mail_world.agency, recipient="staff_a@stp.example.vn", day=DAY
    )
    assert Digest.objects.claim(taken.pk, now=NOW) is True
    assert Digest.objects.claim(taken.pk, now=NOW) is False  # the race's loser
    with time_machine.travel(NOW, tick=False):
        result = sweep(on=DAY)
    assert "staff_a@stp.example.vn" in result.skipped
    assert len(mail.outbox) == RECIPIENTS - 1
    # Its rows wait for whoever holds the digest: none was attached to another one.
    assert not ReminderItem.objects.filter(
        recipient="staff_a@stp.example.vn", digest__isnull=False
    ).exists()


def test_smtp_fails_then_recovers_without_duplicates(mail_world, settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    with time_machine.travel(NOW, tick=False):
        failed = sweep(on=DAY)
    assert len(failed.failed) == RECIPIENTS and failed.sent == []
    digest = Digest.objects.get(recipient="staff_a@stp.example.vn")
    assert digest.status == DeliveryStatus.FAILED and "SMTP từ chối kết nối" in digest.error
    assert digest.next_attempt_at == NOW + dt.timedelta(minutes=15)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(NOW + dt.timedelta(minutes=5), tick=False):
        assert sweep(on=DAY).sent == []  # backoff not over yet
    with time_machine.travel(NOW + dt.timedelta(minutes=16), tick=False):
        retry = sweep(on=DAY)
        again = sweep(on=DAY)
    assert len(retry.sent) == RECIPIENTS and again.sent == []
    pairs = _sent_pairs()
    assert len(pairs) == len(set(pairs)) == 8  # 2 + 2 + 2 + 1 + 1 lines, each once
    digest.refresh_from_db()
    assert digest.status == DeliveryStatus.SENT and digest.error == "" and digest.attempts == 2


def test_retries_are_bounded_and_back_off(mail_world, settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    when = NOW
    for attempt in range(1, MAX_ATTEMPTS + 2):
        with time_machine.travel(when, tick=False):
            sweep(on=DAY)
        digest = Digest.objects.get(recipient="staff_a@stp.example.vn")
        assert digest.attempts == min(attempt, MAX_ATTEMPTS)
        when += dt.timedelta(minutes=15 * 2**attempt)  # past each backoff
    assert digest.gave_up and digest.status == DeliveryStatus.FAILED


def test_stuck_sending_is_marked_failed_then_retried(mail_world):
    with time_machine.travel(NOW, tick=False):
        sweep(on=DAY)
    digest = Digest.objects.get(recipient="staff_a@stp.example.vn")
    # A worker died between its claim and the send.
    Digest.objects.filter(pk=digest.pk).update(status=DeliveryStatus.SENDING, claimed_at=NOW)
    ReminderItem.objects.filter(digest=digest).update(digest=None)
    mail.outbox.clear()
    with time_machine.travel(NOW + STALE_CLAIM_AFTER - dt.timedelta(seconds=1), tick=False):
        assert sweep(on=DAY).sent == []  # a live worker may still be sending
    with time_machine.travel(NOW + STALE_CLAIM_AFTER + dt.timedelta(seconds=1), tick=False):
        Digest.objects.recover_stuck(now=NOW + STALE_CLAIM_AFTER + dt.timedelta(seconds=1))
        digest.refresh_from_db()
        assert digest.status == DeliveryStatus.FAILED and digest.error == STUCK_ERROR
        result = sweep(on=DAY)
    assert [r.recipient for r in result.sent] == ["staff_a@stp.example.vn"]
    digest.refresh_from_db()
    assert digest.status == DeliveryStatus.SENT and digest.attempts == 2


def test_a_sent_digest_is_never_taken_again_however_old(mail_world):
    with time_machine.travel(NOW, tick=False):
        sweep(on=DAY)
    with time_machine.travel(NOW + 10 * STALE_CLAIM_AFTER, tick=False):
        assert sweep(on=DAY).sent == []
    assert set(Digest.objects.values_list("attempts", flat=True)) == {1}
    assert len(mail.outbox) == RECIPIENTS


def test_dry_run_writes_and_sends_nothing(mail_world):
    result = sweep(on=DAY, dry_run=True)
    assert len(result.sent) == RECIPIENTS
    assert mail.outbox == []
    assert not ReminderItem.objects.exists() and not Digest.objects.exists()


def test_dry_run_after_a_sweep_has_nothing_new(mail_world):
    sweep(on=DAY)
    assert sweep(on=DAY, dry_run=True).sent == []


def test_dry_run_describes_the_same_digests_in_small_batches(mail_world, monkeypatch):
    """The dry run reads its items' tasks in batches (SQLite caps one IN list); same output."""
    from reminders import services

    whole = sweep(on=DAY, dry_run=True).as_json()
    monkeypatch.setattr(services, "DRY_RUN_BATCH", 1)
    assert sweep(on=DAY, dry_run=True).as_json() == whole
    assert whole["digests"] and all(digest["items"] for digest in whole["digests"])
