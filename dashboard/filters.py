"""The dashboard's filters (GET, shareable): year, period, plans, lĩnh vực, lead unit, agency.

``DashboardFilter.for_request`` fills the defaults an empty URL means: the current period
(whose window contains today) and its year. ``as_of`` is the day buckets are judged on:
today, or the cut-off of a closed period.
"""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Min, Q
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.filters import ModelMultipleChoiceFilter
from common.forms import DateField, DateInput, read_choices_once
from organizations.models import Agency, Unit
from periods.models import ReportingPeriod
from plans.models import Plan
from tasks.filters import PeriodChoiceFilter
from tasks.models import Area


class DayFilter(django_filters.DateFilter):
    """A day typed or picked as dd/mm/yyyy whatever the browser's locale (links send ISO)."""

    field_class = DateField


class DashboardFilter(django_filters.FilterSet):
    """Narrows the dashboard's tasks; expects a queryset annotated by ``with_timeliness``."""

    year = django_filters.ChoiceFilter(
        label=_("Năm"), field_name="plan__year", empty_label=_("Mọi năm")
    )
    period = PeriodChoiceFilter(
        label=_("Kỳ báo cáo"),
        queryset=ReportingPeriod.objects.none(),
        empty_label=_("Cả năm (mọi kỳ)"),
    )
    plan = ModelMultipleChoiceFilter(label=_("Kế hoạch"), queryset=Plan.objects.none())
    area = django_filters.ModelChoiceFilter(
        label=_("Lĩnh vực"), queryset=Area.objects.all(), empty_label=_("Tất cả lĩnh vực")
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị chủ trì"),
        queryset=Unit.objects.none(),
        empty_label=_("Tất cả đơn vị"),
        method="by_lead_unit",
    )
    agency = django_filters.ModelChoiceFilter(
        label=_("Cơ quan"),
        field_name="plan__agency",
        queryset=Agency.objects.none(),
        empty_label=_("Tất cả cơ quan"),
    )
    as_of = DayFilter(
        label=_("Số liệu tính đến ngày"),
        method="keep",
        widget=DateInput(attrs={"class": "form-control form-control-sm"}),
    )

    # True when the plan and unit lists wait for an agency to be chosen (the page says so).
    lists_await_agency = False

    def __init__(self, data, *, queryset, request, agencies, years, multi_agency=False):
        super().__init__(data, queryset=queryset, request=request)
        user = request.user
        self.filters["year"].extra["choices"] = [(str(year), str(year)) for year in years]
        periods = ReportingPeriod.objects.visible_to(user)
        if multi_agency:
            # Every agency has its own "Quý I"; the window is what counts (tasks due in it,
            # submissions of that kind), so offer each window once, dates in the label.
            periods = periods.filter(pk__in=_one_per_window(periods))
        # The queryset first: ``.field`` builds the form field from it on first access.
        self.filters["period"].queryset = periods.order_by("-year", "cutoff", "start")
        self.filters["period"].field.label_from_instance = (
            _window_label if multi_agency else (lambda period: period.label)
        )
        self.filters["plan"].queryset = (
            Plan.objects.visible_to(user).order_by("-year", "title").only(*Plan.LABEL_FIELDS)
        )
        self.filters["unit"].queryset = (
            Unit.objects.filter(agency__in=agencies).active().order_by("agency", "order", "name")
        )
        self.filters["agency"].queryset = agencies.order_by("name")
        for field in self.form.fields.values():
            field.widget.attrs.setdefault("class", "form-select form-select-sm")
        self.form.fields["plan"].widget.attrs["size"] = 3
        shown = ("period", "area") + (("agency",) if multi_agency else ("plan", "unit"))
        for name in shown:  # the dropdowns the page draws, each read once
            read_choices_once(self.form.fields[name])
        if multi_agency:
            self._list_the_chosen_agencys_only("plan", "unit")

    def _list_the_chosen_agencys_only(self, *names: str) -> None:
        """A province's plans and units once an agency is chosen, and what the URL chose.

        A province holds ~50 agencies with a "Văn phòng" each and a thousand plans: one
        list of them all names no unit. Until an agency is chosen, each list offers "all"
        and what the URL already chose; validation still reads the whole scope.
        """
        agency_id = _id_or_none(self.data.get("agency"))
        self.lists_await_agency = agency_id is None
        for name in names:
            field = self.form.fields[name]
            chosen = [pk for pk in map(_id_or_none, self.data.getlist(name)) if pk is not None]
            offered = Q(pk__in=chosen)
            if agency_id is not None:
                offered |= Q(agency_id=agency_id)
            read_choices_once(field, field.queryset.filter(offered))

    @classmethod
    def for_request(
        cls, request, *, queryset, agencies, years, multi_agency: bool
    ) -> DashboardFilter:
        return cls(
            with_defaults(request.GET, user=request.user),
            queryset=queryset,
            request=request,
            agencies=agencies,
            years=years,
            multi_agency=multi_agency,
        )

    def by_lead_unit(self, queryset, name, value):
        return queryset.led_by([value.pk])

    def keep(self, queryset, name, value):
        return queryset  # read by ``as_of_for``; it decides the buckets, not which rows

    def as_of_for(self, period: ReportingPeriod | None) -> dt.date:
        self.errors  # noqa: B018 - validates the form
        chosen = self.form.cleaned_data.get("as_of")
        if chosen:
            return chosen
        today = timezone.localdate()
        if period is not None and period.cutoff < today:
            return period.cutoff
        return today


def _id_or_none(value: str | None) -> int | None:
    """A primary key from the URL; anything else (garbage, blank) is no choice."""
    try:
        pk = int(value or "")
    except ValueError:
        return None
    return pk if 0 < pk < 2**63 else None


def _one_per_window(periods):
    """The first period of each (year, kind, start, cut-off) among ``periods``."""
    return (
        periods.order_by()
        .values("year", "kind", "start", "cutoff")
        .annotate(first=Min("pk"))
        .values("first")
    )


def _window_label(period: ReportingPeriod) -> str:
    return f"{period.label} ({period.start:%d/%m} – {period.cutoff:%d/%m/%Y})"


def current_period(user, *, on: dt.date) -> ReportingPeriod | None:
    """The period whose window contains ``on`` and closes first (Quý I before 6 tháng)."""
    return ReportingPeriod.objects.visible_to(user).containing(on).order_by("cutoff", "pk").first()


def with_defaults(data: QueryDict, *, user) -> QueryDict:
    """The GET data with the current period (and its year) where the URL names none.

    ``?period=`` (present, empty) means the whole year, so a shared link can say so.
    """
    data = data.copy()
    if "period" not in data:
        period = current_period(user, on=timezone.localdate())
        if period is not None:
            data["period"] = str(period.pk)
            data.setdefault("year", str(period.year))
    if "year" not in data:
        data["year"] = str(timezone.localdate().year)
    return data
