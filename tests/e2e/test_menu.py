"""The menu bar in a browser: one line at 1366 px for the Văn phòng, its tools and the
account actions in drop-downs that open, and sign-out from there."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.test_staff_reports_a_task import DESKTOP, PASSWORD, demo  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_office_menu_fits_one_line_and_its_drop_downs_work(browser, demo, screens):  # noqa: F811
    page = browser.new_context(viewport=DESKTOP).new_page()
    page.goto(f"{demo['url']}/dang-nhap/")
    page.fill("#id_username", "vanphong")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    links = page.locator("#mainnav .navbar-nav > .nav-item > .nav-link")
    tops = {round(box["y"]) for box in (links.nth(i).bounding_box() for i in range(links.count()))}
    assert len(tops) == 1, tops  # one row of entries
    assert page.locator("nav.navbar").bounding_box()["height"] < 70
    page.click("#nav-tools")
    expect(page.locator("[aria-labelledby=nav-tools] >> text=Thùng rác")).to_be_visible()
    page.screenshot(path=str(screens / "menu-tools-desktop.png"))
    page.click("#nav-account")
    page.click("[aria-labelledby=nav-account] >> text=Đăng xuất")
    page.wait_for_load_state()
    expect(page.locator("#id_username")).to_be_visible()
