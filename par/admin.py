from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from par.models import CriteriaSet, Criterion, CriterionEvidence


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0
    fields = ["label", "title", "max_score", "responsible_unit", "self_score", "appraised_score"]
    raw_id_fields = ["responsible_unit"]


@admin.register(CriteriaSet)
class CriteriaSetAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "agency", "year", "level"]
    list_filter = ["agency", "year", "level"]
    raw_id_fields = ["plan", "created_by"]
    inlines = [CriterionInline]
    list_select_related = ["agency"]


@admin.register(Criterion)
class CriterionAdmin(SimpleHistoryAdmin):
    list_display = ["label", "title", "max_score", "self_score", "appraised_score", "criteria_set"]
    list_filter = ["criteria_set__agency", "criteria_set__year"]
    search_fields = ["title", "code"]
    raw_id_fields = ["criteria_set", "parent", "responsible_unit", "scored_by"]
    list_select_related = ["criteria_set"]


@admin.register(CriterionEvidence)
class CriterionEvidenceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "criterion", "uploaded_at"]
    raw_id_fields = ["criterion", "task_evidence", "task", "uploaded_by"]
    list_select_related = ["criterion"]
