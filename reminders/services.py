"""The daily deadline reminder: which units get one, with which tasks, sent once per day.

Work is claimed the way healthchecks' ``sendreports`` does it: a pending
:class:`~reminders.models.ReminderDelivery` row per unit and day is created first
(the unique constraint makes that safe for concurrent runs), then each row is taken
with a conditional UPDATE before the e-mail goes out. Several workers, a retried
job or a manual ``send_reminders`` on the same day therefore never send twice;
a failed send is recorded and taken again by the next run that day.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.db.models import Prefetch

from organizations.models import UNIT_ROLES, Membership, Unit, UnitKind
from plans.models import Plan
from reminders.emails import reminder_message
from reminders.models import DeliveryStatus, ReminderDelivery
from tasks.models import Task, TaskStatus, Timeliness

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class UnitReminder:
    """What one unit is told on one day: its open lead tasks past or near their deadline."""

    unit: Unit
    overdue: list[Task]
    due_soon: list[Task]
    recipients: list[str]

    @property
    def task_count(self) -> int:
        return len(self.overdue) + len(self.due_soon)


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

    Queries: 5 for the run plus, per unit, 1 to list its tasks and 2 to claim and
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
            .exclude(status__in=[DeliveryStatus.PENDING, DeliveryStatus.FAILED])
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


def collect_reminders(*, on: dt.date) -> tuple[list[UnitReminder], list[Unit]]:
    """Reminders of every active internal unit with tasks to chase, and units nobody would read."""
    reminders, without_recipients = [], []
    for unit in _units_to_remind():
        tasks = _tasks_to_remind(unit, on=on)
        if not tasks:
            continue
        recipients = _recipients(unit)
        if not recipients:
            without_recipients.append(unit)
            continue
        reminders.append(
            UnitReminder(
                unit=unit,
                overdue=[t for t in tasks if t.timeliness == Timeliness.OVERDUE],
                due_soon=[t for t in tasks if t.timeliness == Timeliness.DUE_SOON],
                recipients=recipients,
            )
        )
    return reminders, without_recipients


def _units_to_remind() -> list[Unit]:
    members = Membership.objects.filter(
        is_active=True, role__in=UNIT_ROLES, user__is_active=True
    ).select_related("user")
    return list(
        Unit.objects.active()
        .internal()
        .filter(agency__is_active=True)
        .select_related("agency")
        .prefetch_related(
            # The same widening as access_for: a task led by a group reaches its members.
            Prefetch(
                "groups",
                queryset=Unit.objects.filter(kind=UnitKind.GROUP),
                to_attr="containing_groups",
            ),
            Prefetch(
                "memberships",
                queryset=members.order_by("user__username"),
                to_attr="reminded_memberships",
            ),
        )
    )


def _tasks_to_remind(unit: Unit, *, on: dt.date) -> list[Task]:
    """Open lead tasks of ``unit`` (or its groups), overdue or due within DUE_SOON_DAYS."""
    leading = [unit.pk, *(group.pk for group in unit.containing_groups)]
    return list(
        Task.objects.led_by(leading)
        .actionable()
        .filter(plan__in=Plan.objects.active())
        .exclude(status=TaskStatus.DONE)
        .with_timeliness(on=on)
        .filter(timeliness__in=[Timeliness.OVERDUE, Timeliness.DUE_SOON])
        .select_related("plan")
        .order_by("effective_due", "plan_id", "position")
    )


def _recipients(unit: Unit) -> list[str]:
    """The unit's reminder addresses, then its staff and head, each address once."""
    addresses = unit.reminder_email_list() + [
        m.user.email.strip() for m in unit.reminded_memberships if m.user.email.strip()
    ]
    seen: set[str] = set()
    unique = []
    for address in addresses:
        if address.casefold() not in seen:
            seen.add(address.casefold())
            unique.append(address)
    return unique
