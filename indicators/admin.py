from django.contrib import admin
from import_export import fields, widgets
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from common.resources import FormulaSafeResource
from indicators.models import Indicator, IndicatorValue
from plans.models import Plan


class IndicatorResource(FormulaSafeResource):
    plan = fields.Field(
        attribute="plan", column_name="plan_id", widget=widgets.ForeignKeyWidget(Plan)
    )

    class Meta:
        model = Indicator
        fields = [
            "id",
            "plan",
            "name",
            "text",
            "comparator",
            "target_value",
            "unit",
            "per",
            "position",
        ]


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 0
    raw_id_fields = ["recorded_by"]


@admin.register(Indicator)
class IndicatorAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [IndicatorResource]
    list_display = ["name", "comparator", "target_value", "unit", "plan"]
    list_filter = ["plan__agency", "plan", "comparator"]
    search_fields = ["name", "text"]
    raw_id_fields = ["task"]
    inlines = [IndicatorValueInline]
    list_select_related = ["plan"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "period", "value"]
    list_filter = ["period__year", "period__kind"]
    search_fields = ["indicator__name"]
    raw_id_fields = ["recorded_by"]
    list_select_related = ["indicator", "period"]
