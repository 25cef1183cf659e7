from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from plans.models import Plan, PlanReference


class PlanReferenceInline(admin.TabularInline):
    model = PlanReference
    fk_name = "plan"
    extra = 0
    autocomplete_fields = ["referenced_plan"]


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "document_number", "agency", "year", "kind", "status", "issued_on"]
    list_filter = ["agency", "year", "kind", "status"]
    search_fields = ["title", "number", "symbol", "legal_basis"]
    date_hierarchy = "issued_on"
    inlines = [PlanReferenceInline]
    list_select_related = ["agency"]
