"""Forms of the reminder pages: an agency's settings, a user's digest opt-out."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from reminders.models import ReminderSettings


class ReminderSettingsForm(forms.ModelForm):
    class Meta:
        model = ReminderSettings
        fields = [
            "lead_days",
            "remind_on_due_day",
            "overdue_repeat_days",
            "escalate_after_days",
            "period_lead_days",
            "send_time",
            "send_on_days_off",
        ]
        widgets = {"send_time": forms.TimeInput(format="%H:%M", attrs={"placeholder": "07:30"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = (
                "form-check-input"
                if isinstance(field.widget, forms.CheckboxInput)
                else "form-control"
            )
            field.widget.attrs.setdefault("class", css)
        self.fields["send_time"].input_formats = ["%H:%M"]
        self.fields["send_time"].error_messages["invalid"] = _("Nhập giờ dạng HH:MM, ví dụ 07:30.")


class DigestPreferenceForm(forms.Form):
    """An explicit choice (not a checkbox): a POST without it changes nothing."""

    digests = forms.ChoiceField(
        label=_("Thư nhắc hạn hằng ngày"),
        choices=[("on", _("Nhận thư nhắc hạn")), ("off", _("Không nhận thư nhắc hạn"))],
        help_text=_("Thư báo nhiệm vụ quá hạn lâu (gửi Trưởng phòng và Văn phòng) vẫn được gửi."),
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
