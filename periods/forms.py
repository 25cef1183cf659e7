"""Forms of the reporting-period pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import BootstrapForm, DateField, DateInput
from organizations.models import Unit


class SubmitForm(forms.Form):
    """The unit whose report the head sends; the hidden input of the period page."""

    unit: forms.ModelChoiceField[Unit] = forms.ModelChoiceField(queryset=Unit.objects.none())

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class ReturnForm(BootstrapForm):
    comment = forms.CharField(
        label=_("Lý do trả lại"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReopenForm(BootstrapForm):
    until = DateField(
        label=_("Mở lại cho cán bộ đến ngày"),
        required=False,
        widget=DateInput(),
        help_text=_("Để trống để khóa lại kỳ."),
    )
