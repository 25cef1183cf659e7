from django.contrib import admin
from import_export import fields, resources, widgets
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from plans.models import Plan
from tasks.models import Area, Task, TaskAssignment


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order"]
    search_fields = ["name", "code"]


class TaskAssignmentInline(admin.TabularInline):
    model = TaskAssignment
    extra = 0
    autocomplete_fields = ["unit"]


class TaskResource(resources.ModelResource):
    """Tasks as rows, keyed by plan and path so a re-import updates in place."""

    plan = fields.Field(
        attribute="plan", column_name="plan_id", widget=widgets.ForeignKeyWidget(Plan)
    )
    area = fields.Field(
        attribute="area", column_name="area", widget=widgets.ForeignKeyWidget(Area, "code")
    )

    class Meta:
        model = Task
        fields = [
            "id",
            "plan",
            "code",
            "path",
            "position",
            "is_section",
            "area",
            "content",
            "requirement",
            "lead_text",
            "coordinating_text",
            "deadline_text",
            "deadline_kind",
            "due_date",
            "status",
            "progress",
            "result",
            "completed_on",
        ]
        import_id_fields = ["plan", "path"]
        skip_unchanged = True


@admin.register(Task)
class TaskAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [TaskResource]
    list_display = ["__str__", "plan", "deadline_text", "due_date", "status", "progress"]
    list_filter = ["plan__agency", "plan", "status", "deadline_kind", "area", "is_section"]
    search_fields = ["content", "code", "lead_text", "coordinating_text", "deadline_text"]
    inlines = [TaskAssignmentInline]
    raw_id_fields = ["parent"]
    list_select_related = ["plan", "plan__agency"]
