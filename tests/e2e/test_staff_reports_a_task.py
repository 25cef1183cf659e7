"""A week of reporting in a real browser: staff update a task, heads submit, the office sees it.

Screenshots at 1366×768 and 390×844 land in /tmp/screens/ for a human to look at.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from organizations.models import Role
from periods.models import ReportingPeriod
from tests.factories import (
    AgencyFactory,
    PlanFactory,
    TaskFactory,
    UnitFactory,
    assign,
    make_member,
    make_periods,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "pw-for-tests-1"  # UserFactory's
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
XDKT = "Phòng Xây dựng và Kiểm tra văn bản QPPL"


@pytest.fixture
def demo(live_server, private_media):
    today = timezone.localdate()
    agency = AgencyFactory(code="STP-TN", name="Sở Tư pháp tỉnh Thái Nguyên", symbol="STP")
    office = UnitFactory(agency=agency, name="Văn phòng Sở")
    xdkt = UnitFactory(agency=agency, name=XDKT)
    bttp = UnitFactory(agency=agency, name="Phòng Bổ trợ - Hành chính tư pháp")
    for year in (today.year, today.year + 1):
        make_periods(agency, year)
    plan = PlanFactory(
        agency=agency,
        number="12",
        symbol="KH-STP",
        year=today.year,
        title=f"Kế hoạch cải cách hành chính năm {today.year}",
    )
    overdue = TaskFactory(
        plan=plan,
        code="1.2",
        content="Rà soát, hệ thống hóa văn bản quy phạm pháp luật thuộc lĩnh vực tư pháp",
        deadline_text="Trước ngày 30/6",
        deadline_kind="date",
        due_date=today - dt.timedelta(days=30),
    )
    assign(overdue, xdkt)
    assign(overdue, office, "coordinating")
    for n in range(3):
        upcoming = TaskFactory(
            plan=plan,
            content=f"Kiểm tra văn bản do HĐND, UBND cấp xã ban hành, đợt {n + 1}",
            deadline_text="Năm",
            deadline_kind="year",
            due_date=today + dt.timedelta(days=60 + n),
        )
        assign(upcoming, xdkt)
    other = TaskFactory(plan=plan, content="Chứng thực điện tử", due_date=today)
    assign(other, bttp)
    users = {
        "canbo.xdkt": make_member(Role.STAFF, agency=agency, unit=xdkt, username="canbo.xdkt"),
        "canbo.bttp": make_member(Role.STAFF, agency=agency, unit=bttp, username="canbo.bttp"),
        "truongphong.xdkt": make_member(
            Role.UNIT_HEAD, agency=agency, unit=xdkt, username="truongphong.xdkt"
        ),
        "vanphong": make_member(Role.COORDINATOR, agency=agency, unit=office, username="vanphong"),
    }
    return {"url": live_server.url, "task": overdue, "users": users}


def login(browser: Browser, base_url: str, username: str, viewport=DESKTOP) -> Page:
    page = browser.new_context(viewport=viewport, locale="vi-VN").new_page()
    page.goto(f"{base_url}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    return page


def shoot(page: Page, screens, name: str) -> None:
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        page.screenshot(path=str(screens / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def test_staff_update_an_overdue_task_with_evidence(browser, demo, screens, tmp_path):
    page = login(browser, demo["url"], "canbo.xdkt")
    expect(page.locator("h1")).to_have_text("Nhiệm vụ của đơn vị")
    page.select_option("#id_timeliness", "overdue")
    page.click("form[role=search] button[type=submit]")
    rows = page.locator("table.table-tasks tbody tr")
    expect(rows).to_have_count(1)
    shoot(page, screens, "task-list")

    page.click("text=Rà soát, hệ thống hóa văn bản")
    expect(page.locator("#update")).to_be_visible()
    page.select_option("#id_status", "in_progress")
    page.fill("#id_progress", "60")
    page.fill("#id_result", "Đã rà soát 45 văn bản, đề nghị bãi bỏ 03 văn bản.")
    evidence = tmp_path / "Báo cáo rà soát.pdf"
    evidence.write_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    page.set_input_files("#id_evidence", str(evidence))
    page.click("#update button[type=submit]")
    expect(page.locator("#task-main .alert-success")).to_contain_text("Đã lưu cập nhật")
    history = page.locator("#history")
    expect(history).to_contain_text("Tải lên tài liệu kiểm chứng “Báo cáo rà soát.pdf”")
    expect(history).to_contain_text("Cập nhật tiến độ kỳ")
    expect(page.locator("#evidence")).to_contain_text("Báo cáo rà soát.pdf")
    shoot(page, screens, "task-detail")

    with page.expect_download() as download:
        page.click("#evidence a")
    assert download.value.suggested_filename == "Báo cáo rà soát.pdf"

    outsider = login(browser, demo["url"], "canbo.bttp")
    response = outsider.goto(f"{demo['url']}{demo['task'].get_absolute_url()}")
    assert response.status == 404


def test_the_head_submits_and_the_office_sees_it(browser, demo, screens):
    # Quý I's reports are due in March: keep it reopened so the test runs on any day.
    today = timezone.localdate()
    ReportingPeriod.objects.filter(kind="q1", year=today.year).update(
        reopened_until=today + dt.timedelta(days=30)
    )
    head = login(browser, demo["url"], "truongphong.xdkt")
    head.click("nav >> text=Kỳ báo cáo")
    head.click(f"text=Quý I/{today.year}")
    head.click("text=Gửi báo cáo")
    expect(head.locator(".summary-missing")).to_contain_text("nhiệm vụ chưa cập nhật")
    head.click("main form[method=post] button[type=submit]")
    expect(head.locator(".alert-success")).to_contain_text("Đã gửi báo cáo kỳ Quý I")
    expect(head.locator("table.submissions")).to_contain_text("Đã gửi")

    office = login(browser, demo["url"], "vanphong")
    office.click("nav >> text=Kỳ báo cáo")
    office.click(f"text=Quý I/{timezone.localdate().year}")
    row = office.locator("table.submissions tr", has_text=XDKT)
    expect(row).to_contain_text("Đã gửi")
    expect(office.locator("table.submissions tr", has_text="Phòng Bổ trợ")).to_contain_text(
        "Chưa gửi"
    )
    expect(office.locator(".summary-figure")).to_contain_text(re.compile(r"1/3"))
    shoot(office, screens, "period-overview")
