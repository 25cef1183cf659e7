from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from periods.models import PeriodRule, PeriodSubmission, ReportingPeriod


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "agency", "start", "cutoff", "due_date", "reopened_until"]
    list_filter = ["agency", "year", "kind"]
    search_fields = ["agency__name"]
    list_select_related = ["agency"]


@admin.register(PeriodRule)
class PeriodRuleAdmin(SimpleHistoryAdmin):
    list_display = [
        "agency",
        "kind",
        "enabled",
        "cutoff_day",
        "cutoff_month",
        "due_day",
        "due_month",
    ]
    list_filter = ["agency", "kind", "enabled"]
    search_fields = ["agency__name"]


@admin.register(PeriodSubmission)
class PeriodSubmissionAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "period", "status", "submitted_by", "submitted_at", "returned_at"]
    list_filter = ["period__agency", "period", "status"]
    search_fields = ["unit__name"]
    list_select_related = ["unit", "period", "submitted_by"]
