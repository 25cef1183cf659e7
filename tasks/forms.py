"""Forms of the task pages; they validate input, services do the writing."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import BootstrapForm, DateField, DateInput, read_choices_once
from tasks.evidence_check import ALLOWED_EXTENSIONS
from tasks.models import TaskStatus
from tasks.services import ProgressReport, check_uploads


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class PeriodChoiceField(forms.ModelChoiceField):
    """Periods by their label; one reopened after its cut-off says until when it is open."""

    today = None

    def label_from_instance(self, period) -> str:
        reopened = period.reopened_until and self.today and period.cutoff < self.today
        if not reopened:
            return period.label
        return _("%(period)s (mở lại đến %(until)s)") % {
            "period": period.label,
            "until": period.reopened_until.strftime("%d/%m/%Y"),
        }


class ProgressForm(BootstrapForm):
    """Status, progress and texts for one period, plus evidence files."""

    period = PeriodChoiceField(
        label=_("Kỳ báo cáo"),
        queryset=None,
        empty_label=None,
        error_messages={
            "invalid_choice": _("Kỳ báo cáo này đã chốt số liệu; liên hệ Văn phòng để mở lại.")
        },
    )
    status = forms.ChoiceField(label=_("Trạng thái"), choices=TaskStatus.choices)
    progress = forms.IntegerField(label=_("Tiến độ (%)"), min_value=0, max_value=100)
    result = forms.CharField(
        label=_("Kết quả thực hiện"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    difficulties = forms.CharField(
        label=_("Khó khăn, vướng mắc"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    proposals = forms.CharField(
        label=_("Đề xuất, kiến nghị"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    completed_on = DateField(
        label=_("Ngày hoàn thành"),
        required=False,
        widget=DateInput(),
        help_text=_("Để trống thì lấy ngày cập nhật."),
    )
    evidence = MultipleFileField(
        label=_("Tài liệu kiểm chứng"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ",".join(ALLOWED_EXTENSIONS)}),
        help_text=_("PDF, DOCX, XLSX, PNG hoặc JPG; có thể chọn nhiều tệp."),
    )

    def __init__(self, *args, periods, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["period"]
        field.queryset = periods
        field.today = today or timezone.localdate()
        if self.initial.get("period") is None:
            # No current period (only reopened or past ones): make the user choose one.
            field.empty_label = _("— Chọn kỳ báo cáo —")

    def draw_periods_from(self, periods: list) -> None:
        """Draw the period choices from ``periods``, the rows of ``periods=`` already read
        (the view reads them to pick the current one), not from a second query."""
        field = self.fields["period"]
        assert isinstance(field, forms.ModelChoiceField)
        read_choices_once(field, rows=periods)

    def clean_completed_on(self):
        value = self.cleaned_data["completed_on"]
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("Ngày hoàn thành không được ở tương lai."))
        return value

    def clean_evidence(self):
        files = self.cleaned_data["evidence"]
        check_uploads(files)
        return files

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == TaskStatus.DONE and not cleaned.get("result", "").strip():
            self.add_error("result", _("Nhiệm vụ đã hoàn thành phải có kết quả thực hiện."))
        return cleaned

    def report(self) -> ProgressReport:
        data = self.cleaned_data
        return ProgressReport(
            status=data["status"],
            progress=data["progress"],
            result=data["result"],
            difficulties=data["difficulties"],
            proposals=data["proposals"],
            completed_on=data["completed_on"],
        )


def progress_initial(task, period=None) -> dict:
    return {
        "period": period,
        "status": task.status,
        "progress": task.progress,
        "result": task.result,
        "difficulties": task.difficulties,
        "proposals": task.proposals,
        "completed_on": task.completed_on,
    }


class CommentForm(BootstrapForm):
    body = forms.CharField(
        label=_("Ý kiến"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class SendBackForm(BootstrapForm):
    comment = forms.CharField(
        label=_("Lý do trả lại"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ExtensionRequestForm(BootstrapForm):
    requested_date = DateField(label=_("Đề nghị gia hạn đến ngày"), widget=DateInput())
    reason = forms.CharField(
        label=_("Lý do"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ExtensionDecisionForm(BootstrapForm):
    decision = forms.ChoiceField(
        label=_("Quyết định"),
        choices=[("approve", _("Duyệt")), ("reject", _("Không duyệt"))],
    )
    note = forms.CharField(
        label=_("Ý kiến"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    @property
    def approves(self) -> bool:
        return self.cleaned_data["decision"] == "approve"
