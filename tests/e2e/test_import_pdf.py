"""The coordinator imports a plan published as PDF in a real browser: upload, preview, confirm."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from plans.models import Plan
from tasks.models import Task
from tests.e2e.test_staff_reports_a_task import DESKTOP, shoot
from tests.importer.office_files import convert_docx, needs_soffice
from tests.sample_files import sample_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), needs_soffice]

SAMPLE = "thai-nguyen-stp-kstthc-2026.docx"


@pytest.fixture
def demo(live_server, private_media, settings):
    settings.DEBUG = True  # load_demo refuses otherwise
    call_command("load_demo", stdout=io.StringIO(), stderr=io.StringIO())
    settings.DEBUG = False
    return live_server.url


def test_coordinator_imports_a_pdf_plan(browser, demo, tmp_path, screens):
    pdf = tmp_path / "ke-hoach-kstthc-2026.pdf"
    pdf.write_bytes(convert_docx(sample_path(SAMPLE).read_bytes(), "pdf"))
    Plan.objects.filter(title__startswith="Kiểm soát thủ tục hành chính").delete()
    page = browser.new_context(viewport=DESKTOP, locale="vi-VN").new_page()
    page.goto(f"{demo}/dang-nhap/")
    page.fill("#id_username", "vanphong")
    page.fill("#id_password", settings.DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()

    page.goto(f"{demo}/nhap-ke-hoach/")
    page.set_input_files("#id_file", str(pdf))
    page.get_by_role("button", name="Tải lên và xem trước").click()
    expect(page.locator("h1")).to_have_text("Xem trước trước khi nhập")
    expect(page.get_by_text("7 đề mục")).to_be_visible()
    expect(page.get_by_text("28 nhiệm vụ")).to_be_visible()
    shoot(page, screens, "import-pdf-preview")

    page.get_by_role("button", name="Xác nhận nhập").click()
    page.wait_for_load_state()
    plan = Plan.objects.get(agency__code="STP-TN", title__startswith="Kiểm soát thủ tục hành chính")
    assert Task.objects.filter(plan=plan, is_section=False).count() == 28
    assert plan.source_file.name
    shoot(page, screens, "import-pdf-done")
