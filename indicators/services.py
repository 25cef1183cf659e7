"""Writes on indicators: a period's value with its evidence, the Văn phòng's settings, and the
computed values stored when a period is locked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from indicators.computed import compute
from indicators.models import Indicator, IndicatorEvidence, IndicatorValue, Source
from organizations.access import access_for
from organizations.models import Unit
from organizations.scoping import deny_unless
from periods.models import ReportingPeriod
from tasks.services import check_uploads

# Values beyond this are typing mistakes, not figures (the column holds 12 integer digits).
MAX_VALUE = Decimal("999999999999")


@dataclass(frozen=True)
class Actual:
    """What the responsible unit reports for one period."""

    value: Decimal
    source_note: str = ""
    note: str = ""


def value_refusal(*, indicator: Indicator, value: Decimal) -> str:
    """Why ``value`` cannot be the indicator's figure; "" when it can."""
    if value < 0:
        return _("Giá trị không được âm.")
    if value > MAX_VALUE:
        return _("Giá trị quá lớn; vui lòng kiểm tra lại số liệu.")
    if indicator.unit == "%" and value > 100:
        return _("Tỷ lệ không được vượt quá 100%.")
    return ""


def record_value(
    *,
    indicator: Indicator,
    period: ReportingPeriod,
    user,
    actual: Actual,
    files: Sequence[UploadedFile] = (),
    on: dt.date | None = None,
) -> IndicatorValue:
    """Write the indicator's value for ``period`` (one per period) and attach evidence files."""
    day = on or timezone.localdate()
    deny_unless(Indicator.objects.editable_by(user).contains(indicator))
    if indicator.is_computed:
        raise ValidationError(_("Chỉ tiêu này được tính tự động từ dữ liệu nhiệm vụ."))
    open_periods = ReportingPeriod.objects.accepting_updates_from(user, on=day)
    if not open_periods.filter(pk=period.pk, agency_id=indicator.plan.agency_id).exists():
        raise ValidationError(
            {"period": _("Kỳ báo cáo %(period)s đã chốt số liệu.") % {"period": period}}
        )
    refusal = value_refusal(indicator=indicator, value=actual.value)
    if refusal:
        raise ValidationError({"value": refusal})
    checked = check_uploads(files)
    saved: list[IndicatorEvidence] = []
    try:
        with transaction.atomic():
            entry, _created = IndicatorValue.objects.update_or_create(
                indicator=indicator,
                period=period,
                defaults={
                    "value": actual.value.quantize(Decimal("0.01")),
                    "source_note": actual.source_note.strip(),
                    "note": actual.note.strip(),
                    "computed": False,
                    "recorded_by": user,
                },
            )
            for upload, file_type in checked:
                evidence = IndicatorEvidence(
                    value=entry,
                    original_name=(upload.name or "")[:255],
                    content_type=file_type.content_type,
                    size=upload.size or 0,
                    uploaded_by=user,
                )
                evidence.file.save(upload.name, upload, save=False)
                saved.append(evidence)
                evidence.save()
    except Exception:
        for evidence in saved:  # a failed transaction leaves no orphan file behind
            evidence.file.delete(save=False)
        raise
    return entry


@transaction.atomic
def configure_indicator(
    *, indicator: Indicator, user, responsible_unit: Unit | None, source: str
) -> Indicator:
    """The Văn phòng chooses who reports the indicator, or that it is computed."""
    deny_unless(access_for(user).can_edit_agency(indicator.plan.agency_id))
    if responsible_unit is not None and responsible_unit.agency_id != indicator.plan.agency_id:
        raise ValidationError({"responsible_unit": _("Đơn vị không thuộc cơ quan của kế hoạch.")})
    indicator.responsible_unit = responsible_unit
    indicator.source = Source(source)
    indicator._history_user = user
    indicator.save(update_fields=["responsible_unit", "source"])
    return indicator


@transaction.atomic
def store_computed_values(*, period: ReportingPeriod) -> int:
    """Store each computed indicator's value for ``period`` (the agency's plans of its year).

    Called when the period is locked, so the report shows the figure of the cut-off even
    after tasks change later. A period with nothing to count stores nothing.
    """
    indicators = Indicator.objects.filter(
        plan__agency_id=period.agency_id, plan__year=period.year, plan__deleted_at__isnull=True
    ).exclude(source=Source.MANUAL)
    stored = 0
    for indicator in indicators:
        value = compute(indicator=indicator, period=period)
        if value is None:
            continue
        IndicatorValue.objects.update_or_create(
            indicator=indicator,
            period=period,
            defaults={"value": value, "computed": True, "recorded_by": None},
        )
        stored += 1
    return stored


def store_computed_values_at_cutoff(*, periods: list[ReportingPeriod]) -> list[ReportingPeriod]:
    """Store the computed values of each period that locked by passing its cut-off and has
    none stored yet; the periods it stored for.

    A period also locks without anyone clicking *Khoá kỳ*: the daily report job calls this
    before it builds the period's report, so the report and the history hold the cut-off's
    figures. A period that already has computed values (a coordinator's lock, an earlier
    run) is left alone, so running again changes nothing.
    """
    stored = set(
        IndicatorValue.objects.filter(period__in=periods, computed=True).values_list(
            "period_id", flat=True
        )
    )
    return [
        period
        for period in periods
        if period.pk not in stored and store_computed_values(period=period)
    ]
