"""Forms of the PAR Index pages; they validate input, services do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import BootstrapForm, ModelMultipleChoiceField
from indicators.forms import ValueField
from organizations.models import Agency, Unit
from par.models import AgencyLevel, Suggestion
from par.services import SelfScore
from plans.models import Plan
from tasks.evidence_check import ALLOWED_EXTENSIONS
from tasks.forms import MultipleFileField, MultipleFileInput
from tasks.models import Evidence, Task
from tasks.services import check_uploads


class UploadForm(BootstrapForm):
    agency = forms.ModelChoiceField(
        label=_("Cơ quan"), queryset=Agency.objects.none(), empty_label=None
    )
    file = forms.FileField(
        label=_("Tệp bộ tiêu chí (.xlsx)"),
        help_text=_(
            "Các cột: STT, tiêu chí, điểm tối đa, hướng dẫn chấm điểm, tài liệu kiểm chứng."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class ConfirmForm(BootstrapForm):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    level = forms.ChoiceField(label=_("Cấp"), choices=AgencyLevel.choices)
    plan = forms.ModelChoiceField(
        label=_("Kế hoạch CCHC (để gợi ý điểm)"),
        queryset=Plan.objects.none(),
        required=False,
        empty_label=_("— Không chọn —"),
    )

    def __init__(self, *args, agency_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.filter(
            agency_id=agency_id, deleted_at__isnull=True
        ).order_by("-year", "pk")


class ScoreForm(BootstrapForm):
    score = ValueField(label=_("Điểm tự chấm"))
    explanation = forms.CharField(
        label=_("Giải trình"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = MultipleFileField(
        label=_("Tài liệu kiểm chứng (tải lên)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ",".join(ALLOWED_EXTENSIONS)}),
        help_text=_("PDF, DOCX, XLSX, PNG hoặc JPG; có thể chọn nhiều tệp."),
    )
    task_evidence = ModelMultipleChoiceField(
        label=_("Dùng tài liệu kiểm chứng của nhiệm vụ"),
        queryset=Evidence.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    tasks = ModelMultipleChoiceField(
        label=_("Dùng kết quả của nhiệm vụ đã hoàn thành"),
        queryset=Task.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )

    def __init__(self, *args, task_evidence, tasks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task_evidence"].queryset = task_evidence
        self.fields["tasks"].queryset = tasks

    def clean_evidence(self):
        files = self.cleaned_data["evidence"]
        check_uploads(files)
        return files

    def self_score(self) -> SelfScore:
        data = self.cleaned_data
        return SelfScore(
            score=data["score"],
            explanation=data["explanation"],
            task_evidence=list(data["task_evidence"]),
            tasks=list(data["tasks"]),
        )


class ManageForm(BootstrapForm):
    responsible_unit = forms.ModelChoiceField(
        label=_("Đơn vị chịu trách nhiệm"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("— Chưa giao —"),
    )
    suggestion = forms.ChoiceField(
        label=_("Gợi ý điểm từ"), choices=Suggestion.choices, required=False
    )
    appraised_score = ValueField(label=_("Điểm thẩm định"), required=False)

    def __init__(self, *args, agency_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_unit"].queryset = (
            Unit.objects.filter(agency_id=agency_id).internal().active().order_by("order", "name")
        )
