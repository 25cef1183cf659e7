"""The accountant (Kế toán) reads plans, budget and periods, and nothing of the tasks."""

import pytest
from django.urls import reverse

from budget.models import BudgetLine

pytestmark = pytest.mark.django_db


@pytest.fixture
def accountant_client(client, world):
    client.force_login(world.users["accountant"])
    return client


def test_the_accountant_lands_on_the_budget_and_reads_it(accountant_client, world):
    BudgetLine.objects.create(plan=world.task_a.plan, content="Chi phục vụ tuyên truyền CCHC")
    response = accountant_client.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("budget:list")
    assert "Chi phục vụ tuyên truyền CCHC" in response.content.decode()


def test_the_plan_page_shows_the_plan_but_not_its_tasks(accountant_client, world):
    plan = world.task_a.plan
    page = accountant_client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert plan.title in page
    assert world.task_a.content not in page and world.task_b.content not in page


def test_the_task_list_is_empty_and_the_menu_offers_no_tasks(accountant_client, world):
    response = accountant_client.get(reverse("tasks:mine"))
    assert response.status_code == 200
    assert response.context["counts"]["total"] == 0 and not response.context["page"]
    labels = {str(item.label) for item in response.context["nav_items"]}
    assert "Nhiệm vụ" not in labels and "Kinh phí" in labels and "Kế hoạch" in labels


def test_the_period_page_shows_no_unit_report(accountant_client, world, periods):
    response = accountant_client.get(reverse("periods:detail", args=[periods["q1"].pk]))
    assert response.status_code == 200 and response.context["lines"] == []
