"""Forms of the plans app."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

CONFIRMED = "yes"


class ConfirmForm(forms.Form):
    """The explicit "yes" a trash button sends: a bare or tampered POST changes nothing."""

    confirm = forms.ChoiceField(
        choices=[(CONFIRMED, _("Đồng ý"))],
        error_messages={
            "required": _("Thiếu xác nhận: hãy bấm lại nút trên trang."),
            "invalid_choice": _("Xác nhận không hợp lệ: hãy bấm lại nút trên trang."),
        },
    )
