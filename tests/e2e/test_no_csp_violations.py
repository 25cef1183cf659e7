"""The main pages run under the Content-Security-Policy without a single violation.

Chromium reports every refused inline script, style attribute or handler on the console
("Refused to ... because it violates the following Content Security Policy directive");
this loads each main page for a unit staff member and a coordinator, does one htmx update,
and fails on any such message.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_staff_reports_a_task import demo, login  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STAFF_PAGES = [
    "/nhiem-vu/",
    "/nhiem-vu/gia-han/",
    "/ky-bao-cao/",
    "/ke-hoach/",
    "/tai-khoan/doi-mat-khau/",
]
COORDINATOR_PAGES = [
    "/tong-quan/",
    "/ke-hoach/",
    "/kinh-phi/",
    "/nhap-ke-hoach/",
    "/ky-bao-cao/",
    "/nhiem-vu/",
]
PUBLIC_PAGES = ["/dang-nhap/", "/tai-khoan/quen-mat-khau/"]


def watch(page: Page) -> list[str]:
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def visit(page: Page, base_url: str, paths: list[str]) -> None:
    for path in paths:
        response = page.goto(f"{base_url}{path}")
        assert response.status == 200, path
        page.wait_for_load_state("load")


def test_no_csp_violation_on_the_main_pages(browser, demo):  # noqa: F811
    base = demo["url"]
    anonymous = browser.new_context().new_page()
    seen = watch(anonymous)
    visit(anonymous, base, PUBLIC_PAGES)

    staff = login(browser, base, "canbo.xdkt")
    seen += watch(staff)
    visit(staff, base, STAFF_PAGES)
    staff.goto(f"{base}{demo['task'].get_absolute_url()}")
    expect(staff.locator(".progress-bar")).to_be_attached()
    staff.select_option("#id_status", "in_progress")
    staff.fill("#id_progress", "40")
    staff.click("#update button[type=submit]")  # htmx swaps the page body
    expect(staff.locator("#task-main .alert-success")).to_contain_text("Đã lưu cập nhật")
    assert staff.locator(".progress-bar").evaluate("e => e.style.width") == ""
    bar = staff.locator(".progress-bar").evaluate("e => e.getBoundingClientRect().width")
    track = staff.locator(".progress").first.evaluate("e => e.getBoundingClientRect().width")
    assert 0.35 < bar / track < 0.45  # the width comes from the stylesheet, not an attribute

    office = login(browser, base, "vanphong")
    seen += watch(office)
    visit(office, base, [*COORDINATOR_PAGES, f"/ke-hoach/{demo['task'].plan_id}/"])
    office.click("nav >> text=Kỳ báo cáo")
    office.locator("table a").first.click()
    office.wait_for_load_state("load")
    assert not seen, "\n".join(seen)
