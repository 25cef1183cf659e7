"""Forms of the indicator pages; they validate input, services do the writing."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import BootstrapForm
from indicators.models import Source
from indicators.services import Actual
from organizations.models import Unit
from tasks.evidence_check import ALLOWED_EXTENSIONS
from tasks.forms import MultipleFileField, MultipleFileInput, PeriodChoiceField
from tasks.services import check_uploads


class ValueField(forms.Field):
    """A figure typed the Vietnamese way ("97,5") or with a point ("97.5")."""

    default_error_messages = {"invalid": _("Vui lòng nhập một số, ví dụ 97,5.")}

    widget = forms.TextInput(attrs={"inputmode": "decimal", "maxlength": 30})

    def to_python(self, value):
        text = str(value or "").strip().replace(" ", "").rstrip("%")
        if not text:
            return None
        if len(text) > 30:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        if not re.fullmatch(r"-?\d{1,15}(?:\.\d{1,4})?", text):  # no "1e9", "NaN", "∞"
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return Decimal(text)


class ValueForm(BootstrapForm):
    """One period's actual value, where it comes from, and evidence files."""

    period = PeriodChoiceField(
        label=_("Kỳ báo cáo"),
        queryset=None,
        empty_label=None,
        error_messages={
            "invalid_choice": _("Kỳ báo cáo này đã chốt số liệu; liên hệ Văn phòng để mở lại.")
        },
    )
    value = ValueField(label=_("Giá trị đạt được"))
    source_note = forms.CharField(
        label=_("Nguồn số liệu"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ví dụ: Hệ thống thông tin giải quyết TTHC của tỉnh, số liệu đến 14/3."),
    )
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    evidence = MultipleFileField(
        label=_("Tài liệu kiểm chứng"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ",".join(ALLOWED_EXTENSIONS)}),
        help_text=_("PDF, DOCX, XLSX, PNG hoặc JPG; có thể chọn nhiều tệp."),
    )

    def __init__(self, *args, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = periods

    def clean_evidence(self):
        files = self.cleaned_data["evidence"]
        check_uploads(files)
        return files

    def actual(self) -> Actual:
        data = self.cleaned_data
        return Actual(value=data["value"], source_note=data["source_note"], note=data["note"])


class SettingsForm(BootstrapForm):
    """The Văn phòng's choice: who reports the indicator, or which figure computes it."""

    responsible_unit = forms.ModelChoiceField(
        label=_("Đơn vị chịu trách nhiệm"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("— Đơn vị chủ trì nhiệm vụ liên quan —"),
    )
    source = forms.ChoiceField(label=_("Nguồn số liệu"), choices=Source.choices)

    def __init__(self, *args, agency_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_unit"].queryset = (
            Unit.objects.filter(agency_id=agency_id).active().order_by("order", "name")
        )
