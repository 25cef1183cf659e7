"""Reporting periods: creating a year's periods, submissions, reopening."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organizations.access import access_for
from organizations.models import Agency, Unit
from organizations.scoping import deny_unless
from periods.models import (
    PeriodRule,
    PeriodSubmission,
    ReportingPeriod,
    SubmissionStatus,
)
from periods.schedule import NATIONAL_DEFAULT_KINDS, NATIONAL_RULES, ScheduleRule
from workdays.selectors import work_calendar


def schedule_for(agency: Agency) -> dict[str, ScheduleRule]:
    """The agency's rules: its own PeriodRule rows override the national defaults."""
    rules = {kind: NATIONAL_RULES[kind] for kind in NATIONAL_DEFAULT_KINDS}
    for rule in PeriodRule.objects.filter(agency=agency):
        if not rule.enabled:
            rules.pop(rule.kind, None)
            continue
        rules[rule.kind] = ScheduleRule(
            rule.start_month,
            rule.start_day,
            rule.starts_previous_year,
            rule.cutoff_month,
            rule.cutoff_day,
            rule.due_month,
            rule.due_day,
        )
    return rules


@transaction.atomic
def ensure_periods(*, agency: Agency, year: int) -> list[ReportingPeriod]:
    """Create the year's missing periods; existing ones (maybe edited by hand) are kept."""
    periods = []
    calendar = work_calendar(first_year=year, last_year=year + 1)
    for kind, rule in schedule_for(agency).items():
        dates = rule.dates_for(year, calendar=calendar)
        period, _created = ReportingPeriod.objects.get_or_create(
            agency=agency,
            year=year,
            kind=kind,
            defaults={"start": dates.start, "cutoff": dates.cutoff, "due_date": dates.due_date},
        )
        periods.append(period)
    return sorted(periods, key=lambda p: p.cutoff)


@transaction.atomic
def submit_period_report(
    *, period: ReportingPeriod, unit: Unit, user, on: dt.date | None = None
) -> PeriodSubmission:
    """The unit head's "Gửi báo cáo": mark the unit's report for ``period`` as sent."""
    day = on or timezone.localdate()
    access = access_for(user)
    deny_unless(unit.pk in access.head_unit_ids and unit.agency_id == period.agency_id)
    refusal = period.submission_refusal(day)
    if refusal:
        raise ValidationError(refusal)
    submission = PeriodSubmission.objects.filter(period=period, unit=unit).first()
    if submission is not None and submission.is_submitted:
        raise ValidationError(_("Đơn vị đã gửi báo cáo kỳ này."))
    submission = submission or PeriodSubmission(period=period, unit=unit)
    submission.status = SubmissionStatus.SUBMITTED
    submission.submitted_by = user
    submission.submitted_at = timezone.now()
    submission._history_user = user
    submission.save()
    return submission


@transaction.atomic
def return_submission(*, submission: PeriodSubmission, user, comment: str) -> PeriodSubmission:
    """The Văn phòng sends a unit's report back; the unit corrects and submits again."""
    deny_unless(ReportingPeriod.objects.editable_by(user).filter(pk=submission.period_id).exists())
    if not comment.strip():
        raise ValidationError({"comment": _("Vui lòng nêu lý do trả lại.")})
    if not submission.is_submitted:
        raise ValidationError(_("Báo cáo này đã được trả lại."))
    submission.status = SubmissionStatus.RETURNED
    submission.returned_by = user
    submission.returned_at = timezone.now()
    submission.return_comment = comment.strip()
    submission._history_user = user
    submission.save()
    return submission


@transaction.atomic
def reopen_period(
    *, period: ReportingPeriod, user, until: dt.date | None, on: dt.date | None = None
) -> ReportingPeriod:
    """Reopen a cut-off period for staff until ``until``; ``None`` locks it again."""
    day = on or timezone.localdate()
    deny_unless(ReportingPeriod.objects.editable_by(user).contains(period))
    if until is not None and until < day:
        raise ValidationError({"until": _("Ngày mở lại đến phải từ hôm nay trở đi.")})
    period.reopened_until = until
    period._history_user = user
    period.save(update_fields=["reopened_until"])
    if until is None:
        # Locking fixes the period's computed indicators, then refreshes the report's frozen
        # data (earlier snapshots are kept), in that order so the snapshot holds the locked
        # values. Imported here: indicators and reports sit above periods (they point at a
        # period); these are the calls up, by design.
        from indicators.services import store_computed_values
        from reports.services import freeze_on_lock

        store_computed_values(period=period)
        freeze_on_lock(period=period, user=user, on=day)
    return period
