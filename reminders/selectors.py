"""Who is reminded of what on one day: the read side of the deadline reminder.

One query fetches the due lead tasks of every unit at once, ordered by the leading unit
(a unit or a group); each unit's list is then its own tasks merged with its groups'.
Only the columns the e-mail shows are read. ``reminders.services`` sends what this
module selects, and ``reminders.emails`` renders a :class:`UnitReminder`.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import F, Prefetch

from organizations.models import UNIT_ROLES, Membership, Unit, UnitKind
from plans.models import PlanStatus
from tasks.models import AssignmentRole, Task, TaskStatus, Timeliness

# What the e-mail shows of a task and its plan (reminders.emails), plus the sort keys.
EMAIL_COLUMNS = (
    "code",
    "content",
    "deadline_text",
    "due_date",
    "extended_due_date",
    # What the row badges read (tasks/badges.py).
    "is_section",
    "deadline_kind",
    "status",
    "completed_on",
    "position",
    "plan__number",
    "plan__symbol",
    "plan__title",
)


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


def collect_reminders(*, on: dt.date) -> tuple[list[UnitReminder], list[Unit]]:
    """Reminders of every active internal unit with tasks to chase, and units nobody would read.

    Queries: the units with their groups and members (3) and all due tasks (1).
    """
    units = _units_to_remind()
    leaders_of = {unit.pk: _leading_unit_ids(unit) for unit in units}
    tasks_by_leader = _due_tasks_by_leader({pk for ids in leaders_of.values() for pk in ids}, on=on)
    reminders, without_recipients = [], []
    for unit in units:
        tasks = _merged(tasks_by_leader.get(pk, []) for pk in leaders_of[unit.pk])
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


def _leading_unit_ids(unit: Unit) -> list[int]:
    return [unit.pk, *(group.pk for group in unit.containing_groups)]


def _due_tasks_by_leader(leader_ids: set[int], *, on: dt.date) -> dict[int, list[Task]]:
    """Open lead tasks of these units or groups, overdue or due within DUE_SOON_DAYS.

    One row per (task, leading unit), in deadline order within each leading unit.
    """
    if not leader_ids:
        return {}
    rows = (
        Task.objects.actionable()
        .filter(plan__status=PlanStatus.ACTIVE, plan__deleted_at__isnull=True)
        .exclude(status=TaskStatus.DONE)
        .filter(assignments__role=AssignmentRole.LEAD, assignments__unit_id__in=leader_ids)
        .with_timeliness(on=on)
        .filter(timeliness__in=[Timeliness.OVERDUE, Timeliness.DUE_SOON])
        .annotate(leading_unit_id=F("assignments__unit_id"))
        .select_related("plan")
        .only(*EMAIL_COLUMNS)
        .order_by("leading_unit_id", "effective_due", "plan_id", "position", "pk")
    )
    by_leader: dict[int, list[Task]] = defaultdict(list)
    for task in rows:
        by_leader[task.leading_unit_id].append(task)
    return by_leader


def _deadline_order(task: Task) -> tuple:
    return (task.effective_due, task.plan_id, task.position, task.pk)


def _merged(lists: Iterable[list[Task]]) -> list[Task]:
    """One deadline-ordered list; a task led by a unit and by its group appears once."""
    seen: set[int] = set()
    merged = []
    for task in heapq.merge(*lists, key=_deadline_order):
        if task.pk not in seen:
            seen.add(task.pk)
            merged.append(task)
    return merged


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
