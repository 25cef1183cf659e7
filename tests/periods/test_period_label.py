import pytest

from periods.labels import period_label
from periods.models import PeriodKind, ReportingPeriod


@pytest.mark.parametrize(
    ("kind", "year", "label"),
    [
        (PeriodKind.QUARTER_1, 2026, "Quý I/2026"),
        (PeriodKind.HALF_YEAR, 2026, "6 tháng đầu năm 2026"),
        (PeriodKind.QUARTER_3, 2026, "Quý III/2026"),
        (PeriodKind.NINE_MONTHS, 2026, "9 tháng năm 2026"),
        (PeriodKind.YEAR, 2026, "Năm 2026"),
        (PeriodKind.YEAR, 2027, "Năm 2027"),
        ("weird", 2026, "weird/2026"),
    ],
)
def test_one_label_per_kind(kind, year, label):
    assert period_label(kind=kind, year=year) == label


@pytest.mark.parametrize("kind", list(PeriodKind))
def test_str_and_label_are_the_same_label(kind):
    period = ReportingPeriod(kind=kind, year=2026)
    assert period.label == str(period) == period_label(kind=kind, year=2026)
