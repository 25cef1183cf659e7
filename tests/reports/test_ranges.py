"""Reports over a custom date range: live figures as of min(end, today), jobs, form, access.

Known answers over the conftest fixture (periods are cumulative: Q1 and 6 tháng both
start on 15/12/2025), worked out by hand:

* 01/01–14/03/2026 built on 20/03: as the Q1 report (the same five due tasks), not
  "tạm tính" since the range has ended;
* 15/02–31/03/2026 built on 20/03: T2 was finished on 10/02, before the range, so four are
  due: T1 and T7 done on time, T4 within its extension, T3 overdue; the range has not ended,
  so it is "tạm tính đến ngày 20/03/2026" and entries are read as the running 6 tháng
  report reads them (T3's "Xong" of 02/05 is after the report date: not done);
* 01/03–31/05/2026 built on 01/06: T1 and T2 were done before 01/03; T3 was done on 02/05
  (late), T7 on time, T4 past its extension (30/04): "2/3 ... đạt 66,7%".
"""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from docx import Document

from audit.models import AuditAction, AuditEvent
from reports import services
from reports.content import due_counts, next_period_tasks
from reports.models import ReportJob, ReportKind, ReportStatus
from tests.factories import AgencyFactory, PlanFactory
from tests.reports.conftest import AFTER_CUTOFF, EXPECTED_SENTENCE, VN

D = dt.date


def _built(known, start: dt.date, end: dt.date, on: dt.date, plan=None):
    with time_machine.travel(dt.datetime.combine(on, dt.time(9), tzinfo=VN), tick=False):
        return services.build_range_report(
            agency=known.agency, start=start, end=end, plan=plan, on=on
        )


def _source(known, start, end, on, plan=None):
    return services.range_source(agency_id=known.agency.pk, start=start, end=end, plan=plan, on=on)


def _texts(built) -> list[str]:
    return [paragraph.text for paragraph in built.content.body]


def test_an_ended_range_covering_q1_says_what_the_q1_report_says(known):
    built = _built(known, D(2026, 1, 1), D(2026, 3, 14), on=D(2026, 3, 20))
    content = built.content
    assert EXPECTED_SENTENCE + "." in _texts(built)
    assert content.summary == (
        "Kết quả thực hiện công tác cải cách hành chính từ ngày 01/01/2026 đến ngày 14/03/2026"
    )
    assert content.provisional_note == ""  # the range has ended
    assert content.closing.startswith(
        "Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính từ ngày 01/01/2026 "
        "đến ngày 14/03/2026 của Sở Tư pháp tỉnh Thái Nguyên"
    )
    assert content.issued_on == D(2026, 3, 20) and not built.from_snapshot


def test_an_ended_range_reads_indicators_budget_and_submissions_of_q1(known):
    source = _source(known, D(2026, 1, 1), D(2026, 3, 14), on=D(2026, 3, 20))
    data = source.data
    assert source.snapshot is None and source.provisional_on is None
    assert (data.start, data.as_of) == (D(2026, 1, 1), D(2026, 3, 14))
    assert [(row.value, row.met) for row in data.indicators] == [
        (97.5, True),
        (5, False),
        (None, None),
    ]
    assert sum(row.disbursed for row in data.budget) == 10_000_000  # 01/04's 5.000.000 not yet
    assert data.submitted_units == ["Phòng Xây dựng và Kiểm tra văn bản QPPL"]


def test_a_running_range_is_provisional_as_of_today_and_counts_its_own_window(known):
    source = _source(known, D(2026, 2, 15), D(2026, 3, 31), on=D(2026, 3, 20))
    assert source.provisional_on == D(2026, 3, 20) and source.data.as_of == D(2026, 3, 20)
    counts = due_counts(source.data)
    assert (counts.done_on_time, counts.done_late) == (2, 0)
    assert (counts.pending_in_time, counts.pending_late) == (1, 1)
    built = _built(known, D(2026, 2, 15), D(2026, 3, 31), on=D(2026, 3, 20))
    assert built.content.provisional_note == "(Số liệu tạm tính đến ngày 20/03/2026)"
    assert (
        "Đã hoàn thành 2/4 nhiệm vụ đến hạn, đạt 50% (đúng hạn 2, quá hạn 0); "
        "chưa hoàn thành 2 nhiệm vụ (trong hạn 1, quá hạn 1)."
    ) in _texts(built)
    t3 = next(row for row in source.data.tasks if row.content == "Nhiệm vụ T3")
    assert t3.status == "in_progress" and t3.completed_on is None  # finished after 20/03


def test_a_later_range_reads_the_later_entries(known):
    source = _source(known, D(2026, 3, 1), D(2026, 5, 31), on=D(2026, 6, 1))
    counts = due_counts(source.data)
    assert (counts.done_on_time, counts.done_late) == (1, 1)  # T7; T3 done 02/05
    assert (counts.pending_in_time, counts.pending_late) == (0, 1)  # T4 past 30/04
    assert sum(row.disbursed for row in source.data.budget) == 15_000_000
    assert [row.content for row in next_period_tasks(source.data)] == ["Nhiệm vụ T5"]
    built = _built(known, D(2026, 3, 1), D(2026, 5, 31), on=D(2026, 6, 1))
    assert (
        "Đã hoàn thành 2/3 nhiệm vụ đến hạn, đạt 66,7% (đúng hạn 1, quá hạn 1); "
        "chưa hoàn thành 1 nhiệm vụ (trong hạn 0, quá hạn 1)."
    ) in _texts(built)


def test_a_range_of_one_plan_leaves_other_plans_out(known):
    other = PlanFactory(agency=known.agency, number="20", symbol="KH-STP", year=2026)
    source = _source(known, D(2026, 1, 1), D(2026, 3, 14), on=D(2026, 3, 20), plan=other)
    assert [row.plan_id for row in source.data.plans] == [other.pk]
    assert source.data.tasks == []


def test_the_range_report_costs_the_same_queries_for_more_tasks(known):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.reports.test_query_count import _grow

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            _built(known, D(2026, 1, 1), D(2026, 3, 31), on=D(2026, 3, 20))
        return len(captured)

    small = queries()
    _grow(known, 25)
    # 15: the period report's 12, the agency's PAR sets (one query: this fixture has none, so
    # no criteria are read), the reference period read for the indicator values and
    # submissions, and the running period's cut-off for the entries.
    assert queries() == small == 15


# --- the tracked job ------------------------------------------------------------------------


@pytest.fixture
def range_job(known, private_media):
    with time_machine.travel(AFTER_CUTOFF, tick=False):
        return services.request_range_report(
            agency=known.agency,
            start=D(2026, 1, 1),
            end=D(2026, 3, 14),
            plan=None,
            user=known.coordinator,
        )


def _run(job):
    with time_machine.travel(AFTER_CUTOFF, tick=False):
        return services.run_report_job(job_id=job.pk, on=AFTER_CUTOFF.date())


def test_a_range_job_is_queued_once_and_runs_to_done_with_both_files(range_job, known):
    assert range_job.kind == ReportKind.RANGE and range_job.period is None
    assert range_job.status == ReportStatus.QUEUED
    with time_machine.travel(AFTER_CUTOFF, tick=False):
        again = services.request_range_report(
            agency=known.agency,
            start=D(2026, 1, 1),
            end=D(2026, 3, 14),
            plan=None,
            user=known.leader,
        )
    assert again == range_job
    done = _run(range_job)
    assert done.status == ReportStatus.DONE and done.progress == 100 and not done.from_snapshot
    assert done.title == "Từ ngày 01/01/2026 đến ngày 14/03/2026"
    assert done.file_stem() == "bao-cao-cchc-20260101-20260314"
    texts = [p.text for p in Document(done.file.open("rb")).paragraphs]
    assert (
        "Kết quả thực hiện công tác cải cách hành chính từ ngày 01/01/2026 đến ngày 14/03/2026"
        in texts
    )
    with done.spreadsheet.open("rb") as handle:
        sheet = openpyxl.load_workbook(io.BytesIO(handle.read())).worksheets[0]
    cells = [cell.value for row in sheet.iter_rows() for cell in row]
    assert (
        "Kết quả thực hiện công tác cải cách hành chính từ ngày 01/01/2026 đến ngày 14/03/2026"
        in cells
    )


def test_a_failed_range_job_is_retried_then_succeeds(range_job, known, monkeypatch):
    real = services.render_xlsx

    def broken(*args, **kwargs):
        raise RuntimeError("ổ đĩa đầy")

    monkeypatch.setattr(services, "render_xlsx", broken)
    failed = _run(range_job)
    assert failed.status == ReportStatus.FAILED and not failed.file
    assert failed.error == "Không tạo được báo cáo: RuntimeError: ổ đĩa đầy"
    monkeypatch.setattr(services, "render_xlsx", real)
    with time_machine.travel(AFTER_CUTOFF, tick=False):
        services.retry_report(job=failed, user=known.leader)
    assert _run(failed).status == ReportStatus.DONE


def test_staff_and_other_agencies_may_not_request_a_range(known):
    other = AgencyFactory(code="SYT-KA")
    args = {"start": D(2026, 1, 1), "end": D(2026, 3, 14), "plan": None}
    with pytest.raises(PermissionDenied):
        services.request_range_report(agency=known.agency, user=known.staff, **args)
    with pytest.raises(PermissionDenied):
        services.request_range_report(agency=other, user=known.coordinator, **args)
    assert not ReportJob.objects.exists()


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (D(2026, 3, 14), D(2026, 3, 1), "Ngày kết thúc phải từ ngày bắt đầu trở đi."),
        (D(2024, 1, 1), D(2026, 3, 1), "Khoảng thời gian báo cáo dài tối đa 2 năm."),
        (D(2026, 4, 1), D(2026, 5, 1), "Ngày bắt đầu chưa tới; chưa có số liệu để báo cáo."),
    ],
)
def test_the_service_refuses_a_bad_range(known, start, end, message):
    with time_machine.travel(AFTER_CUTOFF, tick=False), pytest.raises(ValidationError) as error:
        services.request_range_report(
            agency=known.agency, start=start, end=end, plan=None, user=known.leader
        )
    assert error.value.messages == [message]


def test_two_years_to_the_day_is_allowed(known):
    assert (
        services.range_refusal(start=D(2024, 3, 20), end=D(2026, 3, 20), today=D(2026, 3, 20)) == ""
    )


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": ReportKind.RANGE},  # no dates
        {"kind": ReportKind.RANGE, "range_start": D(2026, 3, 1), "range_end": D(2026, 2, 1)},
        {"kind": ReportKind.PERIOD, "range_start": D(2026, 1, 1), "range_end": D(2026, 2, 1)},
        {"kind": ReportKind.RANGE, "period": True, "range_start": D(2026, 1, 1),
         "range_end": D(2026, 2, 1)},
        {"kind": ReportKind.RANGE, "automatic": True, "range_start": D(2026, 1, 1),
         "range_end": D(2026, 2, 1)},
    ],
)  # fmt: skip
def test_a_job_is_either_a_period_or_a_range(known, fields):
    values = dict(fields)
    period = known.q1 if values.pop("period", values["kind"] == ReportKind.PERIOD) else None
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportJob.objects.create(agency=known.agency, period=period, **values)


# --- the page -------------------------------------------------------------------------------


@pytest.fixture
def _frozen():
    with time_machine.travel(AFTER_CUTOFF, tick=True):
        yield


def _post(client, **fields):
    data = {"kind": "range", "range_start": "01/01/2026", "range_end": "14/03/2026", **fields}
    return client.post(reverse("reports:start"), data)


def _messages(response) -> list[str]:
    return [str(message) for message in response.wsgi_request._messages]


@pytest.mark.usefixtures("_frozen")
def test_the_page_starts_a_range_report_and_lists_it(
    client, known, monkeypatch, django_capture_on_commit_callbacks
):
    sent = []
    monkeypatch.setattr("reports.jobs.build_report_job.delay", sent.append)
    client.force_login(known.leader)
    page = client.get(reverse("reports:list")).content.decode()
    assert 'name="range_start"' in page and 'value="range"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, agency=known.agency.pk, range_plan=known.plan.pk)
    assert response.status_code == 302
    job = ReportJob.objects.get()
    assert (job.kind, job.range_start, job.range_end, job.plan) == (
        ReportKind.RANGE,
        D(2026, 1, 1),
        D(2026, 3, 14),
        known.plan,
    )
    assert sent == [job.pk]
    assert (
        "Từ ngày 01/01/2026 đến ngày 14/03/2026 — 12/KH-STP"
        in client.get(reverse("reports:list")).content.decode()
    )


@pytest.mark.usefixtures("_frozen")
@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"range_start": "31/02/2026"}, "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 05/01/2026."),
        ({"range_end": "hôm qua"}, "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 05/01/2026."),
        ({"range_end": "01/12/2025"}, "Ngày kết thúc phải từ ngày bắt đầu trở đi."),
        ({"range_start": "01/01/2020"}, "Khoảng thời gian báo cáo dài tối đa 2 năm."),
        (
            {"range_start": "01/04/2026", "range_end": "30/04/2026"},
            "Ngày bắt đầu chưa tới; chưa có số liệu để báo cáo.",
        ),
        ({"range_start": ""}, "Trường này là bắt buộc."),
    ],
)
def test_bad_dates_give_a_vietnamese_message_and_no_job(client, known, fields, message):
    client.force_login(known.coordinator)
    response = _post(client, agency=known.agency.pk, **fields)
    assert response.status_code == 302
    assert any(message in text for text in _messages(response))
    assert not ReportJob.objects.exists()


@pytest.mark.usefixtures("_frozen")
def test_another_agencys_plan_is_refused(client, known):
    other = PlanFactory(agency=AgencyFactory(code="SYT-KA"))
    client.force_login(known.coordinator)
    response = _post(client, agency=known.agency.pk, range_plan=other.pk)
    assert response.status_code == 302 and _messages(response)
    assert not ReportJob.objects.exists()


@pytest.mark.usefixtures("_frozen")
def test_an_agency_out_of_reach_or_garbage_is_404(client, known):
    other = AgencyFactory(code="SYT-KA")
    client.force_login(known.coordinator)
    assert _post(client, agency=other.pk).status_code == 404
    assert _post(client, agency="abc").status_code == 404
    client.force_login(known.staff)
    assert _post(client, agency=known.agency.pk).status_code == 404
    assert not ReportJob.objects.exists()


@pytest.mark.usefixtures("_frozen")
def test_a_range_download_is_private_named_and_audited(client, known, private_media):
    job = ReportJob(
        agency=known.agency,
        kind=ReportKind.RANGE,
        range_start=D(2026, 1, 1),
        range_end=D(2026, 3, 14),
        status=ReportStatus.DONE,
    )
    job.file.save("r.docx", ContentFile(b"PK-docx"), save=False)
    job.spreadsheet.save("r.xlsx", ContentFile(b"PK-xlsx"), save=False)
    job.save()
    client.force_login(known.leader)
    response = client.get(reverse("reports:download", args=[job.pk]))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert 'filename="bao-cao-cchc-20260101-20260314.docx"' in response["Content-Disposition"]
    event = AuditEvent.objects.get(action=AuditAction.REPORT_DOWNLOAD)
    assert event.detail == {
        "format": "docx",
        "period": None,
        "plan": None,
        "from": "2026-01-01",
        "to": "2026-03-14",
    }
    client.force_login(known.staff)
    assert client.get(reverse("reports:download_xlsx", args=[job.pk])).status_code == 404
