"""The plan page in a real browser on the demo plans: sections fold open and shut without any
script of ours, and the page reads at desktop and phone widths (screenshots in /tmp/screens/)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.models import Count
from playwright.sync_api import expect

from budget.models import BudgetEntry, BudgetLine, EntryKind
from plans.models import Plan
from tasks.models import Task, TaskStatus
from tests.e2e.test_staff_reports_a_task import DESKTOP, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_plans(live_server, private_media, settings):
    settings.DEBUG = True  # load_demo refuses otherwise
    call_command("load_demo", stdout=io.StringIO(), stderr=io.StringIO())
    settings.DEBUG = False
    # The plan with the most sections, with some work done, one extension and money spent.
    plan = (
        Plan.objects.filter(agency__code="STP-TN")  # vanphong's agency
        .annotate(sections=Count("tasks", filter=models_q_section()))
        .order_by("-sections")
        .first()
    )
    tasks = list(Task.objects.filter(plan=plan, is_section=False).order_by("position"))
    done = tasks[0]
    done.status, done.completed_on, done.result = TaskStatus.DONE, dt.date.today(), "Đã xong"
    done.save()
    extended = tasks[1]
    extended.due_date = dt.date.today() - dt.timedelta(days=10)
    extended.extended_due_date = dt.date.today() + dt.timedelta(days=40)
    extended.save()
    line = BudgetLine.objects.filter(plan__agency=plan.agency).first()
    if line is not None:
        BudgetEntry.objects.create(
            line=line, kind=EntryKind.DISBURSEMENT, amount=1_000_000, date=dt.date.today()
        )
    return {"url": live_server.url, "plan": plan, "budget_plan": line.plan if line else None}


def models_q_section():
    from django.db.models import Q

    return Q(tasks__is_section=True)


def _login(browser, base_url: str, username: str):
    page = browser.new_context(viewport=DESKTOP, locale="vi-VN").new_page()
    page.goto(f"{base_url}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", settings.DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    return page


def test_plan_page_sections_fold_and_read_on_desktop_and_phone(browser, demo_plans, screens):
    plan = demo_plans["plan"]
    page = _login(browser, demo_plans["url"], "vanphong")
    page.goto(f"{demo_plans['url']}{plan.get_absolute_url()}")
    expect(page.locator("h1")).to_have_text(plan.title)
    sections = page.locator("details.plan-section")
    assert sections.count() > 1
    shoot(page, screens, "plan-page-folded")
    first = sections.first
    expect(first).not_to_have_attribute("open", "")
    first.locator("summary").click()
    expect(first).to_have_attribute("open", "")
    expect(first.locator(".plan-rows").first).to_be_visible()
    shoot(page, screens, "plan-page-open")


def test_plan_page_budget_and_indicators_read_on_both_widths(browser, demo_plans, screens):
    plan = demo_plans["budget_plan"]
    assert plan is not None, "the demo has a plan with budget lines"
    page = _login(browser, demo_plans["url"], "vanphong")
    page.goto(f"{demo_plans['url']}{plan.get_absolute_url()}")
    expect(page.locator("#budget-heading")).to_be_visible()
    expect(page.locator(".stated-total")).to_be_visible()
    page.locator("#budget-heading").scroll_into_view_if_needed()
    shoot(page, screens, "plan-page-budget")
