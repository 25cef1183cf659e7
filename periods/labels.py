"""The one name of a reporting period, used by every page, message and e-mail.

"Quý I/2026", "6 tháng đầu năm 2026", "Quý III/2026", "9 tháng năm 2026", "Năm 2026".
Sentences put "kỳ" or "báo cáo kỳ" in front ("Đã gửi báo cáo kỳ Năm 2026"), so the
label itself never starts with "Báo cáo" and never repeats it.
"""

from __future__ import annotations

from django.utils.translation import gettext as _


def period_label(*, kind: str, year: int) -> str:
    """The label of the ``kind`` period of ``year``; an unknown kind shows as itself."""
    # Keys are PeriodKind values; plain strings so this module imports no model.
    labels = {
        "q1": _("Quý I/%(year)s"),
        "h1": _("6 tháng đầu năm %(year)s"),
        "q3": _("Quý III/%(year)s"),
        "m9": _("9 tháng năm %(year)s"),
        "year": _("Năm %(year)s"),
    }
    template = labels.get(kind)
    if template is None:
        return f"{kind}/{year}"
    return template % {"year": year}
