import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (4415800000, "4.415.800.000"),
        (25000000, "25.000.000"),
        (999, "999"),
        (0, "0"),
    ],
)
def test_money_prints_with_dots_between_thousands(value, expected):
    with translation.override("vi"):
        rendered = Template("{% load humanize %}{{ v|intcomma }}").render(Context({"v": value}))
        assert rendered == expected


def test_ids_are_never_grouped():
    # A grouped id ("3.410") in a form value or URL breaks lookups.
    with translation.override("vi"):
        assert Template("{{ v }}").render(Context({"v": 3410})) == "3410"


def test_budget_page_groups_amounts(client, db):
    from budget.models import BudgetLine
    from organizations.models import Role
    from tests.factories import PlanFactory, make_member

    plan = PlanFactory()
    BudgetLine.objects.create(plan=plan, content="Chi tuyên truyền", planned_amount=4415800000)
    client.force_login(make_member(Role.ACCOUNTANT, agency=plan.agency))
    assert "4.415.800.000" in client.get("/kinh-phi/").content.decode()


@pytest.mark.parametrize(
    ("value", "expected"),
    [(dt.date(2026, 1, 5), "05/01/2026"), (dt.date(2026, 12, 31), "31/12/2026")],
)
def test_dates_print_day_first(value, expected):
    with translation.override("vi"):
        assert (
            Template("{{ v|date:'SHORT_DATE_FORMAT' }}").render(Context({"v": value})) == expected
        )
        assert Template("{{ v }}").render(Context({"v": value})) == expected


def test_vietnamese_is_the_default_language(settings):
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
