"""Form pieces shared by every app: Bootstrap styling and the dd/mm/yyyy date field."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext_lazy as _


def read_choices_once(field: forms.ModelChoiceField, rows: Iterable[Model] | None = None) -> None:
    """Read a model choice field's options now, in one plain query, and keep them.

    Django's ``ModelChoiceIterator`` queries again each time the widget is drawn, and on
    PostgreSQL through a server-side cursor (three round trips). Validation still goes
    through ``field.queryset``, so a value outside it is refused as before. ``rows``: the
    queryset's rows when the caller has read them already (no query at all).
    """
    iterator = field.iterator(field)
    head = [("", field.empty_label)] if field.empty_label is not None else []
    if getattr(field, "null_label", None) is not None:  # django-filter's "no value" option
        head.append((field.null_value, field.null_label))  # type: ignore[attr-defined]
    if rows is None:
        if field.queryset is None:
            raise ValueError("read_choices_once needs the field's queryset set first")
        rows = field.queryset
    options = [iterator.choice(row) for row in rows]
    # ChoiceField's own setter: django-filter's would wrap the list in its iterator again.
    forms.ChoiceField.choices.fset(field, head + options)  # type: ignore[union-attr]


# A 64-bit primary key's range: SQLite raises OverflowError (a 500) on an ``IN`` outside it.
_KEY_RANGE = range(-(2**63), 2**63)


class KeyRangeMixin:
    """For a multiple model choice field: an id outside a 64-bit key's range is an invalid
    choice, as ``abc`` is, rather than a database error. (A single choice needs no help:
    Django answers an out-of-range ``=`` with no row.)"""

    def _check_values(self, value):
        if not getattr(self, "to_field_name", None):
            for pk in value:
                try:
                    in_range = int(str(pk)) in _KEY_RANGE
                except ValueError:
                    continue  # Django's own check refuses it
                if not in_range:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],  # type: ignore[attr-defined]
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        return super()._check_values(value)  # type: ignore[misc]


class ModelMultipleChoiceField(KeyRangeMixin, forms.ModelMultipleChoiceField):
    pass


class BootstrapForm(forms.Form):
    """Gives every widget Bootstrap's class so templates only lay fields out."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


# Day first as Vietnamese writes it ("05/01/2026"); ISO too, for scripts and old links. Fixed
# here rather than taken from the active language, so English pages do not read it as 1 May.
DATE_INPUT_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d")
DATE_DISPLAY_FORMAT = "%d/%m/%Y"


class DateInput(forms.DateInput):
    """A text box that shows and takes dd/mm/yyyy, with a small calendar (static/js/datepicker.js).

    The browser's own date input follows the browser's locale (mm/dd/yyyy on an English
    system), so the same page would show different dates to two officials.
    """

    input_type = "text"

    def __init__(self, attrs: dict | None = None):
        defaults = {
            "placeholder": "dd/mm/yyyy",
            "inputmode": "numeric",
            "autocomplete": "off",
            "data-datepicker": "",
            "data-label-open": _("Chọn ngày"),
            "data-label-prev": _("Tháng trước"),
            "data-label-next": _("Tháng sau"),
            "data-label-month": _("Tháng"),
            "data-label-today": _("Hôm nay"),
            "data-weekdays": _("T2,T3,T4,T5,T6,T7,CN"),
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format=DATE_DISPLAY_FORMAT)


class DateField(forms.DateField):
    """A date typed or picked as dd/mm/yyyy, whatever the page's language."""

    widget = DateInput
    input_formats = DATE_INPUT_FORMATS
    default_error_messages = {
        "invalid": _("Nhập ngày theo dạng ngày/tháng/năm, ví dụ 05/01/2026."),
    }
