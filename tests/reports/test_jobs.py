"""Report jobs: queued → running → done (or failed, then retried); files appear only when whole."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django_celery_beat.models import PeriodicTask

from cchc.celery import app
from reports import services
from reports.models import ReportJob, ReportStatus
from tests.reports.conftest import AFTER_CUTOFF, VN

LATER = dt.datetime(2026, 3, 21, 6, 0, tzinfo=VN)


@pytest.fixture
def job(known, private_media):
    with time_machine.travel(AFTER_CUTOFF, tick=False):
        return services.request_report(period=known.q1, plan=None, user=known.leader)


def _run(job, when=AFTER_CUTOFF):
    with time_machine.travel(when, tick=False):
        return services.run_report_job(job_id=job.pk, on=when.date())


def test_a_requested_job_is_queued_and_enqueued_after_commit(
    known, private_media, django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr("reports.jobs.build_report_job.delay", sent.append)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.request_report(period=known.q1, plan=None, user=known.coordinator)
    assert job.status == ReportStatus.QUEUED and job.progress == 0
    assert job.requested_by == known.coordinator
    assert sent == [job.pk]
    # The same report asked again while it waits is the same job.
    assert services.request_report(period=known.q1, plan=None, user=known.leader) == job


def test_a_job_runs_to_done_with_both_files(job, private_media):
    finished = _run(job)
    assert finished.status == ReportStatus.DONE
    assert finished.progress == 100 and finished.started_at and finished.finished_at
    assert finished.from_snapshot
    for stored in (finished.file, finished.spreadsheet):
        path = Path(stored.path)
        assert path.is_file() and path.stat().st_size > 1000
    assert finished.file.name.endswith(".docx") and finished.spreadsheet.name.endswith(".xlsx")
    leftovers = [name for name in _all_files(private_media) if name.endswith(".part")]
    assert leftovers == []


def _all_files(root) -> list[str]:
    return [os.path.join(d, f) for d, _s, files in os.walk(root) for f in files]


def test_progress_is_reported_while_running(job, monkeypatch):
    seen = []
    real = services.render_docx

    def watching(*args, **kwargs):
        row = ReportJob.objects.get(pk=job.pk)
        seen.append((row.status, row.progress, row.step))
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "render_docx", watching)
    _run(job)
    assert seen == [(ReportStatus.RUNNING, 40, "Soạn văn bản Word")]


def test_a_second_worker_cannot_run_the_same_job(job):
    assert _run(job) is not None
    assert _run(job) is None  # already done: the claim fails
    assert ReportJob.objects.get(pk=job.pk).status == ReportStatus.DONE


def test_a_failure_is_recorded_with_its_error_and_no_file(job, monkeypatch, private_media):
    def broken(*args, **kwargs):
        raise RuntimeError("ổ đĩa đầy")

    monkeypatch.setattr(services, "render_xlsx", broken)
    failed = _run(job)
    assert failed.status == ReportStatus.FAILED
    assert failed.error == "Không tạo được báo cáo: RuntimeError: ổ đĩa đầy"
    assert not failed.file and not failed.spreadsheet and failed.finished_at
    assert _all_files(private_media) == []


def test_a_failed_job_is_retried_then_succeeds(job, monkeypatch, known):
    monkeypatch.setattr(services, "render_xlsx", lambda *a, **k: 1 / 0)
    _run(job)
    monkeypatch.undo()
    with time_machine.travel(AFTER_CUTOFF, tick=False):
        retried = services.retry_report(job=job, user=known.coordinator)
    assert retried.status == ReportStatus.QUEUED and retried.error == "" and retried.progress == 0
    assert _run(job).status == ReportStatus.DONE


def test_only_a_failed_or_abandoned_job_is_retried(job, known):
    with pytest.raises(ValidationError):
        services.retry_report(job=job, user=known.coordinator)  # still queued
    ReportJob.objects.filter(pk=job.pk).update(
        status=ReportStatus.RUNNING, started_at=AFTER_CUTOFF - dt.timedelta(hours=1)
    )
    with time_machine.travel(AFTER_CUTOFF, tick=False):
        assert services.retry_report(job=job, user=known.leader).status == ReportStatus.QUEUED


def test_staff_may_not_request_a_report(known):
    with pytest.raises(PermissionDenied):
        services.request_report(period=known.q1, plan=None, user=known.staff)


def test_the_beat_builds_each_period_report_once_and_mails_once(known, private_media):
    with time_machine.travel(LATER, tick=False):
        built = services.build_due_period_reports(on=LATER.date())
        again = services.build_due_period_reports(on=LATER.date())
    assert [job.period for job in built] == [known.q1]
    assert again == []
    automatic = ReportJob.objects.get(automatic=True)
    assert automatic.status == ReportStatus.DONE and automatic.notified_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["gd@stp.example.vn", "vp@stp.example.vn"]
    assert "Quý I/2026" in message.subject
    assert "/bao-cao/" in message.body


def test_the_beat_ignores_open_and_long_past_periods(known):
    with time_machine.travel(BEFORE_Q1 := dt.datetime(2026, 3, 10, tzinfo=VN), tick=False):
        assert services.build_due_period_reports(on=BEFORE_Q1.date()) == []
    far = dt.datetime(2026, 6, 1, tzinfo=VN)  # Q1 cut off more than 45 days ago, H1 still open
    with time_machine.travel(far, tick=False):
        assert services.build_due_period_reports(on=far.date()) == []
    assert not ReportJob.objects.exists()


def test_jobs_are_registered_and_the_beat_entry_exists(db):
    app.loader.import_default_modules()
    assert {"reports.build_report", "reports.build_period_reports"} <= set(app.tasks)
    entry = PeriodicTask.objects.get(task="reports.build_period_reports")
    assert entry.crontab.hour == "6" and entry.enabled
