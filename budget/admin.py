from django.contrib import admin
from import_export import fields, widgets
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from budget.models import BudgetEntry, BudgetLine
from common.resources import FormulaSafeResource
from plans.models import Plan


class BudgetLineResource(FormulaSafeResource):
    plan = fields.Field(
        attribute="plan", column_name="plan_id", widget=widgets.ForeignKeyWidget(Plan)
    )

    class Meta:
        model = BudgetLine
        fields = ["id", "plan", "code", "content", "planned_amount", "note", "position"]


class BudgetEntryInline(admin.TabularInline):
    model = BudgetEntry
    extra = 0
    raw_id_fields = ["created_by"]


@admin.register(BudgetLine)
class BudgetLineAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [BudgetLineResource]
    list_display = ["__str__", "planned_amount", "plan"]
    list_filter = ["plan__agency", "plan"]
    search_fields = ["content", "code", "note"]
    raw_id_fields = ["parent"]
    inlines = [BudgetEntryInline]
    list_select_related = ["plan"]


@admin.register(BudgetEntry)
class BudgetEntryAdmin(SimpleHistoryAdmin):
    list_display = ["line", "kind", "amount", "date"]
    list_filter = ["kind", "line__plan"]
    search_fields = ["line__content", "note"]
    raw_id_fields = ["created_by", "line"]
    date_hierarchy = "date"
