"""Form pieces shared by every app: Bootstrap styling and the ISO date picker."""

from __future__ import annotations

from django import forms


class BootstrapForm(forms.Form):
    """Gives every widget Bootstrap's class so templates only lay fields out."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


class DateInput(forms.DateInput):
    """The browser's date picker; it sends ISO dates, whatever the page's language."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)
