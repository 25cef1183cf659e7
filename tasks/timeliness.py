"""Timeliness and report buckets of one task, as plain date arithmetic (no Django).

The same rule is written twice: here for one task (detail page, tests) and as
QuerySet annotations in ``tasks.models.TaskQuerySet`` (lists, counts, reports).
``tests/tasks/test_timeliness.py`` runs one table of cases through both.

The rule for extensions (gia hạn):

* **Timeliness** (Trong hạn / Sắp đến hạn / Quá hạn / Chưa xác định hạn) answers
  "what must we chase now?" and uses the *effective* deadline: the approved
  extension if there is one, else the original deadline. An open task is overdue
  once the day is past that deadline and "due soon" when it falls within the next
  ``soon_days`` days; a finished task is on time when it was completed by it.
* **Report buckets** answer "did we do what the plan promised?" and compare with
  the *original* deadline only, so an extension never turns a late task into an
  on-time one. Tasks with an approved extension are counted separately
  ("Đã gia hạn") next to the buckets. Recurring and continuous tasks ("Thường
  xuyên", "Định kỳ") have no single deadline and get a bucket of their own.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum


class Timeliness(StrEnum):
    ON_TIME = "on_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    NO_DEADLINE = "no_deadline"


class Bucket(StrEnum):
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    IN_PROGRESS = "in_progress"
    OVERDUE = "overdue"
    RECURRING = "recurring"
    NO_DEADLINE = "no_deadline"


# DeadlineKind values whose tasks are reported per period, not against one deadline.
RECURRING_KINDS = frozenset({"recurring", "continuous"})


def effective_due(due_date: dt.date | None, extended_due_date: dt.date | None) -> dt.date | None:
    return extended_due_date or due_date


def timeliness(
    *,
    done: bool,
    due_date: dt.date | None,
    extended_due_date: dt.date | None,
    completed_on: dt.date | None,
    on: dt.date,
    soon_days: int,
) -> Timeliness:
    deadline = effective_due(due_date, extended_due_date)
    if deadline is None:
        return Timeliness.NO_DEADLINE
    if done:
        finished = completed_on or on
        return Timeliness.ON_TIME if finished <= deadline else Timeliness.OVERDUE
    if on > deadline:
        return Timeliness.OVERDUE
    if deadline <= on + dt.timedelta(days=soon_days):
        return Timeliness.DUE_SOON
    return Timeliness.ON_TIME


def report_bucket(
    *,
    done: bool,
    deadline_kind: str,
    due_date: dt.date | None,
    completed_on: dt.date | None,
    on: dt.date,
) -> Bucket:
    """The bucket against the ORIGINAL deadline (extensions deliberately ignored)."""
    if deadline_kind in RECURRING_KINDS:
        return Bucket.RECURRING
    if done:
        finished = completed_on or on
        if due_date is None or finished <= due_date:
            return Bucket.DONE_ON_TIME
        return Bucket.DONE_LATE
    if due_date is None:
        return Bucket.NO_DEADLINE
    return Bucket.OVERDUE if on > due_date else Bucket.IN_PROGRESS
