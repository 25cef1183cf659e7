"""``read_choices_once``: a model dropdown is read in one query however often it is drawn."""

from __future__ import annotations

import pytest
from django import forms

from common.forms import read_choices_once
from plans.models import Plan
from tests.factories import PlanFactory

pytestmark = pytest.mark.django_db


class PlanForm(forms.Form):
    plan = forms.ModelChoiceField(queryset=Plan.objects.order_by("title"), empty_label="Tất cả")


def test_drawn_twice_from_one_query_with_the_same_html(django_assert_num_queries):
    PlanFactory(title="Kế hoạch <CCHC> & số hóa")
    PlanFactory(title="Kế hoạch KSTTHC")
    expected = str(PlanForm()["plan"])
    form = PlanForm()
    with django_assert_num_queries(1):
        read_choices_once(form.fields["plan"])
        drawn = [str(form["plan"]), str(form["plan"])]
    assert drawn == [expected, expected]
    assert "&lt;CCHC&gt; &amp; số hóa" in expected and ">Tất cả<" in expected


def test_a_value_outside_the_queryset_is_still_refused():
    kept, other = PlanFactory(title="A"), PlanFactory(title="B")
    form = PlanForm({"plan": str(other.pk)})
    form.fields["plan"].queryset = Plan.objects.filter(pk=kept.pk)
    read_choices_once(form.fields["plan"])
    assert not form.is_valid() and "plan" in form.errors
    form = PlanForm({"plan": str(kept.pk)})
    read_choices_once(form.fields["plan"])
    assert form.is_valid() and form.cleaned_data["plan"] == kept
