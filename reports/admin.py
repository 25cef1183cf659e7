from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from reports.models import PeriodSnapshot, ReportJob, ReportSettings


@admin.register(ReportSettings)
class ReportSettingsAdmin(SimpleHistoryAdmin):
    list_display = ("agency", "agency_name", "symbol", "place", "signer_name")
    search_fields = ("agency__name", "agency__code", "signer_name")


@admin.register(PeriodSnapshot)
class PeriodSnapshotAdmin(admin.ModelAdmin):
    """Read-only: a snapshot is what a report said; it is replaced only by locking again."""

    list_display = ("period", "taken_at", "reason", "task_count", "taken_by")
    list_filter = ("reason", "period__agency")
    exclude = ("data",)
    readonly_fields = ("period", "taken_at", "reason", "task_count", "taken_by")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReportJob)
class ReportJobAdmin(admin.ModelAdmin):
    list_display = ("__str__", "agency", "status", "progress", "automatic", "created_at")
    list_filter = ("status", "automatic", "agency")
    readonly_fields = [field.name for field in ReportJob._meta.fields]

    def has_add_permission(self, request):
        return False
