"""Filters of the "Nhiệm vụ của đơn vị" list (django-filter)."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organizations.access import access_for
from periods.models import ReportingPeriod
from plans.models import Plan
from tasks.models import (
    Area,
    AssignmentRole,
    ReportBucket,
    TaskStatus,
    Timeliness,
)
from tasks.timeliness import RECURRING_KINDS


class PeriodChoiceFilter(django_filters.ModelChoiceFilter):
    """Tasks to report in a period: due within it, or recurring/continuous."""

    def filter(self, qs, value):
        if not value:
            return qs
        due_inside = Q(effective_due__gte=value.start, effective_due__lte=value.cutoff)
        return qs.filter(due_inside | Q(deadline_kind__in=sorted(RECURRING_KINDS)))


class TaskFilter(django_filters.FilterSet):
    """Expects a queryset annotated by ``with_timeliness``; ``request`` scopes the choices."""

    q = django_filters.CharFilter(
        label=_("Tìm kiếm"),
        method="search",
        widget=forms.TextInput(
            attrs={"class": "form-control form-control-sm", "placeholder": _("Nội dung, STT...")}
        ),
    )
    plan = django_filters.ModelChoiceFilter(
        label=_("Kế hoạch"), queryset=Plan.objects.none(), empty_label=_("Tất cả kế hoạch")
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Lĩnh vực"), queryset=Area.objects.all(), empty_label=_("Tất cả lĩnh vực")
    )
    status = django_filters.ChoiceFilter(
        label=_("Trạng thái"), choices=TaskStatus.choices, empty_label=_("Mọi trạng thái")
    )
    timeliness = django_filters.ChoiceFilter(
        label=_("Thời hạn"), choices=Timeliness.choices, empty_label=_("Mọi thời hạn")
    )
    bucket = django_filters.ChoiceFilter(
        label=_("Nhóm báo cáo"), choices=ReportBucket.choices, empty_label=_("Mọi nhóm")
    )
    period = PeriodChoiceFilter(
        label=_("Kỳ báo cáo"),
        queryset=ReportingPeriod.objects.none(),
        empty_label=_("Mọi kỳ báo cáo"),
    )
    role = django_filters.ChoiceFilter(
        label=_("Vai trò của đơn vị"),
        choices=AssignmentRole.choices,
        empty_label=_("Chủ trì và phối hợp"),
        method="by_role",
    )
    ordering = django_filters.OrderingFilter(
        label=_("Sắp xếp"),
        empty_label=_("Theo thứ tự kế hoạch"),
        fields=(("effective_due", "due"), ("status", "status"), ("progress", "progress")),
        field_labels={
            "effective_due": _("Hạn hoàn thành"),
            "status": _("Trạng thái"),
            "progress": _("Tiến độ"),
            # django-filter formats "%s (descending)" once, when this class is defined,
            # in the language active then; lazy labels of our own follow the user's.
            "-due": _("Hạn hoàn thành (giảm dần)"),
            "-status": _("Trạng thái (giảm dần)"),
            "-progress": _("Tiến độ (giảm dần)"),
        },
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.filters["plan"].queryset = Plan.objects.visible_to(request.user).order_by(
            "-year", "title"
        )
        self.filters["period"].queryset = ReportingPeriod.objects.visible_to(request.user).order_by(
            "-year", "cutoff"
        )
        self.filters["period"].field.label_from_instance = lambda period: period.label
        for field in self.form.fields.values():
            field.widget.attrs.setdefault("class", "form-select form-select-sm")

    def search(self, queryset, name, value):
        return queryset.matching(value)

    def by_role(self, queryset, name, value):
        unit_ids = access_for(self.request.user).unit_ids
        return queryset.where(queryset.assigned_to(unit_ids, value))

    def queryset_without(self, *names: str):
        """The filtered rows ignoring some filters (bucket counts ignore the bucket filter)."""
        queryset = self.queryset.all()
        if not self.is_bound:
            return queryset
        self.errors  # noqa: B018 - validates the form; invalid fields are ignored like in .qs
        for name, value in self.form.cleaned_data.items():
            if name not in names and name != "ordering":
                queryset = self.filters[name].filter(queryset, value)
        return queryset
