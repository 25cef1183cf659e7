"""The Reports page in a real browser: start a report, watch htmx swap in the download.

Screenshots land in /tmp/screens/ (reports-*.png) for a human to look at.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from reports.models import ReportJob
from reports.services import run_report_job
from tests.e2e.test_no_csp_violations import watch
from tests.e2e.test_staff_reports_a_task import demo, login, shoot  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_office_builds_a_report_and_downloads_it(browser, demo, screens, monkeypatch):  # noqa: F811
    queued: list[int] = []
    # No worker in the test: the job is run below, as a worker would, while the page polls.
    monkeypatch.setattr("reports.jobs.build_report_job.delay", queued.append)
    page = login(browser, demo["url"], "vanphong")
    violations = watch(page)
    page.locator("nav").get_by_role("link", name="Báo cáo", exact=True).click()
    expect(page.locator("h1")).to_contain_text("Báo cáo kết quả thực hiện")
    page.click("text=Tạo báo cáo")
    expect(page.locator(".alert-success")).to_contain_text("Đã bắt đầu tạo báo cáo")
    row = page.locator("tbody tr[data-status]").first
    expect(row).to_have_attribute("data-status", "queued")
    assert len(queued) == 1
    run_report_job(job_id=queued[0])
    expect(page.locator("tbody tr[data-status]").first).to_have_attribute(
        "data-status", "done", timeout=10_000
    )
    shoot(page, screens, "reports-list")
    with page.expect_download() as download:
        page.click("text=Tải Word")
    assert download.value.suggested_filename.endswith(".docx")
    assert ReportJob.objects.get().is_done
    assert violations == []
