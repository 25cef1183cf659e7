"""A plan with no number yet is named by its title and date wherever plans are listed."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import PlanFactory

pytestmark = pytest.mark.django_db
TITLE = "Kế hoạch tuyên truyền cải cách hành chính năm 2026 của Sở Tư pháp tỉnh Cao Bằng"


@pytest.mark.parametrize(
    ("number", "issued_on", "label"),
    [
        ("12", dt.date(2026, 1, 5), "12/KH-STN"),
        (
            "",
            dt.date(2026, 1, 5),
            TITLE[:59] + "… (05/01/2026)",  # 60 characters of title at most
        ),
        ("", None, TITLE[:59] + "… (2026)"),
    ],
)
def test_short_label(number, issued_on, label):
    plan = PlanFactory.build(number=number, issued_on=issued_on, title=TITLE)
    assert plan.short_label() == label


def test_an_unnumbered_plan_is_not_shown_as_a_bare_symbol():
    plan = PlanFactory.build(number="", title="Kế hoạch truyền thông")
    assert str(plan) == "Kế hoạch truyền thông (05/01/2026)"
    assert str(PlanFactory.build(number="7", title="Kế hoạch X")) == "7/KH-STN — Kế hoạch X"


def test_lists_and_the_plan_dropdown_use_the_label(client, world):
    plan = world.task_a.plan
    plan.number, plan.title = "", "Kế hoạch chưa có số"
    plan.save()
    client.force_login(world.users["coordinator"])
    for url in (
        reverse("tasks:mine"),
        reverse("plans:list"),
        reverse("tasks:detail", args=[world.task_a.pk]),
    ):
        page = client.get(url).content.decode()
        assert "Kế hoạch chưa có số (05/01/2026)" in page, url
        assert ">/KH-" not in page, url
    form = client.get(reverse("tasks:mine")).context["filter"].form
    assert "Kế hoạch chưa có số (05/01/2026)" in [label for _, label in form.fields["plan"].choices]
