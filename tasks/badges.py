"""Which badges a task row shows: the one rule every list, detail, plan page and e-mail follows.

Pure logic (no Django); ``Task.row_badges`` adds the labels and
``templates/tasks/_row_badges.html`` draws them. The rule:

* A section heading shows no badge.
* A recurring or continuous task ("Định kỳ", "Thường xuyên") has no single deadline: it
  shows its own kind label and nothing else about time, never "Chưa xác định hạn".
* Every other task shows ONE time badge. Where people chase work (task list, task detail,
  plan page, reminder e-mail) it is the timeliness against the deadline in force (Trong
  hạn / Sắp đến hạn / Quá hạn / Chưa xác định hạn). In report contexts (a list filtered
  by report bucket, reports) it is the report bucket against the ORIGINAL deadline
  instead. The two are never shown side by side, because after an extension they may
  honestly disagree ("Trong hạn" now, "Chưa hoàn thành, quá hạn" for the report).
* An approved extension adds one note, "Đã gia hạn đến dd/mm/yyyy", in both contexts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from tasks.timeliness import RECURRING_KINDS, Bucket, Timeliness


class BadgeKind(StrEnum):
    TIMELINESS = "timeliness"
    BUCKET = "bucket"
    RECURRING = "recurring"
    EXTENDED = "extended"


@dataclass(frozen=True)
class BadgeKey:
    """One badge before it gets a label: its kind and the value it stands for."""

    kind: BadgeKind
    value: str  # a Timeliness / Bucket / deadline kind value, or the extension's ISO date


def row_badge_keys(
    *,
    is_section: bool,
    deadline_kind: str,
    timeliness: Timeliness,
    bucket: Bucket,
    extended_due_date: dt.date | None,
    report: bool,
) -> tuple[BadgeKey, ...]:
    if is_section:
        return ()
    if deadline_kind in RECURRING_KINDS:
        badges = [BadgeKey(BadgeKind.RECURRING, deadline_kind)]
    elif report:
        badges = [BadgeKey(BadgeKind.BUCKET, bucket.value)]
    else:
        badges = [BadgeKey(BadgeKind.TIMELINESS, timeliness.value)]
    if extended_due_date is not None:
        badges.append(BadgeKey(BadgeKind.EXTENDED, extended_due_date.isoformat()))
    return tuple(badges)


@dataclass(frozen=True)
class RowBadge:
    """A badge ready to draw: the CSS class that colours it and its (translated) label."""

    css: str
    label: str


# CSS class of each kind; timeliness and bucket classes carry their value (tl-overdue, ...).
CSS_PREFIX = {
    BadgeKind.TIMELINESS: "tl-",
    BadgeKind.BUCKET: "bucket-badge bucket-",
    BadgeKind.RECURRING: "kind-badge kind-",
}
EXTENDED_CSS = "text-bg-info"
