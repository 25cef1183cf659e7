"""Input of the Reports page: which report to build, and an agency's header settings."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import BootstrapForm, DateField
from organizations.models import Agency
from periods.models import ReportingPeriod
from plans.models import Plan
from reports.models import ReportSettings
from reports.services import range_refusal


class PeriodChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ReportingPeriod) -> str:
        return f"{obj.label} — {obj.agency}"


class PlanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Plan) -> str:
        return obj.short_label()


class ReportRequestForm(BootstrapForm):
    """A period of the agencies the user reports on and, optionally, one of their plans."""

    period = PeriodChoiceField(label=_("Kỳ báo cáo"), queryset=ReportingPeriod.objects.none())
    plan = PlanChoiceField(
        label=_("Kế hoạch"),
        queryset=Plan.objects.none(),
        required=False,
        empty_label=_("Tất cả kế hoạch của kỳ"),
    )

    def __init__(self, *args, periods, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = periods
        self.fields["plan"].queryset = plans

    def clean(self):
        cleaned = super().clean()
        period, plan = cleaned.get("period"), cleaned.get("plan")
        if period is not None and plan is not None and plan.agency_id != period.agency_id:
            raise forms.ValidationError(_("Kế hoạch không thuộc cơ quan của kỳ báo cáo."))
        return cleaned


class RangeReportForm(BootstrapForm):
    """A custom date range (dd/mm/yyyy) of an agency the user reports on, optionally one plan."""

    agency = forms.ModelChoiceField(
        label=_("Cơ quan"), queryset=Agency.objects.none(), empty_label=None
    )
    range_start = DateField(label=_("Từ ngày"))
    range_end = DateField(label=_("Đến ngày"))
    range_plan = PlanChoiceField(
        label=_("Kế hoạch"),
        queryset=Plan.objects.none(),
        required=False,
        empty_label=_("Tất cả kế hoạch"),
    )

    def __init__(self, *args, agencies, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["range_plan"].queryset = plans

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("range_start"), cleaned.get("range_end")
        if start is not None and end is not None:
            refusal = range_refusal(start=start, end=end, today=timezone.localdate())
            if refusal:
                self.add_error("range_end" if end < start else None, refusal)
        agency, plan = cleaned.get("agency"), cleaned.get("range_plan")
        if agency is not None and plan is not None and plan.agency_id != agency.pk:
            self.add_error("range_plan", _("Kế hoạch không thuộc cơ quan đã chọn."))
        return cleaned


class ReportSettingsForm(forms.ModelForm):
    """What the Văn phòng sets for the header, "Nơi nhận" and signature of its reports."""

    class Meta:
        model = ReportSettings
        fields = [
            "parent_agency",
            "agency_name",
            "symbol",
            "place",
            "signer_title",
            "signer_name",
            "recipients",
        ]
        widgets = {
            "signer_title": forms.Textarea(attrs={"rows": 2}),
            "recipients": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agency = self.instance.agency
        placeholders = {
            "parent_agency": agency.parent_name,
            "agency_name": agency.document_header_name,
            "symbol": agency.symbol,
            "place": agency.place_name,
        }
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("class", "form-control")
            if placeholders.get(name):
                field.widget.attrs["placeholder"] = placeholders[name]

    def clean_signer_title(self) -> str:
        lines = [line.strip() for line in self.cleaned_data["signer_title"].splitlines()]
        return "\n".join(line for line in lines if line)

    def clean_recipients(self) -> str:
        lines = [line.strip() for line in self.cleaned_data["recipients"].splitlines()]
        return "\n".join(line for line in lines if line)
