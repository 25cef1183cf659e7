"""Forms of the budget pages; they validate input, services do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from budget.amounts import AmountError, Problem, parse_amount
from budget.models import EntryKind, FundingSource
from budget.services import EntryData
from common.forms import BootstrapForm, DateField, DateInput

AMOUNT_MESSAGES = {
    Problem.EMPTY: _("Vui lòng nhập số tiền."),
    Problem.NOT_A_NUMBER: _(
        "Không đọc được số tiền; nhập ví dụ 4.415.800.000, 4415800000 hoặc 4,4 tỷ."
    ),
    Problem.NEGATIVE: _("Số tiền không được âm."),
    Problem.ZERO: _("Số tiền phải lớn hơn 0."),
    Problem.FRACTION: _("Số tiền tính bằng đồng, không có phần lẻ."),
    Problem.TOO_LARGE: _("Số tiền quá lớn; vui lòng kiểm tra lại."),
}


class AmountField(forms.CharField):
    """Whole đồng typed as "4.415.800.000", "4415800000" or "4,4 tỷ" (budget.amounts)."""

    def to_python(self, value):
        try:
            return parse_amount(str(value or ""))
        except AmountError as error:
            raise forms.ValidationError(
                AMOUNT_MESSAGES[error.problem], code=error.problem
            ) from error

    def validate(self, value):  # the parser already refused empty input
        pass

    def run_validators(self, value):
        pass


class LineChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, line) -> str:
        return str(line)[:120]


class EntryForm(BootstrapForm):
    line = LineChoiceField(label=_("Dòng kinh phí"), queryset=None, empty_label=None)
    kind = forms.ChoiceField(label=_("Loại"), choices=EntryKind.choices)
    amount = AmountField(
        label=_("Số tiền (đồng)"),
        max_length=40,
        help_text=_("Ví dụ: 4.415.800.000, 4415800000 hoặc 4,4 tỷ."),
    )
    date = DateField(label=_("Ngày"), widget=DateInput())
    document_number = forms.CharField(
        label=_("Số chứng từ, quyết định"), max_length=60, required=False
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = lines

    def entry(self) -> EntryData:
        data = self.cleaned_data
        return EntryData(
            kind=data["kind"],
            amount=data["amount"],
            date=data["date"],
            document_number=data["document_number"],
            note=data["note"],
        )


class TaskChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, task) -> str:
        return f"{task.code}. {task.content}"[:120]


class LineForm(BootstrapForm):
    """Where a line's money comes from, and the task it pays for."""

    line = LineChoiceField(label=_("Dòng kinh phí"), queryset=None, empty_label=None)
    funding_source = forms.ChoiceField(
        label=_("Nguồn kinh phí"), choices=[("", "—"), *FundingSource.choices], required=False
    )
    task = TaskChoiceField(
        label=_("Nhiệm vụ"), queryset=None, required=False, empty_label=_("— Không gắn —")
    )

    def __init__(self, *args, lines, tasks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = lines
        self.fields["task"].queryset = tasks.order_by("position")
