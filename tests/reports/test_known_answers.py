"""The report's numbers and sentences equal the fixture's hand-worked answers (conftest.py)."""

from __future__ import annotations

from decimal import Decimal

import time_machine

from reports.content import compose, due_counts, next_period_tasks, overdue_tasks
from reports.figures import period_phrase
from reports.models import ReportSettings
from reports.services import report_source
from tests.reports.conftest import AFTER_CUTOFF, CUTOFF, EXPECTED_SENTENCE
from workdays.selectors import calendar_around


def _content(known):
    with time_machine.travel(AFTER_CUTOFF, tick=False):
        source = report_source(period=known.q1, plan=None, on=AFTER_CUTOFF.date())
    header = ReportSettings.of(known.agency).header()
    content = compose(
        source.data,
        header=header,
        period_phrase=period_phrase("q1", 2026),
        issued_on=source.issued_on,
        provisional_on=source.provisional_on,
        calendar=calendar_around(source.data.as_of),
    )
    return source, content


def _texts(content) -> list[str]:
    return [paragraph.text for paragraph in content.body]


def test_due_figures_and_sentence(known):
    source, content = _content(known)
    counts = due_counts(source.data)
    assert (counts.done_on_time, counts.done_late) == (2, 1)
    assert (counts.pending_in_time, counts.pending_late) == (1, 1)
    assert EXPECTED_SENTENCE + "." in _texts(content)
    assert content.summary == "Kết quả thực hiện công tác cải cách hành chính quý I năm 2026"


def test_a_locked_period_is_read_as_of_its_cutoff(known):
    source, content = _content(known)
    assert source.snapshot is not None and source.provisional_on is None
    assert source.data.as_of == CUTOFF
    assert content.provisional_note == ""
    t3 = next(row for row in source.data.tasks if row.content == "Nhiệm vụ T3")
    assert t3.status == "in_progress" and t3.result == "Đang tổng hợp ý kiến"  # not H1's "Xong"


def test_overdue_tasks_with_lead_unit_and_days_late(known):
    source, content = _content(known)
    assert [row.content for row in overdue_tasks(source.data)] == ["Nhiệm vụ T3"]
    assert (
        # Due Tuesday 10/03, as of Saturday 14/03: Wednesday to Friday are 3 working days late.
        "- Nhiệm vụ T3 (chủ trì: Phòng Xây dựng và Kiểm tra văn bản QPPL; hạn 10/03/2026; "
        "chậm 3 ngày làm việc)."
    ) in _texts(content)


def test_recurring_and_extended_tasks_are_stated_apart(known):
    _source, content = _content(known)
    texts = _texts(content)
    assert (
        "Ngoài ra, 1 nhiệm vụ thường xuyên, định kỳ được theo dõi riêng, không tính vào số "
        "nhiệm vụ đến hạn."
    ) in texts
    assert any(text.startswith("Có 1 nhiệm vụ được gia hạn") for text in texts)


def test_sections_quote_the_units_words(known):
    source, content = _content(known)
    texts = _texts(content)
    assert "- Nhiệm vụ T1: “Đã ban hành Kế hoạch số 05/KH-STP”." in texts
    assert any("“Chưa có hướng dẫn của Bộ Tư pháp”" in text for text in texts)
    assert any("“Đề nghị bổ sung kinh phí số hóa hồ sơ”" in text for text in texts)
    assert [row.content for row in next_period_tasks(source.data)] == ["Nhiệm vụ T5"]
    assert texts[2] == (
        "- Kế hoạch số 12/KH-STP ngày 05/01/2026 về cải cách hành chính năm 2026 của Sở Tư pháp;"
    )
    assert "Có 1 đơn vị đã gửi báo cáo kỳ: Phòng Xây dựng và Kiểm tra văn bản QPPL." in texts


def test_areas_in_national_order_with_bucket_counts(known):
    _source, content = _content(known)
    headings = [p.text for p in content.body if p.heading and p.text[0].isdigit()]
    assert headings[:3] == [
        "1. Cải cách thể chế",
        "2. Cải cách thủ tục hành chính",
        "3. Nhiệm vụ khác",
    ]
    texts = _texts(content)
    assert (
        "Tổng số 3 nhiệm vụ: hoàn thành đúng hạn 1; hoàn thành quá hạn 1; "
        "chưa hoàn thành, quá hạn 1."
    ) in texts


def test_appendix_tables(known):
    _source, content = _content(known)
    tasks, indicators, budget, _par = (appendix.table for appendix in content.appendices)
    assert [row[5] for row in tasks.rows] == [
        "Hoàn thành đúng hạn",
        "Hoàn thành quá hạn",
        "Chưa hoàn thành, quá hạn",
        "Chưa hoàn thành, quá hạn",
        "Đang thực hiện trong hạn",
        "Thường xuyên, định kỳ",
        "Hoàn thành đúng hạn",
    ]
    assert tasks.rows[3][3] == "Trước 15/02/2026 (gia hạn đến 30/04/2026)"
    assert [row[2:] for row in indicators.rows] == [
        ["Từ 97% trở lên", "97,5%", "Đạt"],
        ["Từ 7 tin, bài trở lên", "5 tin, bài", "Chưa đạt"],
        ["Đạt 100%", "", "Chưa có số liệu"],
    ]
    assert budget.rows == [
        ["1", "Chi phục vụ tuyên truyền CCHC", "25.000.000", "10.000.000", "40%"],
        ["2", "Chi số hóa hồ sơ", "4.390.800.000", "0", "0%"],
        ["", "Tổng cộng", "4.415.800.000", "10.000.000", "0,2%"],
    ]


def test_a_per_month_target_asks_the_months_the_period_covers(known):
    """7 tin, bài a month: Quý I must reach 21, so 15 is "chưa đạt" though it is above 7."""
    from indicators.models import Indicator, IndicatorValue
    from reports.selectors import indicator_rows

    news = Indicator.objects.get(plan=known.plan, position=2)
    news.per = "month"
    news.save()
    q1 = known.q1
    IndicatorValue.objects.filter(indicator=news, period=q1).update(value=Decimal("15"))
    rows = {row.indicator_id: row for row in indicator_rows(period=q1, plan_ids=[news.plan_id])}
    assert rows[news.pk].met is False
    IndicatorValue.objects.filter(indicator=news, period=q1).update(value=Decimal("21"))
    rows = {row.indicator_id: row for row in indicator_rows(period=q1, plan_ids=[news.plan_id])}
    assert rows[news.pk].met is True
