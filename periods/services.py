"""Creating an agency's reporting periods for a year from its schedule."""

from __future__ import annotations

from django.db import transaction

from organizations.models import Agency
from periods.models import PeriodRule, ReportingPeriod
from periods.schedule import NATIONAL_DEFAULT_KINDS, NATIONAL_RULES, ScheduleRule


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
    for kind, rule in schedule_for(agency).items():
        dates = rule.dates_for(year)
        period, _created = ReportingPeriod.objects.get_or_create(
            agency=agency,
            year=year,
            kind=kind,
            defaults={"start": dates.start, "cutoff": dates.cutoff, "due_date": dates.due_date},
        )
        periods.append(period)
    return sorted(periods, key=lambda p: p.cutoff)
