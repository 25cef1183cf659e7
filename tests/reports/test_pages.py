"""The Reports page: start, watch (htmx), download, failure and retry, header settings."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.urls import reverse

from audit.models import AuditAction, AuditEvent
from organizations.models import Agency, Role
from reports.models import ReportJob, ReportSettings, ReportStatus
from tests.factories import AgencyFactory, TaskFactory, make_member
from tests.query_counts import assert_flat_queries
from tests.reports.conftest import AFTER_CUTOFF


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(AFTER_CUTOFF, tick=True):
        yield


def _done_job(known, **fields) -> ReportJob:
    job = ReportJob(agency=known.agency, period=known.q1, status=ReportStatus.DONE, **fields)
    job.file.save("r.docx", ContentFile(b"PK-docx-bytes"), save=False)
    job.spreadsheet.save("r.xlsx", ContentFile(b"PK-xlsx-bytes"), save=False)
    job.save()
    return job


def test_leaders_see_the_page_and_the_nav_link(client, known):
    client.force_login(known.leader)
    page = client.get(reverse("reports:list"))
    assert page.status_code == 200
    html = page.content.decode()
    assert f'href="{reverse("reports:list")}">Báo cáo</a>' in html
    assert "Quý I/2026 — Sở Tư pháp tỉnh Thái Nguyên" in html
    assert reverse("reports:settings", args=[known.agency.pk]) not in html  # leaders don't edit


def test_unit_staff_get_404_and_no_link(client, known):
    client.force_login(known.staff)
    assert client.get(reverse("reports:list")).status_code == 404
    html = client.get(reverse("tasks:mine")).content.decode()
    assert reverse("reports:list") not in html


def test_starting_a_report_queues_a_job(
    client, known, monkeypatch, django_capture_on_commit_callbacks
):
    sent = []
    monkeypatch.setattr("reports.jobs.build_report_job.delay", sent.append)
    client.force_login(known.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:start"), {"period": known.q1.pk, "plan": known.plan.pk}
        )
    assert response.status_code == 302
    job = ReportJob.objects.get()
    assert (job.period, job.plan, job.requested_by) == (known.q1, known.plan, known.coordinator)
    assert sent == [job.pk]


def test_a_plan_of_another_agency_is_refused_with_a_message(client, known):
    other_plan = TaskFactory(plan__agency=AgencyFactory(code="XX")).plan
    client.force_login(known.coordinator)
    response = client.post(
        reverse("reports:start"), {"period": known.q1.pk, "plan": other_plan.pk}, follow=True
    )
    assert not ReportJob.objects.exists()
    assert response.status_code == 200 and 'class="alert alert-danger"' in response.content.decode()


def test_a_waiting_job_row_polls_and_a_done_one_offers_downloads(client, known):
    client.force_login(known.leader)
    waiting = ReportJob.objects.create(
        agency=known.agency,
        period=known.q1,
        status=ReportStatus.RUNNING,
        progress=40,
        step="Soạn văn bản Word",
    )
    row = client.get(reverse("reports:status", args=[waiting.pk])).content.decode()
    assert f'hx-get="{reverse("reports:status", args=[waiting.pk])}"' in row
    assert 'hx-trigger="every 2s"' in row and 'value="40"' in row and "Soạn văn bản Word" in row
    done = _done_job(known)
    row = client.get(reverse("reports:status", args=[done.pk])).content.decode()
    assert "hx-get" not in row
    assert reverse("reports:download", args=[done.pk]) in row
    assert reverse("reports:download_xlsx", args=[done.pk]) in row


def test_a_failed_job_shows_its_error_and_a_retry(client, known):
    client.force_login(known.coordinator)
    failed = ReportJob.objects.create(
        agency=known.agency,
        period=known.q1,
        status=ReportStatus.FAILED,
        error="Không tạo được báo cáo: OSError: hết dung lượng",
    )
    html = client.get(reverse("reports:list")).content.decode()
    assert "Không tạo được báo cáo: OSError: hết dung lượng" in html
    assert reverse("reports:retry", args=[failed.pk]) in html
    assert client.post(reverse("reports:retry", args=[failed.pk])).status_code == 302
    assert ReportJob.objects.get(pk=failed.pk).status == ReportStatus.QUEUED


def test_download_is_private_named_and_audited(client, known, private_media):
    job = _done_job(known)
    client.force_login(known.leader)
    response = client.get(reverse("reports:download", args=[job.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"PK-docx-bytes"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert 'filename="bao-cao-cchc-2026-q1.docx"' in response["Content-Disposition"]
    event = AuditEvent.objects.get(action=AuditAction.REPORT_DOWNLOAD)
    assert event.user == known.leader and event.agency_id == known.agency.pk
    xlsx = client.get(reverse("reports:download_xlsx", args=[job.pk]))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.parametrize("name", ["reports:download", "reports:download_xlsx"])
def test_a_report_whose_file_is_gone_says_so_instead_of_failing(client, known, private_media, name):
    job = _done_job(known)
    job.file.storage.delete(job.file.name)
    job.spreadsheet.storage.delete(job.spreadsheet.name)
    client.force_login(known.leader)
    response = client.get(reverse(name, args=[job.pk]), follow=True)
    assert response.redirect_chain == [(reverse("reports:list"), 302)]
    assert "Tệp của báo cáo này không còn trên máy chủ" in response.content.decode()
    assert not AuditEvent.objects.filter(action=AuditAction.REPORT_DOWNLOAD).exists()


def test_an_unfinished_report_cannot_be_downloaded(client, known):
    job = ReportJob.objects.create(agency=known.agency, period=known.q1)
    client.force_login(known.leader)
    assert client.get(reverse("reports:download", args=[job.pk])).status_code == 404


def test_a_province_viewer_reads_the_reports_of_agencies_below(client, known, private_media):
    province = AgencyFactory(code="UBND-TN", name="UBND tỉnh Thái Nguyên")
    Agency.objects.filter(pk=known.agency.pk).update(parent=province)
    viewer = make_member(Role.PROVINCE_VIEWER, agency=province)
    job = _done_job(known)
    client.force_login(viewer)
    assert client.get(reverse("reports:download", args=[job.pk])).status_code == 200
    other = AgencyFactory(code="STP-XX")
    from tests.factories import make_periods

    elsewhere = _done_job(known)
    ReportJob.objects.filter(pk=elsewhere.pk).update(agency=other, period=make_periods(other)["q1"])
    assert client.get(reverse("reports:download", args=[elsewhere.pk])).status_code == 404


def test_coordinators_edit_the_header_settings(client, known):
    client.force_login(known.coordinator)
    url = reverse("reports:settings", args=[known.agency.pk])
    form = client.get(url).content.decode()
    assert 'placeholder="SỞ TƯ PHÁP"' in form
    response = client.post(
        url,
        {
            "agency_name": "SỞ TƯ PHÁP TỈNH",
            "signer_title": "  KT. GIÁM ĐỐC \r\n\r\n PHÓ GIÁM ĐỐC ",
            "signer_name": "Trần Thị B",
            "recipients": "UBND tỉnh (b/c)\r\nLưu: VT",
        },
    )
    assert response.status_code == 302
    saved = ReportSettings.objects.get(agency=known.agency)
    header = saved.header()
    assert header.signer_title == "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"
    assert header.recipients == ["UBND tỉnh (b/c)", "Lưu: VT"]
    assert header.agency_name == "SỞ TƯ PHÁP TỈNH" and header.symbol == "STP"  # fallback
    assert saved.history.first().history_user == known.coordinator


def test_leaders_may_not_edit_the_settings(client, known):
    client.force_login(known.leader)
    url = reverse("reports:settings", args=[known.agency.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"signer_title": "X", "recipients": "Y"}).status_code == 403


def test_the_list_page_makes_the_same_queries_for_more_jobs(
    client, known, private_media, django_assert_num_queries
):
    client.force_login(known.leader)
    for _ in range(2):
        _done_job(known)

    def grow():
        for _ in range(10):
            _done_job(known, plan=known.plan)

    assert_flat_queries(
        client,
        reverse("reports:list"),
        expected=12,  # 9, then the custom range form: agency choices (listed and the first one
        # checked for the "required" attribute) and plan choices
        grow=grow,
        django_assert_num_queries=django_assert_num_queries,
    )


def test_report_titles_name_the_period_and_plan(known):
    job = ReportJob(agency=known.agency, period=known.q1, plan=known.plan)
    assert job.title == "Quý I/2026 — 12/KH-STP"
    assert job.file_stem() == f"bao-cao-cchc-2026-q1-kh{known.plan.pk}"
    assert dt.date(2026, 3, 14) == known.q1.cutoff
