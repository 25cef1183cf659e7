"""The daily deadline reminder: which units get one, with which tasks, sent once per day.

Work is claimed the way healthchecks' ``sendreports`` does it: a pending
:class:`~reminders.models.ReminderDelivery` row per unit and day is created first
(the unique constraint makes that safe for concurrent runs), then each row is taken
with a conditional UPDATE before the e-mail goes out. Several workers, a retried
job or a manual ``send_reminders`` on the same day therefore never send twice;
a failed send is recorded and taken again by the next run that day, and a claim left
by a worker killed mid-send is taken again once older than ``STALE_CLAIM_AFTER``.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.utils import timezone

from organizations.models import Unit
from reminders.emails import reminder_message
from reminders.models import ReminderDelivery, claimable
from reminders.selectors import UnitReminder, collect_reminders

logger = logging.getLogger(__name__)


@dataclass
class ReminderRunResult:
    """What one run did (or, with ``dry_run``, would do)."""

    day: dt.date
    dry_run: bool = False
    reminders: list[UnitReminder] = field(default_factory=list)
    sent: list[Unit] = field(default_factory=list)
    failed: list[tuple[Unit, str]] = field(default_factory=list)
    skipped: list[Unit] = field(default_factory=list)  # sent already, or another worker has it
    without_recipients: list[Unit] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "units": len(self.reminders),
            "sent": len(self.sent),
            "failed": len(self.failed),
            "skipped": len(self.skipped),
            "without_recipients": len(self.without_recipients),
        }


def send_due_reminders(*, on: dt.date, dry_run: bool = False) -> ReminderRunResult:
    """Send each unit's reminder for day ``on`` unless already sent; ``dry_run`` writes nothing.

    Queries: 4 to select (``reminders.selectors``) and 2 to create and read the day's
    delivery rows, whatever the number of units and tasks, plus 2 per unit to claim and
    record a send (``tests/reminders/test_query_count.py`` pins it).
    """
    reminders, without_recipients = collect_reminders(on=on)
    result = ReminderRunResult(
        day=on, dry_run=dry_run, reminders=reminders, without_recipients=without_recipients
    )
    if not reminders:
        return result
    unit_ids = [reminder.unit.pk for reminder in reminders]
    if dry_run:
        done = set(
            ReminderDelivery.objects.filter(day=on, unit_id__in=unit_ids)
            .exclude(claimable(now=timezone.now()))
            .values_list("unit_id", flat=True)
        )
        result.skipped = [r.unit for r in reminders if r.unit.pk in done]
        return result

    ReminderDelivery.objects.bulk_create(
        [ReminderDelivery(unit_id=pk, day=on) for pk in unit_ids], ignore_conflicts=True
    )
    delivery_of = dict(
        ReminderDelivery.objects.filter(day=on, unit_id__in=unit_ids).values_list("unit_id", "pk")
    )
    for reminder in reminders:
        _deliver(reminder, delivery_id=delivery_of[reminder.unit.pk], on=on, result=result)
    return result


def _deliver(
    reminder: UnitReminder, *, delivery_id: int, on: dt.date, result: ReminderRunResult
) -> None:
    deliveries = ReminderDelivery.objects
    if not deliveries.claim(delivery_id):
        result.skipped.append(reminder.unit)
        return
    recorded = {"task_count": reminder.task_count, "recipients": reminder.recipients}
    try:
        reminder_message(reminder, on=on).send()
    except Exception as exc:  # any backend error: record it, the next run retries
        logger.exception("Deadline reminder for unit %s on %s failed", reminder.unit.pk, on)
        error = f"{type(exc).__name__}: {exc}"
        deliveries.mark_failed(delivery_id, error=error, **recorded)
        result.failed.append((reminder.unit, error))
    else:
        deliveries.mark_sent(delivery_id, **recorded)
        result.sent.append(reminder.unit)
