"""The one name of a reporting period, used by every page, message and e-mail.

"Quý I/2026", "6 tháng đầu năm 2026", "Quý III/2026", "9 tháng năm 2026", "Năm 2026".
Sentences put "kỳ" or "báo cáo kỳ" in front ("Đã gửi báo cáo kỳ Năm 2026"), so the
label itself never starts with "Báo cáo" and never repeats it.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

# Keys are PeriodKind values; plain strings so this module imports no model. Translated one
# at a time when asked for: a page names a hundred periods.
LABELS = {
    "q1": gettext_noop("Quý I/%(year)s"),
    "h1": gettext_noop("6 tháng đầu năm %(year)s"),
    "q3": gettext_noop("Quý III/%(year)s"),
    "m9": gettext_noop("9 tháng năm %(year)s"),
    "year": gettext_noop("Năm %(year)s"),
}


def period_label(*, kind: str, year: int) -> str:
    """The label of the ``kind`` period of ``year``; an unknown kind shows as itself."""
    template = LABELS.get(kind)
    if template is None:
        return f"{kind}/{year}"
    return _(template) % {"year": year}
