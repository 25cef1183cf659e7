"""Reports: freezing a period's data, building the files, running and retrying report jobs.

A job runs as netbox's tracked jobs and healthchecks' ``sendreports`` do: the row is
claimed with a conditional UPDATE (queued → running), so two workers never build it twice;
the files are written under a temporary name and renamed into place, and the row points
at them in the same UPDATE that marks it done, so a killed worker leaves nothing to
download. The beat's automatic report is one row per period (a unique constraint), so it
is built once however many beats or retries run.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from indicators.services import store_computed_values_at_cutoff
from organizations.access import access_for
from organizations.models import Agency
from organizations.roles import REPORT_READER_ROLES, Role
from organizations.scoping import deny_unless
from periods.models import ReportingPeriod
from plans.models import Plan
from reports.content import ReportContent, compose
from reports.data import ReportData
from reports.document import render_docx
from reports.emails import report_ready_message
from reports.figures import period_phrase, range_phrase
from reports.models import (
    PeriodSnapshot,
    ReportJob,
    ReportKind,
    ReportSettings,
    ReportStatus,
    SnapshotReason,
)
from reports.selectors import live_range_data, live_report_data
from reports.spreadsheet import render_xlsx
from workdays.selectors import calendar_around

logger = logging.getLogger(__name__)

# The beat builds the report of periods cut off at most this long ago, so a new
# installation does not build (and e-mail) every report of past years at once.
AUTOMATIC_WINDOW = dt.timedelta(days=45)
# A job "running" longer than this was left by a killed worker and may be retried.
STALE_RUNNING_AFTER = dt.timedelta(minutes=15)
# A custom range spans at most about two years (a leap day included).
MAX_RANGE = dt.timedelta(days=731)

Progress = Callable[[int, str], None]


def is_locked(period: ReportingPeriod, *, on: dt.date) -> bool:
    """Past its cut-off and not reopened for staff on ``on``: reports read the snapshot."""
    return on > period.cutoff and not period.is_open_for_staff(on)


@transaction.atomic
def freeze_period(
    *, period: ReportingPeriod, reason: str = SnapshotReason.CUTOFF, user=None
) -> PeriodSnapshot:
    """Freeze what the period's report needs, as of its cut-off; earlier snapshots stay."""
    data = live_report_data(period=period, as_of=period.cutoff)
    return PeriodSnapshot.objects.create(
        period=period,
        reason=reason,
        taken_by=user,
        task_count=len(data.tasks),
        data=data.to_json(),
    )


def freeze_on_lock(*, period: ReportingPeriod, user, on: dt.date) -> PeriodSnapshot | None:
    """Called by ``periods.services.reopen_period`` when a coordinator locks a period again."""
    if not is_locked(period, on=on):
        return None  # still before its cut-off: staff may write, nothing to freeze yet
    return freeze_period(period=period, reason=SnapshotReason.LOCK, user=user)


def current_snapshot(*, period: ReportingPeriod) -> PeriodSnapshot:
    """The locked period's snapshot; taken now if there is none or it predates a reopening."""
    latest = PeriodSnapshot.objects.latest_for(period)
    if latest is not None and latest.is_current_for(period):
        return latest
    return freeze_period(period=period, reason=SnapshotReason.CUTOFF)


@dataclass(frozen=True)
class ReportSource:
    """The data a report is built from and how it must be labelled."""

    data: ReportData
    issued_on: dt.date
    provisional_on: dt.date | None  # set when the data is live ("tạm tính")
    snapshot: PeriodSnapshot | None


def report_source(*, period: ReportingPeriod, plan: Plan | None, on: dt.date) -> ReportSource:
    """A locked period's frozen data (dated when frozen); an open one's live data (dated ``on``)."""
    if is_locked(period, on=on):
        snapshot = current_snapshot(period=period)
        data = snapshot.report_data().for_plan(plan.pk if plan else None)
        return ReportSource(data, timezone.localdate(snapshot.taken_at), None, snapshot)
    data = live_report_data(period=period, as_of=min(on, period.cutoff), plan=plan)
    return ReportSource(data, on, on, None)


def range_source(
    *, agency_id: int, start: dt.date, end: dt.date, plan: Plan | None, on: dt.date
) -> ReportSource:
    """A custom range is always read live, as of ``min(end, on)``; "tạm tính" until it ends."""
    as_of = min(end, on)
    data = live_range_data(agency_id=agency_id, start=start, end=end, as_of=as_of, plan=plan)
    return ReportSource(data, on, on if end >= on else None, None)


@dataclass(frozen=True)
class BuiltReport:
    docx: bytes
    xlsx: bytes
    content: ReportContent
    from_snapshot: bool


def _no_progress(percent: int, step: str) -> None:
    return None


def build_report(
    *,
    period: ReportingPeriod,
    plan: Plan | None = None,
    on: dt.date,
    progress: Progress = _no_progress,
) -> BuiltReport:
    """The .docx and .xlsx of ``period`` (optionally one plan) as they stand on ``on``."""
    progress(10, _("Đọc số liệu của kỳ"))
    source = report_source(period=period, plan=plan, on=on)
    phrase = period_phrase(period.kind, period.year)
    return _render(source, agency=period.agency, phrase=phrase, progress=progress)


def build_range_report(
    *,
    agency: Agency,
    start: dt.date,
    end: dt.date,
    plan: Plan | None = None,
    on: dt.date,
    progress: Progress = _no_progress,
) -> BuiltReport:
    """The .docx and .xlsx of a custom range (optionally one plan), from live data."""
    progress(10, _("Đọc số liệu của khoảng thời gian"))
    source = range_source(agency_id=agency.pk, start=start, end=end, plan=plan, on=on)
    return _render(source, agency=agency, phrase=range_phrase(start, end), progress=progress)


def _render(
    source: ReportSource, *, agency: Agency, phrase: str, progress: Progress
) -> BuiltReport:
    header = ReportSettings.of(agency).header()
    content = compose(
        source.data,
        header=header,
        period_phrase=phrase,
        issued_on=source.issued_on,
        provisional_on=source.provisional_on,
        calendar=calendar_around(source.data.as_of),
    )
    progress(40, _("Soạn văn bản Word"))
    created = source.snapshot.taken_at if source.snapshot else timezone.now()
    docx = render_docx(content, header=header, created=created.replace(microsecond=0))
    progress(80, _("Lập bảng Excel"))
    xlsx = render_xlsx(content, source.data)
    return BuiltReport(docx, xlsx, content, source.snapshot is not None)


# --- jobs ---------------------------------------------------------------------------------


def reporting_agency_ids(user) -> frozenset[int] | None:
    """Agencies whose reports ``user`` builds; None: every agency (superuser)."""
    access = access_for(user)
    return None if access.is_superuser else access.agencies_for(REPORT_READER_ROLES)


def can_report_on(user, agency_id: int) -> bool:
    agencies = reporting_agency_ids(user)
    return agencies is None or agency_id in agencies


def request_report(*, period: ReportingPeriod, plan: Plan | None, user) -> ReportJob:
    """Queue a report of ``period``; the same report already waiting or running is returned."""
    deny_unless(can_report_on(user, period.agency_id))
    if plan is not None and (plan.agency_id != period.agency_id or plan.is_deleted):
        raise ValidationError(_("Kế hoạch không thuộc cơ quan của kỳ báo cáo."))
    waiting = ReportJob.objects.filter(
        period=period, plan=plan, status__in=[ReportStatus.QUEUED, ReportStatus.RUNNING]
    ).first()
    if waiting is not None:
        return waiting
    job = ReportJob.objects.create(
        agency_id=period.agency_id, period=period, plan=plan, requested_by=user
    )
    _enqueue(job.pk)
    return job


def range_refusal(*, start: dt.date, end: dt.date, today: dt.date) -> str:
    """Why a custom range cannot be reported ("" when it can): the form and service ask."""
    if end < start:
        return _("Ngày kết thúc phải từ ngày bắt đầu trở đi.")
    if end - start > MAX_RANGE:
        return _("Khoảng thời gian báo cáo dài tối đa 2 năm.")
    if start > today:
        return _("Ngày bắt đầu chưa tới; chưa có số liệu để báo cáo.")
    return ""


def request_range_report(
    *, agency: Agency, start: dt.date, end: dt.date, plan: Plan | None, user
) -> ReportJob:
    """Queue a report of a custom range; the same report already waiting is returned."""
    deny_unless(can_report_on(user, agency.pk))
    refusal = range_refusal(start=start, end=end, today=timezone.localdate())
    if refusal:
        raise ValidationError(refusal)
    if plan is not None and (plan.agency_id != agency.pk or plan.is_deleted):
        raise ValidationError(_("Kế hoạch không thuộc cơ quan đã chọn."))
    fields = {"agency": agency, "kind": ReportKind.RANGE, "range_start": start, "range_end": end}
    waiting = ReportJob.objects.filter(
        **fields, plan=plan, status__in=[ReportStatus.QUEUED, ReportStatus.RUNNING]
    ).first()
    if waiting is not None:
        return waiting
    job = ReportJob.objects.create(**fields, plan=plan, requested_by=user)
    _enqueue(job.pk)
    return job


def retry_report(*, job: ReportJob, user) -> ReportJob:
    """Queue a failed job (or one a killed worker left running) again."""
    deny_unless(can_report_on(user, job.agency_id))
    stale = timezone.now() - STALE_RUNNING_AFTER
    retried = (
        ReportJob.objects.filter(pk=job.pk)
        .filter(
            Q(status=ReportStatus.FAILED) | Q(status=ReportStatus.RUNNING, started_at__lt=stale)
        )
        .update(
            status=ReportStatus.QUEUED,
            progress=0,
            step="",
            error="",
            started_at=None,
            finished_at=None,
        )
    )
    if not retried:
        raise ValidationError(_("Chỉ tạo lại được báo cáo bị lỗi."))
    _enqueue(job.pk)
    job.refresh_from_db()
    return job


def _enqueue(job_id: int) -> None:
    # Imported here: reports.jobs imports this module (the job calls run_report_job).
    from reports.jobs import build_report_job

    transaction.on_commit(lambda: build_report_job.delay(job_id))


def _progress_of(job_id: int) -> Progress:
    def report(percent: int, step: str) -> None:
        ReportJob.objects.filter(pk=job_id, status=ReportStatus.RUNNING).update(
            progress=percent, step=step[:120]
        )

    return report


def run_report_job(*, job_id: int, on: dt.date | None = None) -> ReportJob | None:
    """Build a queued job's files; None when another worker has it or it already ran."""
    if not ReportJob.objects.claim(job_id):
        return None
    job = ReportJob.objects.with_detail().get(pk=job_id)
    day = on or timezone.localdate()
    try:
        built = _build_job(job, on=day, progress=_progress_of(job_id))
        names = _store(job, built)
    except Exception as exc:  # any failure is the job's outcome, shown with a retry
        logger.exception("Report job %s failed", job_id)
        ReportJob.objects.filter(pk=job_id).update(
            status=ReportStatus.FAILED,
            error=_("Không tạo được báo cáo: %(error)s")
            % {"error": f"{type(exc).__name__}: {exc}"},
            finished_at=timezone.now(),
        )
    else:
        ReportJob.objects.filter(pk=job_id).update(
            status=ReportStatus.DONE,
            progress=100,
            step=_("Hoàn thành"),
            file=names[0],
            spreadsheet=names[1],
            from_snapshot=built.from_snapshot,
            finished_at=timezone.now(),
        )
    job.refresh_from_db()
    if job.automatic and job.status == ReportStatus.DONE:
        notify_report_ready(job=job)
    return job


def _build_job(job: ReportJob, *, on: dt.date, progress: Progress) -> BuiltReport:
    if job.is_range:
        assert job.range_start is not None and job.range_end is not None  # the check constraint
        return build_range_report(
            agency=job.agency,
            start=job.range_start,
            end=job.range_end,
            plan=job.plan,
            on=on,
            progress=progress,
        )
    assert job.period is not None  # the check constraint
    return build_report(period=job.period, plan=job.plan, on=on, progress=progress)


def _store(job: ReportJob, built: BuiltReport) -> tuple[str, str]:
    """Write both files under temporary names, then rename each into place."""
    token = secrets.token_hex(6)
    base = f"reports/{job.agency_id}/{job.file_stem()}-{job.pk}-{token}"
    names = (f"{base}.docx", f"{base}.xlsx")
    for name, payload in zip(names, (built.docx, built.xlsx), strict=True):
        final = default_storage.path(name)
        os.makedirs(os.path.dirname(final), exist_ok=True)
        partial = f"{final}.part"
        with open(partial, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, final)
    return names


def notify_report_ready(*, job: ReportJob) -> int:
    """E-mail the agency's coordinators and leaders once that the period report is ready."""
    claimed = ReportJob.objects.filter(pk=job.pk, notified_at__isnull=True).update(
        notified_at=timezone.now()
    )
    if not claimed:
        return 0
    recipients = report_recipients(job.agency)
    if not recipients:
        return 0
    try:
        report_ready_message(job, recipients=recipients).send()
    except Exception:  # the report exists; a failed e-mail is retried by the next beat
        logger.exception("Report-ready e-mail for job %s failed", job.pk)
        ReportJob.objects.filter(pk=job.pk).update(notified_at=None)
        return 0
    return len(recipients)


def report_recipients(agency: Agency) -> list[str]:
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(
        is_active=True,
        memberships__agency=agency,
        memberships__is_active=True,
        memberships__role__in=[Role.COORDINATOR, Role.LEADER],
    )
    return sorted({email for email in users.values_list("email", flat=True) if email})


def build_due_period_reports(*, on: dt.date) -> list[ReportJob]:
    """The beat's run: each period locked after a recent cut-off gets its report, once."""
    periods = list(
        ReportingPeriod.objects.filter(cutoff__lt=on, cutoff__gte=on - AUTOMATIC_WINDOW).filter(
            Q(reopened_until__isnull=True) | Q(reopened_until__lt=on)
        )
    )
    # Passing the cut-off locks the period: its computed indicators are fixed first, so
    # the report (and its frozen snapshot) holds them.
    store_computed_values_at_cutoff(periods=periods)
    ReportJob.objects.bulk_create(
        [ReportJob(agency_id=p.agency_id, period=p, automatic=True) for p in periods],
        ignore_conflicts=True,
    )
    automatic = ReportJob.objects.filter(automatic=True, period__in=periods)
    waiting = list(automatic.filter(status=ReportStatus.QUEUED).values_list("pk", flat=True))
    finished = [run_report_job(job_id=pk, on=on) for pk in waiting]
    # A done report whose e-mail failed last time is announced now.
    for job in automatic.filter(status=ReportStatus.DONE, notified_at__isnull=True):
        notify_report_ready(job=job)
    return [job for job in finished if job is not None]
