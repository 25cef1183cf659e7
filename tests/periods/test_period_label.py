import pytest

from periods.models import PeriodKind, ReportingPeriod


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        (PeriodKind.QUARTER_1, "Báo cáo Quý I năm 2026"),
        (PeriodKind.HALF_YEAR, "Báo cáo 6 tháng năm 2026"),
        (PeriodKind.QUARTER_3, "Báo cáo Quý III năm 2026"),
        (PeriodKind.NINE_MONTHS, "Báo cáo 9 tháng năm 2026"),
        (PeriodKind.YEAR, "Báo cáo năm 2026"),
    ],
)
def test_label_reads_as_the_report_title(kind, label):
    assert ReportingPeriod(kind=kind, year=2026).label == label
