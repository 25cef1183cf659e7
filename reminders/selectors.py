"""What a sweep would say on one day, to whom: the read side of the reminders.

A fixed number of queries whatever the number of tasks: the agencies' settings (1), the
units with their groups and members (3), the opted-out users (1), every due lead task as
plain tuples (1), the periods near their dates with their submissions (2), and the
calendar (1). ``reminders.services`` writes what this module proposes into the ledger.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import F, Prefetch, Q
from django.db.models.functions import Coalesce

from organizations.models import Agency, Membership, Unit, UnitKind
from organizations.roles import UNIT_ROLES, Role
from periods.models import PeriodSubmission, ReportingPeriod, SubmissionStatus
from plans.models import PlanStatus
from reminders.models import DigestOptOut, ItemKind, ReminderItem, ReminderSettings
from reminders.thresholds import (
    TaskRules,
    Threshold,
    missing_reports_threshold,
    period_thresholds,
    task_thresholds,
)
from tasks.models import AssignmentRole, Task, TaskStatus
from workdays.calendar import WorkCalendar


@dataclass(frozen=True)
class Recipient:
    """An address to mail, or a user to notify in the app (or both)."""

    address: str  # casefolded e-mail, or "user:<pk>" for a user without one
    user_id: int | None
    unit_name: str
    mailable: bool

    @property
    def key(self) -> str:
        return self.address


@dataclass(frozen=True)
class Candidate:
    """One ledger row the sweep proposes (written unless it exists already)."""

    agency_id: int
    subject: str
    recipient: Recipient
    kind: str
    threshold: str
    deadline: dt.date
    working_days: int
    by_email: bool
    task_id: int | None = None
    period_id: int | None = None
    unit_id: int | None = None
    detail: str = ""

    @property
    def mark(self) -> str:
        return ReminderItem.mark_of(self.subject, self.threshold, self.deadline)

    @property
    def ledger_key(self) -> tuple[str, str]:
        return (self.mark, self.recipient.address)


@dataclass
class Audience:
    """Who hears about one unit's work: everyone reminded, and who an escalation reaches."""

    unit: Unit
    reminded: list[Recipient] = field(default_factory=list)
    heads: list[Recipient] = field(default_factory=list)


def agency_rules(agencies: Iterable[Agency]) -> dict[int, ReminderSettings]:
    """Each agency's settings; the model's defaults for an agency that never saved any."""
    agencies = list(agencies)
    saved = {s.agency_id: s for s in ReminderSettings.objects.filter(agency__in=agencies)}
    return {a.pk: saved.get(a.pk) or ReminderSettings(agency=a) for a in agencies}


def task_rules(settings: ReminderSettings) -> TaskRules:
    return TaskRules(
        lead_days=settings.lead_day_list(),
        on_due_day=settings.remind_on_due_day,
        overdue_every=settings.overdue_repeat_days,
        escalate_after=settings.escalate_after_days,
    )


def propose(
    *,
    agencies: list[Agency],
    settings_of: dict[int, ReminderSettings],
    calendar: WorkCalendar,
    on: dt.date,
) -> list[Candidate]:
    """Every reminder the agencies' rules call for on day ``on`` (none written yet)."""
    if not agencies:
        return []
    agency_ids = [a.pk for a in agencies]
    opted_out = set(DigestOptOut.objects.values_list("user_id", flat=True))
    audiences, coordinators = _audiences(agency_ids, opted_out=opted_out)
    candidates = list(
        _task_candidates(audiences, coordinators, settings_of=settings_of, calendar=calendar, on=on)
    )
    candidates += _period_candidates(
        agency_ids, audiences, coordinators, settings_of=settings_of, calendar=calendar, on=on
    )
    return candidates


def _audiences(
    agency_ids: list[int], *, opted_out: set[int]
) -> tuple[dict[int, Audience], dict[int, list[Recipient]]]:
    """Per unit its reminder addresses, staff and head; per agency its coordinators."""
    members = Membership.objects.filter(
        is_active=True, role__in=sorted(UNIT_ROLES), user__is_active=True
    ).select_related("user")
    units = (
        Unit.objects.active()
        .internal()
        .filter(agency_id__in=agency_ids)
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
    audiences: dict[int, Audience] = {}
    for unit in units:
        audience = Audience(unit)
        for address in unit.reminder_email_list():
            audience.reminded.append(Recipient(address.casefold(), None, unit.name, True))
        for membership in unit.reminded_memberships:
            recipient = _user_recipient(membership.user, unit.name, opted_out=opted_out)
            audience.reminded.append(recipient)
            if membership.role == Role.UNIT_HEAD:
                audience.heads.append(_user_recipient(membership.user, unit.name, opted_out=set()))
        audience.reminded = _unique(audience.reminded)
        audiences[unit.pk] = audience
    coordinators: dict[int, list[Recipient]] = defaultdict(list)
    for membership in (
        Membership.objects.filter(
            agency_id__in=agency_ids,
            role=Role.COORDINATOR,
            is_active=True,
            user__is_active=True,
        )
        .select_related("user", "unit")
        .order_by("user__username")
    ):
        name = membership.unit.name if membership.unit else ""
        coordinators[membership.agency_id].append(
            _user_recipient(membership.user, name, opted_out=set())
        )
    return audiences, coordinators


def _user_recipient(user, unit_name: str, *, opted_out: set[int]) -> Recipient:
    email = user.email.strip().casefold()
    return Recipient(
        email or f"user:{user.pk}", user.pk, unit_name, bool(email) and user.pk not in opted_out
    )


def _unique(recipients: Iterable[Recipient]) -> list[Recipient]:
    """Each address once; a user's entry wins over the same address typed on the unit."""
    by_address: dict[str, Recipient] = {}
    for recipient in recipients:
        known = by_address.get(recipient.address)
        if known is None or (known.user_id is None and recipient.user_id is not None):
            by_address[recipient.address] = recipient
    return list(by_address.values())


def _due_task_rows(
    leader_ids: list[int], *, latest: dt.date
) -> Iterator[tuple[int, dt.date, int, int]]:
    """(task, deadline in force, agency, leading unit) of open lead tasks due by ``latest``."""
    return (
        Task.objects.actionable()
        .filter(plan__status=PlanStatus.ACTIVE, plan__deleted_at__isnull=True)
        .exclude(status=TaskStatus.DONE)
        .filter(assignments__role=AssignmentRole.LEAD, assignments__unit_id__in=leader_ids)
        .annotate(deadline=Coalesce(F("extended_due_date"), F("due_date")))
        .filter(deadline__lte=latest)
        .values_list("pk", "deadline", "plan__agency_id", "assignments__unit_id")
        .order_by("deadline", "pk")
        .iterator(chunk_size=5000)
    )


def _task_candidates(
    audiences: dict[int, Audience],
    coordinators: dict[int, list[Recipient]],
    *,
    settings_of: dict[int, ReminderSettings],
    calendar: WorkCalendar,
    on: dt.date,
) -> Iterator[Candidate]:
    members_of: dict[int, list[int]] = defaultdict(list)  # leading unit or group → units
    for audience in audiences.values():
        members_of[audience.unit.pk].append(audience.unit.pk)
        for group in audience.unit.containing_groups:
            members_of[group.pk].append(audience.unit.pk)
    rules = {pk: task_rules(s) for pk, s in settings_of.items()}
    furthest = max(max(r.lead_days) for r in rules.values())
    latest = calendar.add_working_days(on, furthest)
    seen: set[tuple[int, int]] = set()  # (task, unit): led by a unit and by its group
    for task_id, deadline, agency_id, leader_id in _due_task_rows(
        sorted(members_of), latest=latest
    ):
        if agency_id not in rules:
            continue
        found = task_thresholds(calendar, deadline=deadline, on=on, rules=rules[agency_id])
        if not found:
            continue
        for unit_id in members_of[leader_id]:
            if (task_id, unit_id) in seen:
                continue
            seen.add((task_id, unit_id))
            audience = audiences[unit_id]
            for threshold in found:
                yield from _task_items(
                    audience, coordinators.get(agency_id, []), threshold,
                    task_id=task_id, agency_id=agency_id, deadline=deadline,
                )  # fmt: skip


def _task_items(
    audience: Audience,
    coordinators: list[Recipient],
    threshold: Threshold,
    *,
    task_id: int,
    agency_id: int,
    deadline: dt.date,
) -> Iterator[Candidate]:
    escalation = threshold.kind == ItemKind.ESCALATION
    recipients = _unique([*audience.heads, *coordinators]) if escalation else audience.reminded
    for recipient in recipients:
        yield Candidate(
            agency_id=agency_id,
            subject=f"task:{task_id}",
            recipient=recipient,
            kind=threshold.kind,
            threshold=threshold.key,
            deadline=deadline,
            working_days=threshold.working_days,
            by_email=recipient.mailable,
            task_id=task_id,
            unit_id=audience.unit.pk,
        )


def _period_candidates(
    agency_ids: list[int],
    audiences: dict[int, Audience],
    coordinators: dict[int, list[Recipient]],
    *,
    settings_of: dict[int, ReminderSettings],
    calendar: WorkCalendar,
    on: dt.date,
) -> list[Candidate]:
    """Units that have not sent a period's report, near its cut-off or due date."""
    window = dt.timedelta(days=62)  # wider than any setting, in calendar days
    periods = list(
        ReportingPeriod.objects.filter(agency_id__in=agency_ids).filter(
            Q(cutoff__range=(on - window, on + window))
            | Q(due_date__range=(on - window, on + window))
        )
    )
    sent = set(
        PeriodSubmission.objects.filter(
            period__in=periods, status=SubmissionStatus.SUBMITTED
        ).values_list("period_id", "unit_id")
    )
    candidates: list[Candidate] = []
    for period in periods:
        settings = settings_of[period.agency_id]
        missing = [
            a for a in audiences.values()
            if a.unit.agency_id == period.agency_id and (period.pk, a.unit.pk) not in sent
        ]  # fmt: skip
        for threshold in period_thresholds(
            calendar, cutoff=period.cutoff, due=period.due_date, on=on,
            lead_days=settings.period_lead_days,
        ):  # fmt: skip
            deadline = (
                period.cutoff if threshold.kind == ItemKind.PERIOD_CUTOFF else period.due_date
            )
            for audience in missing:
                for recipient in audience.reminded:
                    candidates.append(
                        Candidate(
                            agency_id=period.agency_id,
                            subject=f"period:{period.pk}:unit:{audience.unit.pk}",
                            recipient=recipient,
                            kind=threshold.kind,
                            threshold=threshold.key,
                            deadline=deadline,
                            working_days=threshold.working_days,
                            by_email=recipient.mailable,
                            period_id=period.pk,
                            unit_id=audience.unit.pk,
                        )
                    )
        listed = missing_reports_threshold(
            calendar, due=period.due_date, on=on, stale_after=settings.overdue_repeat_days
        )
        if listed and missing:
            names = "\n".join(sorted(a.unit.name for a in missing))
            for recipient in coordinators.get(period.agency_id, []):
                candidates.append(
                    Candidate(
                        agency_id=period.agency_id,
                        subject=f"period:{period.pk}",
                        recipient=recipient,
                        kind=listed.kind,
                        threshold=listed.key,
                        deadline=period.due_date,
                        working_days=listed.working_days,
                        by_email=recipient.mailable,
                        period_id=period.pk,
                        detail=names,
                    )
                )
    return candidates
