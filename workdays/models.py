"""Days the Prime Minister moves each year: a make-up Saturday, an extra day off at Tết."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarOverride(models.Model):
    """One day whose working status differs from the weekend and holiday rules.

    Edited in the admin when the yearly decision on Tết and holiday swaps is published.
    """

    date = models.DateField(_("ngày"), unique=True)
    is_working_day = models.BooleanField(
        _("là ngày làm việc"),
        help_text=_("Chọn nếu là ngày làm bù (ví dụ thứ Bảy làm bù); bỏ chọn nếu là ngày nghỉ."),
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("ngày điều chỉnh lịch làm việc")
        verbose_name_plural = _("ngày điều chỉnh lịch làm việc")
        ordering = ["-date"]

    def __str__(self) -> str:
        kind = _("làm việc") if self.is_working_day else _("nghỉ")
        return f"{self.date:%d/%m/%Y} ({kind})"
