from django.contrib import admin
from import_export import fields, widgets
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from common.resources import FormulaSafeResource
from plans.models import Plan
from tasks.models import Area, Evidence, Extension, Task, TaskAssignment, TaskComment, TaskProgress


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order"]
    search_fields = ["name", "code"]


class TaskAssignmentInline(admin.TabularInline):
    model = TaskAssignment
    extra = 0
    autocomplete_fields = ["unit"]


class TaskResource(FormulaSafeResource):
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


@admin.register(TaskProgress)
class TaskProgressAdmin(SimpleHistoryAdmin):
    list_display = ["task", "period", "status", "progress", "updated_by", "updated_at"]
    list_filter = ["period__agency", "period", "status"]
    search_fields = ["task__content", "task__code", "result"]
    raw_id_fields = ["task"]
    list_select_related = ["task", "period", "updated_by"]


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["original_name", "task", "period", "content_type", "size", "uploaded_by"]
    list_filter = ["content_type", "period"]
    search_fields = ["original_name", "task__content"]
    raw_id_fields = ["task"]
    readonly_fields = ["file", "content_type", "size", "uploaded_by", "uploaded_at"]
    list_select_related = ["task", "period", "uploaded_by"]


@admin.register(TaskComment)
class TaskCommentAdmin(admin.ModelAdmin):
    list_display = ["task", "kind", "author", "created_at"]
    list_filter = ["kind"]
    search_fields = ["body", "task__content"]
    raw_id_fields = ["task"]
    list_select_related = ["task", "author"]


@admin.register(Extension)
class ExtensionAdmin(SimpleHistoryAdmin):
    list_display = ["task", "previous_due_date", "requested_date", "status", "requested_by"]
    list_filter = ["status"]
    search_fields = ["task__content", "reason"]
    raw_id_fields = ["task"]
    list_select_related = ["task", "requested_by"]
