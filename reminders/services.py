"""The reminder sweep, and the notices other apps raise (extension requests and decisions).

A sweep (the beat job every 15 minutes, or ``manage.py send_reminders``):

1. proposes today's reminders (``reminders.selectors``) for agencies whose send time has
   come, on working days only unless the agency says otherwise;
2. writes the ledger rows that do not exist yet (the unique key is the claim: a reminder
   already said is never proposed again, whichever sweep said it);
3. creates one digest per recipient with mail waiting, claims each with a conditional
   UPDATE, attaches the waiting rows to it, sends, and records the result.

Two sweeps at once therefore send each reminder once: the loser of a claim skips, and a
row belongs to exactly one digest. A failed digest is retried with backoff up to
``MAX_ATTEMPTS``; one stuck in "sending" past ``STALE_CLAIM_AFTER`` is marked failed
first. Nothing is queued with an ETA: Redis would redeliver it after its visibility
timeout, so retries are just later sweeps.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone

from organizations.models import Agency, Membership
from organizations.roles import Role
from reminders.emails import DIGEST_ITEM_LIMIT, DigestLine, digest_lines, digest_message
from reminders.models import Digest, DigestQuerySet, ItemKind, ReminderItem, claimable
from reminders.selectors import Candidate, agency_rules, propose
from tasks.models import Extension
from workdays.selectors import calendar_around

logger = logging.getLogger(__name__)
LOOKUP_BATCH = 5000  # ledger keys read per query (bind-parameter limits)
INSERT_BATCH = 2000


@dataclass(frozen=True)
class DigestReport:
    """One digest as the command prints it."""

    recipient: str
    unit: str
    items: list[DigestLine]

    def as_json(self) -> dict:
        return {
            "recipient": self.recipient,
            "unit": self.unit,
            "items": [
                {"task": line.code, "kind": line.kind, "reason": line.reason, "plan": line.plan}
                for line in self.items
            ],
        }


@dataclass
class SweepResult:
    """What one sweep did (or, with ``dry_run``, would do)."""

    day: dt.date
    dry_run: bool = False
    agencies: list[Agency] = field(default_factory=list)
    proposed: int = 0
    new_items: int = 0
    sent: list[DigestReport] = field(default_factory=list)
    failed: list[tuple[DigestReport, str]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # recipients told everything already

    def counts(self) -> dict[str, int]:
        return {"sent": len(self.sent), "skipped": len(self.skipped), "failed": len(self.failed)}

    def as_json(self) -> dict:
        return {
            "date": self.day.isoformat(),
            "dry_run": self.dry_run,
            **self.counts(),
            "digests": [report.as_json() for report in self.sent]
            + [report.as_json() | {"error": error} for report, error in self.failed],
        }


# Items described per prefetch in a dry run (SQLite caps the size of one IN list).
DRY_RUN_BATCH = 500


def due_agencies(
    *, on: dt.date, now: dt.datetime | None, code: str | None, calendar
) -> tuple[list[Agency], dict]:
    """Active agencies to sweep: a working day (or one that sends on days off), and when
    ``now`` is given, past the agency's send time (Vietnam time)."""
    agencies = Agency.objects.filter(is_active=True).order_by("pk")
    if code:
        agencies = agencies.filter(code=code)
    settings_of = agency_rules(agencies)
    working = calendar.is_working_day(on)
    chosen = [
        a
        for a in agencies
        if (working or settings_of[a.pk].send_on_days_off)
        and (now is None or now.time() >= settings_of[a.pk].send_time)
    ]
    return chosen, settings_of


def sweep(
    *,
    on: dt.date,
    agency_code: str | None = None,
    dry_run: bool = False,
    local_now: dt.datetime | None = None,
) -> SweepResult:
    """Say today's reminders once; ``local_now`` (the job's clock) applies send times."""
    calendar = calendar_around(on)
    agencies, settings_of = due_agencies(on=on, now=local_now, code=agency_code, calendar=calendar)
    result = SweepResult(day=on, dry_run=dry_run, agencies=agencies)
    candidates = propose(agencies=agencies, settings_of=settings_of, calendar=calendar, on=on)
    result.proposed = len(candidates)
    new = _not_yet_said(candidates)
    result.new_items = len(new)
    if dry_run:
        _describe_dry_run(result, new)
        return result
    now = timezone.now()
    Digest.objects.recover_stuck(now=now)
    ReminderItem.objects.bulk_create(
        [_item(candidate, on=on) for candidate in new],
        ignore_conflicts=True,
        batch_size=INSERT_BATCH,
    )
    unit_of = {(c.agency_id, c.recipient.address): c.recipient for c in candidates}
    claimed: set[tuple[int, str]] = set()
    for pk, recipient, attempts in _digests_to_send([a.pk for a in agencies], on=on, now=now,
                                                    unit_of=unit_of):  # fmt: skip
        if _send(pk, recipient=recipient, attempts=attempts, on=on, now=now, result=result):
            claimed.add(recipient.agency_key)
    told = {(c.agency_id, c.recipient.address) for c in candidates if c.by_email}
    result.skipped = sorted(address for agency_id, address in told - claimed)
    return result


def _not_yet_said(candidates: list[Candidate]) -> list[Candidate]:
    """Drop proposals whose ledger row exists (said before, by this or another sweep)."""
    said: set[tuple] = set()
    marks = sorted({c.mark for c in candidates})
    for start in range(0, len(marks), LOOKUP_BATCH):
        chunk = marks[start : start + LOOKUP_BATCH]
        said.update(ReminderItem.objects.filter(mark__in=chunk).values_list("mark", "recipient"))
    fresh: dict[tuple, Candidate] = {}
    for candidate in candidates:
        if candidate.ledger_key not in said:
            fresh.setdefault(candidate.ledger_key, candidate)
    return list(fresh.values())


def _item(candidate: Candidate, *, on: dt.date) -> ReminderItem:
    return ReminderItem(
        agency_id=candidate.agency_id,
        subject=candidate.subject,
        mark=candidate.mark,
        recipient=candidate.recipient.address,
        user_id=candidate.recipient.user_id,
        kind=candidate.kind,
        threshold=candidate.threshold,
        deadline=candidate.deadline,
        working_days=candidate.working_days,
        by_email=candidate.by_email,
        task_id=candidate.task_id,
        period_id=candidate.period_id,
        unit_id=candidate.unit_id,
        detail=candidate.detail,
        created_on=on,
    )


@dataclass(frozen=True)
class DigestRecipient:
    agency_id: int
    address: str
    user_id: int | None
    unit_name: str

    @property
    def agency_key(self) -> tuple[int, str]:
        return (self.agency_id, self.address)


def _digests_to_send(
    agency_ids: list[int], *, on: dt.date, now: dt.datetime, unit_of: dict
) -> list[tuple[int, DigestRecipient, int]]:
    """Today's digest of every recipient with mail waiting, plus failed ones due a retry
    (of any day: attempts are bounded) and pending ones a crashed sweep left."""
    waiting = set(
        ReminderItem.objects.filter(agency_id__in=agency_ids, by_email=True, digest__isnull=True)
        .values_list("agency_id", "recipient", "user_id")
        .distinct()
    )
    Digest.objects.bulk_create(
        [Digest(agency_id=a, recipient=r, user_id=u, day=on) for a, r, u in waiting],
        ignore_conflicts=True,
        batch_size=INSERT_BATCH,
    )
    rows = (
        Digest.objects.filter(agency_id__in=agency_ids)
        .filter(claimable(now=now))
        .values_list("pk", "agency_id", "recipient", "user_id", "attempts")
        .order_by("agency_id", "recipient")
    )
    found = []
    for pk, agency_id, address, user_id, attempts in rows:
        known = unit_of.get((agency_id, address))
        unit_name = known.unit_name if known else ""
        found.append((pk, DigestRecipient(agency_id, address, user_id, unit_name), attempts))
    return found


def _send(
    pk: int,
    *,
    recipient: DigestRecipient,
    attempts: int,
    on: dt.date,
    now: dt.datetime,
    result: SweepResult,
) -> bool:
    """Claim, attach what waits, send, record; False when another sweep has the digest."""
    digests: DigestQuerySet = Digest.objects.all()
    if not digests.claim(pk, now=now):
        return False
    ReminderItem.objects.waiting_for_mail(
        agency_id=recipient.agency_id, recipient=recipient.address
    ).update(digest_id=pk)
    items = ReminderItem.objects.filter(digest_id=pk)
    shown = _shown_items(items)
    # One more row than shown says whether to count the rest: usually no COUNT query.
    count = len(shown) if len(shown) <= DIGEST_ITEM_LIMIT else items.count()
    lines = digest_lines(shown[:DIGEST_ITEM_LIMIT])
    report = DigestReport(recipient.address, recipient.unit_name or _unit_of(lines), lines)
    if not lines:
        digests.mark_sent(pk, item_count=0)
        return True
    try:
        digest_message(recipient.address, lines, total=count, on=on).send()
    except Exception as exc:  # any backend error: record it, a later sweep retries
        logger.exception("Reminder digest %s to %s failed", pk, recipient.address)
        error = f"{type(exc).__name__}: {exc}"
        digests.mark_failed(pk, item_count=count, attempts=attempts + 1, error=error)
        result.failed.append((report, error))
    else:
        digests.mark_sent(pk, item_count=count)
        result.sent.append(report)
    return True


# What a digest line does not show: long task texts read for nothing.
UNSHOWN_TASK_COLUMNS = ("task__result", "task__requirement", "task__notes", "task__search_text")


def _shown_items(items) -> list[ReminderItem]:
    return list(
        items.select_related("task__plan", "unit", "period")
        .defer(*UNSHOWN_TASK_COLUMNS)
        .order_by("pk")[: DIGEST_ITEM_LIMIT + 1]
    )


def _unit_of(lines: list[DigestLine]) -> str:
    return next((line.unit for line in lines if line.unit), "")


def _describe_dry_run(result: SweepResult, new: list[Candidate]) -> None:
    """What would be mailed: the new rows per recipient (rows already waiting not counted)."""
    by_recipient: dict[tuple[int, str], list[tuple[Candidate, ReminderItem]]] = defaultdict(list)
    for candidate in new:
        if candidate.by_email:
            key = (candidate.agency_id, candidate.recipient.address)
            by_recipient[key].append((candidate, _item(candidate, on=result.day)))
    # Unsaved rows: their tasks, plans, units and periods in a few queries per batch. Batched
    # because SQLite refuses one IN list of every task of a province (100,000 tasks: "Expression
    # tree is too large").
    items = [item for pairs in by_recipient.values() for _c, item in pairs]
    for start in range(0, len(items), DRY_RUN_BATCH):
        prefetch_related_objects(
            items[start : start + DRY_RUN_BATCH], "task__plan", "unit", "period"
        )
    for (_agency, address), pairs in sorted(by_recipient.items()):
        lines = digest_lines([item for _c, item in pairs])
        result.sent.append(DigestReport(address, pairs[0][0].recipient.unit_name, lines))


# --- notices raised by other apps ------------------------------------------------------


def _coordinator_users(agency_id: int) -> list:
    user_ids = Membership.objects.filter(
        agency_id=agency_id, role=Role.COORDINATOR, is_active=True, user__is_active=True
    ).values("user_id")
    return list(get_user_model().objects.filter(pk__in=user_ids).order_by("username"))


def _notice(user, *, extension: Extension, kind: str, threshold: str, agency_id: int):
    email = user.email.strip().casefold()
    opted_out = hasattr(user, "digest_opt_out")
    subject = f"extension:{extension.pk}"
    return ReminderItem(
        agency_id=agency_id,
        subject=subject,
        mark=ReminderItem.mark_of(subject, threshold, extension.requested_date),
        recipient=email or f"user:{user.pk}",
        user=user,
        kind=kind,
        threshold=threshold,
        deadline=extension.requested_date,
        by_email=bool(email) and not opted_out,
        task_id=extension.task_id,
        extension=extension,
        created_on=timezone.localdate(),
    )


def notify_extension_requested(*, extension: Extension) -> None:
    """The agency's coordinators learn of a new request (bell now, e-mail with the digest)."""
    agency_id = extension.task.plan.agency_id
    notices = [
        _notice(u, extension=extension, kind=ItemKind.EXTENSION_REQUESTED,
                threshold="requested", agency_id=agency_id)
        for u in _coordinator_users(agency_id)
    ]  # fmt: skip
    transaction.on_commit(lambda: ReminderItem.objects.bulk_create(notices, ignore_conflicts=True))


def notify_extension_decided(*, extension: Extension) -> None:
    """The requester learns the decision (bell now, e-mail with the next digest)."""
    if extension.requested_by is None:
        return
    notice = _notice(
        extension.requested_by,
        extension=extension,
        kind=ItemKind.EXTENSION_DECIDED,
        threshold=f"decided-{extension.status}",
        agency_id=extension.task.plan.agency_id,
    )
    transaction.on_commit(lambda: ReminderItem.objects.bulk_create([notice], ignore_conflicts=True))


# --- the bell ------------------------------------------------------------------------


def mark_read(*, user, item_id: int | None = None) -> int:
    """Mark one of the user's notices (or all of them) read; someone else's is not found."""
    items = ReminderItem.objects.for_user(user).unread()
    if item_id is not None:
        items = items.filter(pk=item_id)
    return items.update(read_at=timezone.now())


def set_digest_opt_out(*, user, opted_out: bool) -> None:
    from reminders.models import DigestOptOut

    if opted_out:
        DigestOptOut.objects.get_or_create(user=user)
    else:
        DigestOptOut.objects.filter(user=user).delete()
