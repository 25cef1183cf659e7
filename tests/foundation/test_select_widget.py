"""The project's select widget template draws the same HTML as Django's own, faster."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, TemplatesSetting

CHOICES = [
    ("", "Tất cả kế hoạch"),
    ("1", 'Kế hoạch "CCHC" & <năm> 2026'),
    ("2", "Kế hoạch KSTTHC"),
    ("Nhóm", [("3", "Quý I"), ("4", "Quý II")]),
]


def _html(widget: forms.Widget, renderer, value) -> str:
    html = widget.render(
        "plan", value, attrs={"id": "id_plan", "class": "form-select"}, renderer=renderer
    )
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize(
    ("widget", "value"),
    [
        (forms.Select(choices=CHOICES), "2"),
        (forms.Select(choices=CHOICES), ""),
        (forms.Select(choices=CHOICES, attrs={"disabled": True, "data-x": "y"}), None),
        (forms.SelectMultiple(choices=CHOICES), ["1", "3"]),
        (forms.NullBooleanSelect(), "true"),
    ],
)
def test_same_html_as_djangos_own_template(widget, value):
    ours = _html(widget, TemplatesSetting(), value)
    django_own = _html(widget, DjangoTemplates(), value)
    assert ours == django_own
    assert "<option" in ours


def test_the_override_is_the_template_in_use(settings):
    from django.template.loader import get_template

    origin = get_template("django/forms/widgets/select.html").origin.name
    assert origin.endswith("templates/django/forms/widgets/select.html")
    assert "/site-packages/" not in origin
    assert settings.FORM_RENDERER == "django.forms.renderers.TemplatesSetting"


class _CustomOption(forms.Select):
    option_template_name = "django/forms/widgets/radio_option.html"


def test_a_widget_with_its_own_option_template_still_uses_it():
    widget = _CustomOption(choices=CHOICES[:2])
    ours = _html(widget, TemplatesSetting(), "1")
    assert ours == _html(widget, DjangoTemplates(), "1")
    assert "<label><input" in ours and "<option" not in ours
