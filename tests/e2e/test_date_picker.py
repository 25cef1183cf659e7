"""The calendar writes dd/mm/yyyy into the text box, in a browser set to English (US)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tasks.models import Extension
from tests.e2e.test_staff_reports_a_task import DESKTOP, PASSWORD, demo  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_head_picks_an_extension_date_in_an_english_browser(browser, demo):  # noqa: F811
    # An en-US browser would show its own <input type="date"> as mm/dd/yyyy.
    page = browser.new_context(viewport=DESKTOP, locale="en-US").new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(f"{demo['url']}/dang-nhap/")
    page.fill("#id_username", "truongphong.xdkt")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"{demo['url']}/nhiem-vu/{demo['task'].pk}/gia-han/")

    box = page.locator("#id_requested_date")
    expect(box).to_have_attribute("type", "text")
    expect(box).to_have_attribute("placeholder", "dd/mm/yyyy")
    page.click(".datepicker-toggle")
    popup = page.locator(".datepicker-popup")
    expect(popup).to_be_visible()
    today = timezone.localdate()
    expect(popup.locator(".datepicker-title")).to_have_text(f"Tháng {today:%m/%Y}")

    popup.locator(".datepicker-next").click()
    following = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=15)
    expect(popup.locator(".datepicker-title")).to_have_text(f"Tháng {following:%m/%Y}")
    popup.locator(".datepicker-day", has_text="15").first.click()
    expect(popup).to_be_hidden()
    expect(box).to_have_value(f"{following:%d/%m/%Y}")

    # Reopened, the calendar shows the chosen month with the chosen day marked.
    page.click(".datepicker-toggle")
    expect(popup.locator(".datepicker-day.btn-primary")).to_have_text("15")
    page.keyboard.press("Escape")
    expect(popup).to_be_hidden()

    page.fill("#id_reason", "Chờ ý kiến thẩm định của Sở Nội vụ.")
    page.click("form.narrow-form button[type=submit]")
    page.wait_for_load_state()
    extension = Extension.objects.get(task=demo["task"])
    assert extension.requested_date == following
    assert violations == []


def test_a_typed_date_that_does_not_exist_is_refused_in_vietnamese(browser, demo):  # noqa: F811
    page = browser.new_context(viewport=DESKTOP, locale="en-US").new_page()
    page.goto(f"{demo['url']}/dang-nhap/")
    page.fill("#id_username", "truongphong.xdkt")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"{demo['url']}/nhiem-vu/{demo['task'].pk}/gia-han/")
    page.fill("#id_requested_date", "31/02/2027")
    page.fill("#id_reason", "Lý do")
    page.click("form.narrow-form button[type=submit]")
    expect(page.locator("body")).to_contain_text("Nhập ngày theo dạng ngày/tháng/năm")
    expect(page.locator("#id_requested_date")).to_have_value("31/02/2027")
    assert not Extension.objects.filter(task=demo["task"]).exists()
