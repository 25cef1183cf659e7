"""The Word report's PAR appendix (Phụ lục IV): the agency's set of the period's year, per
lĩnh vực, with the totals ``par.selectors.set_totals`` gives the dashboard and the set page."""

from __future__ import annotations

import io

import time_machine
from docx import Document

from par.models import Criterion
from reports.data import ReportData
from reports.services import build_report
from tests.par.known_set import scored_set
from tests.reports.conftest import AFTER_CUTOFF, BEFORE_CUTOFF

HEADERS = [
    "STT", "Lĩnh vực", "Điểm tối đa", "Điểm tự chấm", "Tỷ lệ", "Điểm thẩm định", "Chênh lệch",
]  # fmt: skip
KNOWN_ROWS = [
    HEADERS,
    ["I", "Công tác chỉ đạo, điều hành CCHC", "6", "4,5", "75%", "4", "-0,5"],
    ["II", "Cải cách thể chế", "4", "2", "50%", "2", "0"],
    ["", "Tổng cộng", "10", "6,5", "65%", "6", "-0,5"],
]


def _build(known, when):
    with time_machine.travel(when, tick=False):
        return build_report(period=known.q1, on=when.date())


def _reopened(docx: bytes):
    return Document(io.BytesIO(docx))


def _par_table(document):
    (table,) = [t for t in document.tables if t.rows[0].cells[0].text == "STT" and
                [c.text for c in t.rows[0].cells] == HEADERS]  # fmt: skip
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_appendix_holds_the_known_totals(known):
    scored_set(agency=known.agency, user=known.coordinator)
    document = _reopened(_build(known, BEFORE_CUTOFF).docx)
    texts = [p.text for p in document.paragraphs]
    assert "Phụ lục IV" in texts
    assert "KẾT QUẢ TỰ ĐÁNH GIÁ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH" in texts
    assert _par_table(document) == KNOWN_ROWS


def test_a_sentence_when_the_agency_has_no_set_for_the_year(known):
    scored_set(agency=known.agency, user=known.coordinator, year=2025)
    document = _reopened(_build(known, BEFORE_CUTOFF).docx)
    texts = [p.text for p in document.paragraphs]
    assert "Phụ lục IV" in texts
    assert "Cơ quan chưa có bộ tiêu chí Chỉ số cải cách hành chính năm 2026." in texts


def test_the_frozen_snapshot_keeps_the_scores_of_the_cutoff(known):
    scored_set(agency=known.agency, user=known.coordinator)
    first = _build(known, AFTER_CUTOFF)
    assert first.from_snapshot
    Criterion.objects.filter(code="II.1").update(self_score=4, appraised_score=4)
    again = _build(known, AFTER_CUTOFF)
    assert _par_table(_reopened(again.docx)) == KNOWN_ROWS


def test_the_rows_survive_the_json_round_trip(known):
    from reports.selectors import live_report_data

    scored_set(agency=known.agency, user=known.coordinator)
    data = live_report_data(period=known.q1, as_of=known.q1.cutoff)
    assert data.par_year == 2026
    assert ReportData.from_json(data.to_json()) == data


def test_a_snapshot_frozen_before_the_par_appendix_still_loads(known):
    from reports.selectors import live_report_data

    stored = live_report_data(period=known.q1, as_of=known.q1.cutoff).to_json()
    del stored["par"], stored["par_year"]
    loaded = ReportData.from_json(stored)
    assert (loaded.par, loaded.par_year) == ([], None)
