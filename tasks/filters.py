"""Filters of the "Nhiệm vụ của đơn vị" list (django-filter).

Besides the visible form, the list takes the parameters the dashboard's figures link with
(``year``, ``plans``, ``unit``, ``agency``, ``no_area``, ``no_lead``, ``extended``, ``open``,
``due_from``, ``due_to`` and ``as_of``), so every number there opens exactly its tasks.
"""

from __future__ import annotations

import datetime as dt

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.filters import ModelMultipleChoiceFilter
from common.forms import read_choices_once
from organizations.access import access_for
from organizations.models import Agency, Unit
from periods.models import ReportingPeriod
from plans.models import Plan
from tasks.models import (
    Area,
    AssignmentRole,
    ReportBucket,
    TaskAssignment,
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
    # Drill-down parameters of the dashboard (not shown in the list's form).
    year = django_filters.NumberFilter(label=_("Năm"), field_name="plan__year")
    plans = ModelMultipleChoiceFilter(
        label=_("Các kế hoạch"), field_name="plan", queryset=Plan.objects.none()
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị chủ trì"), queryset=Unit.objects.none(), method="by_lead_unit"
    )
    agency = django_filters.ModelChoiceFilter(
        label=_("Cơ quan"), field_name="plan__agency", queryset=Agency.objects.none()
    )
    no_area = django_filters.BooleanFilter(
        label=_("Chưa phân lĩnh vực"), field_name="area", lookup_expr="isnull"
    )
    no_lead = django_filters.BooleanFilter(label=_("Chưa xác định chủ trì"), method="by_no_lead")
    extended = django_filters.BooleanFilter(
        label=_("Đã gia hạn"), field_name="extended_due_date", lookup_expr="isnull", exclude=True
    )
    open = django_filters.BooleanFilter(label=_("Chưa hoàn thành"), method="by_open")
    due_from = django_filters.DateFilter(
        label=_("Hạn từ ngày"), field_name="effective_due", lookup_expr="gte"
    )
    due_to = django_filters.DateFilter(
        label=_("Hạn đến ngày"), field_name="effective_due", lookup_expr="lte"
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

    # The dropdowns the list's form draws; the drill-down filters only validate.
    SHOWN_CHOICES = ("plan", "area", "period")

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.filters["plan"].queryset = (
            Plan.objects.visible_to(request.user)
            .order_by("-year", "title")
            .only(*Plan.LABEL_FIELDS)
        )
        self.filters["period"].queryset = ReportingPeriod.objects.visible_to(request.user).order_by(
            "-year", "cutoff"
        )
        self.filters["period"].field.label_from_instance = lambda period: period.label
        self.filters["plans"].queryset = self.filters["plan"].queryset
        self.filters["agency"].queryset = Agency.objects.visible_to(request.user)
        self.filters["unit"].queryset = Unit.objects.filter(
            agency__in=Agency.objects.visible_to(request.user)
        )
        for field in self.form.fields.values():
            field.widget.attrs.setdefault("class", "form-select form-select-sm")
        for name in self.SHOWN_CHOICES:
            read_choices_once(self.form.fields[name])

    def search(self, queryset, name, value):
        return queryset.matching(value)

    def by_role(self, queryset, name, value):
        unit_ids = access_for(self.request.user).unit_ids
        return queryset.where(queryset.assigned_to(unit_ids, value))

    def by_lead_unit(self, queryset, name, value):
        return queryset.led_by([value.pk])

    def by_no_lead(self, queryset, name, value):
        if value is None:
            return queryset
        lead = TaskAssignment.objects.filter(role=AssignmentRole.LEAD).values("task_id")
        return queryset.exclude(pk__in=lead) if value else queryset.filter(pk__in=lead)

    def by_open(self, queryset, name, value):
        if value is None:
            return queryset
        done = Q(status=TaskStatus.DONE)
        return queryset.exclude(done) if value else queryset.filter(done)

    def count_from(self, counts: dict[str, int]) -> int:
        """The number of rows ``qs`` holds, read off the bucket counts of
        ``queryset_without("bucket")``: its one bucket's count, or the total."""
        self.errors  # noqa: B018 - an invalid bucket is ignored, as ``qs`` ignores it
        bucket = self.form.cleaned_data.get("bucket") if self.is_bound else None
        return counts[bucket] if bucket else counts["total"]

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


class AsOfForm(forms.Form):
    as_of = forms.DateField(required=False)


def as_of_day(data) -> dt.date:
    """The day the list judges timeliness on: ``?as_of=`` (a dashboard link), else today.

    A closed period's dashboard counts as of its cut-off; its links carry that day so the
    list buckets the tasks the same way. An unreadable date is ignored (today).
    """
    form = AsOfForm(data)
    if form.is_valid() and form.cleaned_data["as_of"]:
        return form.cleaned_data["as_of"]
    return timezone.localdate()
