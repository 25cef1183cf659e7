from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from periods.models import PeriodRule, ReportingPeriod


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
