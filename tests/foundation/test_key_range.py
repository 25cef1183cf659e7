"""A multiple model choice with an id no 64-bit key can hold is an invalid choice, not a 500.

SQLite raises OverflowError on ``id IN (10**29)``; Django's own fields only catch the
values that are not numbers at all. The single choice fields need no help (Django answers
an out-of-range ``=`` with no row), which the request tests below check too.
"""

from __future__ import annotations

import pytest
from django import forms
from django.urls import reverse

from common.filters import KeyRangeModelMultipleChoiceField
from common.forms import ModelMultipleChoiceField
from plans.models import Plan
from tests.factories import PlanFactory

pytestmark = pytest.mark.django_db

HUGE = "9" * 30


@pytest.mark.parametrize(
    "field_class", [ModelMultipleChoiceField, KeyRangeModelMultipleChoiceField]
)
@pytest.mark.parametrize(
    ("values", "error"),
    [
        ([HUGE], "invalid_pk_value"),
        (["-" + HUGE], "invalid_pk_value"),
        ([str(2**63)], "invalid_pk_value"),
        (["abc"], "invalid_pk_value"),
        ([str(2**63 - 1)], "invalid_choice"),  # in range, no such plan
        (["{own}", HUGE], "invalid_pk_value"),
        (["{own}"], None),
    ],
)
def test_ids_out_of_range_are_invalid(field_class, values, error):
    plan = PlanFactory()

    class Form(forms.Form):
        plans = field_class(queryset=Plan.objects.all())

    form = Form({"plans": [value.format(own=plan.pk) for value in values]})
    if error is None:
        assert form.is_valid() and list(form.cleaned_data["plans"]) == [plan]
    else:
        assert not form.is_valid()
        assert form.errors.as_data()["plans"][0].code == error


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("tasks:mine", {"plans": HUGE}),
        ("tasks:mine", {"plan": HUGE, "unit": HUGE, "area": HUGE, "agency": HUGE}),
        ("dashboard", {"plan": HUGE, "period": ""}),
        ("dashboard", {"unit": HUGE, "area": HUGE, "period": HUGE}),
    ],
)
def test_list_and_dashboard_filters_refuse_them(client, world, name, params):
    client.force_login(world.users["coordinator"])
    response = client.get(reverse(name), params)
    assert response.status_code == 200
    refused = {name for name, value in params.items() if value}  # period="": the whole year
    assert set(response.context["filter"].errors) == refused
