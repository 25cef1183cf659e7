from django.contrib import admin
from import_export import fields, widgets
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from common.resources import FormulaSafeResource
from organizations.models import Agency, Membership, Unit, UnitAlias


@admin.register(Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "symbol", "place_name", "parent", "is_active"]
    list_filter = ["is_active", "parent"]
    search_fields = ["name", "code", "symbol"]


class UnitAliasInline(admin.TabularInline):
    model = UnitAlias
    extra = 1


class UnitResource(FormulaSafeResource):
    """Units as a spreadsheet: agency by code, aliases as one ';'-separated cell."""

    agency = fields.Field(
        attribute="agency", column_name="agency", widget=widgets.ForeignKeyWidget(Agency, "code")
    )
    aliases = fields.Field(column_name="aliases", readonly=True)

    class Meta:
        model = Unit
        fields = [
            "id",
            "agency",
            "name",
            "short_name",
            "kind",
            "aliases",
            "reminder_emails",
            "order",
            "is_active",
        ]
        import_id_fields = ["agency", "name"]
        export_order = ["id", "agency", "name", "short_name", "kind", "aliases"]

    def dehydrate_aliases(self, unit: Unit) -> str:
        return "; ".join(alias.name for alias in unit.aliases.all())


@admin.register(Unit)
class UnitAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [UnitResource]
    list_display = ["name", "short_name", "kind", "agency", "order", "is_active"]
    list_filter = ["agency", "kind", "is_active"]
    search_fields = ["name", "short_name", "aliases__name"]
    filter_horizontal = ["members"]
    inlines = [UnitAliasInline]
    list_select_related = ["agency"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "agency", "unit", "is_active"]
    list_filter = ["role", "agency", "is_active"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit__name"]
    autocomplete_fields = ["user", "unit"]
    list_select_related = ["user", "agency", "unit"]
