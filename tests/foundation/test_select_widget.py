"""The project's form renderer draws selects with the same HTML as Django's own templates."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from common.renderers import FormRenderer

CHOICES = [
    ("", "Tất cả kế hoạch"),
    ("1", 'Kế hoạch "CCHC" & <năm> 2026'),
    ("2", "Kế hoạch KSTTHC"),
    ("Nhóm <b>", [("3", "Quý I"), ("4", "Quý II")]),
]


def _html(widget: forms.Widget, renderer, value, name: str = "plan") -> str:
    html = widget.render(name, value, attrs={"id": "id_plan", "class": "form-select"},
                         renderer=renderer)  # fmt: skip
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize(
    ("widget", "value"),
    [
        (forms.Select(choices=CHOICES), "2"),
        (forms.Select(choices=CHOICES), ""),
        (forms.Select(choices=CHOICES, attrs={"disabled": True, "data-x": 'y"<'}), None),
        (forms.Select(choices=[(1, 1), (None, "—")]), 1),
        (forms.SelectMultiple(choices=CHOICES), ["1", "3"]),
        (forms.NullBooleanSelect(), "true"),
        (forms.Select(choices=[]), None),
    ],
)
def test_same_html_as_djangos_own_template(widget, value):
    ours = _html(widget, FormRenderer(), value)
    django_own = _html(widget, DjangoTemplates(), value)
    assert ours == django_own
    if widget.choices:
        assert "<option" in ours


def test_names_and_labels_are_escaped():
    html = _html(forms.Select(choices=CHOICES), FormRenderer(), "1", name='p"><script>')
    assert "<script>" not in html and "&lt;năm&gt;" in html and "Nhóm &lt;b&gt;" in html


def test_it_is_the_renderer_in_use(settings):
    assert settings.FORM_RENDERER == "common.renderers.FormRenderer"
    form = type("F", (forms.Form,), {"plan": forms.ChoiceField(choices=CHOICES[:3])})()
    assert type(form.renderer) is FormRenderer
    assert '<option value="1">Kế hoạch &quot;CCHC&quot; &amp; &lt;năm&gt; 2026</option>' in str(
        form["plan"]
    )


class _CustomOption(forms.Select):
    option_template_name = "django/forms/widgets/radio_option.html"


def test_a_widget_with_its_own_option_template_still_uses_it():
    widget = _CustomOption(choices=CHOICES[:2])
    ours = _html(widget, FormRenderer(), "1")
    assert ours == _html(widget, DjangoTemplates(), "1")
    assert "<label><input" in ours and "<option" not in ours
