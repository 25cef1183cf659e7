"""Forms of the import flow: the upload, and the confirmation with metadata and unit choices."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django import forms
from django.utils.translation import gettext_lazy as _

from importer.apply import PLAN_IMPORT_FIELDS, UnitDecision
from importer.parsing.document import PlanMetadata
from importer.preview import AreaLead, ImportPreview
from organizations.models import Agency, Unit, UnitKind
from plans.models import PlanKind


def _bootstrap(form: forms.Form) -> None:
    """Give every widget Bootstrap's class, so templates stay plain loops."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.HiddenInput):
            continue
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class UploadForm(forms.Form):
    """Pick the file (and, for someone editing several agencies, the agency)."""

    file = forms.FileField(
        label=_("Tệp kế hoạch"),
        help_text=_(
            "Văn bản Word (.docx, .doc), tệp PDF có lớp chữ, bảng tính Excel (.xlsx) hoặc tệp CSV."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.doc,.pdf,.xlsx,.csv"}),
    )
    agency = forms.ModelChoiceField(label=_("Cơ quan"), queryset=Agency.objects.none())

    def __init__(self, *args, agencies, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.only_agency = agencies[0] if len(agencies) == 1 else None
        if self.only_agency is not None:
            self.fields["agency"].required = False
            self.fields["agency"].widget = forms.HiddenInput()
        _bootstrap(self)

    def clean_agency(self) -> Agency:
        return self.cleaned_data.get("agency") or self.only_agency


class ReassignAgencyForm(forms.Form):
    """The preview's "Nhập vào cơ quan": another of the user's agencies for the staged file."""

    agency = forms.TypedChoiceField(label=_("Nhập vào cơ quan"), coerce=int)

    def __init__(self, *args, agencies: list[Agency], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Choices from the agencies the view already fetched: no query, and an id outside them
        # (another agency's, or garbage) is simply not a valid choice.
        self.fields["agency"].choices = [(agency.pk, agency.name) for agency in agencies]
        _bootstrap(self)


UNIT_ACTIONS = [
    (UnitDecision.KEEP, _("Giữ nguyên văn bản (không gắn đơn vị)")),
    (UnitDecision.MAP, _("Là đơn vị đã có (ghi nhớ tên gọi này)")),
    (UnitDecision.CREATE, _("Tạo đơn vị mới")),
]
NEW_UNIT_KINDS = [
    (UnitKind.EXTERNAL, UnitKind.EXTERNAL.label),
    (UnitKind.INTERNAL, UnitKind.INTERNAL.label),
]


@dataclass(frozen=True)
class UnitChoiceFields:
    """The three bound fields the preview shows for one unrecognised name."""

    name: str
    action: forms.BoundField
    unit: forms.BoundField
    kind: forms.BoundField


@dataclass(frozen=True)
class AreaLeadField:
    """The lead choice the preview shows for one area whose tasks name no unit."""

    area: AreaLead
    unit: forms.BoundField
    suggested_name: str


AREA_LEAD_BLANK = _("— để trống —")


class ConfirmImportForm(forms.Form):
    """Metadata as the coordinator corrected it, and a decision for every unknown unit name."""

    title = forms.CharField(label=_("Trích yếu"), widget=forms.Textarea(attrs={"rows": 2}))
    number = forms.CharField(label=_("Số"), max_length=20, required=False)
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=40, required=False)
    kind = forms.ChoiceField(label=_("Loại kế hoạch"), choices=PlanKind.choices)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    issued_on = forms.DateField(
        label=_("Ngày ban hành"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
    )
    legal_basis = forms.CharField(
        label=_("Căn cứ ban hành"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    signer = forms.CharField(label=_("Người ký"), max_length=120, required=False)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=120, required=False)

    WIDE_FIELDS = frozenset({"title", "legal_basis"})

    def __init__(self, *args, preview: ImportPreview, **kwargs) -> None:
        meta = preview.metadata
        kwargs.setdefault(
            "initial",
            {
                "title": meta.title,
                "number": meta.number,
                "symbol": meta.symbol,
                "kind": preview.plan_kind,
                "year": meta.year,
                "issued_on": meta.issued_on,
                "legal_basis": meta.basis,
                "signer": meta.signer,
                "signer_title": meta.signer_title.replace("\n", " "),
            },
        )
        super().__init__(*args, **kwargs)
        self.preview = preview
        self.unknown_names = preview.units_unmatched
        units = Unit.objects.filter(agency=preview.agency, is_active=True).order_by("order", "name")
        for index, _name in enumerate(self.unknown_names):
            self.fields[f"unit_{index}_action"] = forms.ChoiceField(
                label=_("Cách xử lý"), choices=UNIT_ACTIONS, initial=UnitDecision.KEEP
            )
            self.fields[f"unit_{index}_unit"] = forms.ModelChoiceField(
                label=_("Đơn vị đã có"), queryset=units, required=False
            )
            self.fields[f"unit_{index}_kind"] = forms.ChoiceField(
                label=_("Loại đơn vị mới"), choices=NEW_UNIT_KINDS, initial=UnitKind.EXTERNAL
            )
        # The agency's active units as the preview already read them: no query per select.
        unit_choices = [("", AREA_LEAD_BLANK), *preview.directory.names.items()]
        for index, area in enumerate(preview.area_leads):
            self.fields[f"area_{index}_lead"] = forms.TypedChoiceField(
                label=_("Đơn vị chủ trì các nhiệm vụ chưa có đơn vị"),
                choices=unit_choices,
                coerce=int,
                empty_value=None,
                required=False,
                initial=area.suggested_unit_id,
            )
        _bootstrap(self)

    def metadata_fields(self) -> list[tuple[forms.BoundField, bool]]:
        """The plan's fields with whether each takes a full row."""
        return [(self[name], name in self.WIDE_FIELDS) for name in PLAN_IMPORT_FIELDS]

    def unit_choices(self) -> list[UnitChoiceFields]:
        return [
            UnitChoiceFields(
                name,
                self[f"unit_{index}_action"],
                self[f"unit_{index}_unit"],
                self[f"unit_{index}_kind"],
            )
            for index, name in enumerate(self.unknown_names)
        ]

    def area_lead_choices(self) -> list[AreaLeadField]:
        directory = self.preview.directory
        return [
            AreaLeadField(
                area,
                self[f"area_{index}_lead"],
                directory.label(area.suggested_unit_id) if area.suggested_unit_id else "",
            )
            for index, area in enumerate(self.preview.area_leads)
        ]

    def clean(self):
        cleaned = super().clean()
        for index, name in enumerate(self.unknown_names):
            action = cleaned.get(f"unit_{index}_action")
            if action == UnitDecision.MAP and not cleaned.get(f"unit_{index}_unit"):
                self.add_error(
                    f"unit_{index}_unit",
                    _("Chọn đơn vị mà “%(name)s” chỉ tới.") % {"name": name},
                )
        return cleaned

    def metadata(self) -> PlanMetadata:
        data = self.cleaned_data
        return replace(
            self.preview.metadata,
            title=data["title"].strip(),
            number=data["number"].strip(),
            symbol=data["symbol"].strip(),
            year=data["year"],
            issued_on=data["issued_on"],
            basis=data["legal_basis"].strip(),
            signer=data["signer"].strip(),
            signer_title=data["signer_title"].strip(),
        )

    def decisions(self) -> dict[str, UnitDecision]:
        data = self.cleaned_data
        decisions = {}
        for index, name in enumerate(self.unknown_names):
            unit = data.get(f"unit_{index}_unit")
            decisions[name] = UnitDecision(
                action=data[f"unit_{index}_action"],
                unit_id=unit.pk if unit else None,
                kind=data.get(f"unit_{index}_kind") or UnitKind.EXTERNAL,
            )
        return decisions

    def area_leads(self) -> dict[str, int | None]:
        """Top-level section path -> the unit chosen to lead its tasks that name none."""
        data = self.cleaned_data
        return {
            area.path: data.get(f"area_{index}_lead")
            for index, area in enumerate(self.preview.area_leads)
        }
