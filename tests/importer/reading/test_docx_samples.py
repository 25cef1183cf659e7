"""The three sample plans: counts derived by hand from shared/seeds/*.txt.

thai-nguyen-stp-kstthc-2026 (appendix table split over 6 tables, no repeated header):
  sections 1., 2., 2.1, 2.2, 2.3, 2.6, 3 = 7; tasks 1.1-1.9 (9), 2.1.1-2.1.3 (3), 2.2.1-2.2.4
  (4), 2.3.1-2.3.3 (3), 2.4, 2.5 (bold headings with units: 2), 2.6.1 (1), 3.1-3.6 (6) = 28;
  rows cut by a page break and continued in an empty-STT row: 1.3, 1.6, 2.1.2, 3.5 = 4.
thai-nguyen-stp-cchc-2026 (DANH MỤC, 9 tasks, header repeated on the second table), budget
  appendix 8 numbered lines + 4 "+" lines + the "Tổng" line = 13.
cao-bang-stp-cchc-2026: no task table ("Có phụ lục chi tiết kèm theo" but the appendix is not
  in the file) and no labelled prose tasks: its tasks are the "x.2. Nhiệm vụ" bullets, see
  test_docx_narrative_sample.py.
"""

from __future__ import annotations

import pytest

from importer.parsing.docx_reader import read_docx


def _counts(doc):
    sections = [row for row in doc.rows if row.is_section]
    tasks = [row for row in doc.rows if not row.is_section]
    return {
        "sections": len(sections),
        "tasks": len(tasks),
        "heading_tasks": sum(1 for row in tasks if row.is_heading),
        "merges": sum(row.merged_rows for row in doc.rows),
        "prose": sum(1 for row in doc.rows if row.source == "prose"),
    }


def test_kstthc_counts(sample_bytes):
    doc = read_docx(sample_bytes("thai-nguyen-stp-kstthc-2026.docx"))
    assert _counts(doc) == {
        "sections": 7,
        "tasks": 28,
        "heading_tasks": 2,
        "merges": 4,
        "prose": 0,
    }
    assert [row.code for row in doc.rows if row.is_section] == [
        "1.",
        "2.",
        "2.1",
        "2.2",
        "2.3",
        "2.6",
        "3",
    ]
    assert [row.code for row in doc.tasks if row.is_heading] == ["2.4", "2.5"]


def test_kstthc_first_and_last_task(sample_bytes):
    tasks = read_docx(sample_bytes("thai-nguyen-stp-kstthc-2026.docx")).tasks
    first, last = tasks[0], tasks[-1]
    assert first.code == "1.1"
    assert first.content.startswith("Xây dựng kế hoạch triển khai Nghị quyết số 66/NQ-CP")
    assert first.lead_text == "Văn phòng Sở"
    assert first.coordinating_text == "Các phòng, đơn vị thuộc Sở"
    assert first.deadline_text == "Ngay sau khi UBND tỉnh ban hành Kế hoạch"
    assert last.code == "3.6"
    assert last.content.startswith("Thực hiện cơ chế giao doanh nghiệp cung ứng dịch vụ bưu chính")
    assert last.lead_text == "Văn phòng Sở"
    assert last.deadline_text == "Thường xuyên"


def test_kstthc_page_break_rows_are_joined_mid_sentence(sample_bytes):
    rows = {
        row.code: row for row in read_docx(sample_bytes("thai-nguyen-stp-kstthc-2026.docx")).rows
    }
    assert rows["1.3"].content == (
        "Hướng dẫn, đôn đốc thực hiện công tác kiểm soát TTHC, thực hiện cơ chế một cửa, một "
        "cửa liên thông và thực hiện TTHC trên môi trường điện tử"
    )
    assert rows["3.5"].content.endswith(
        "trên Cổng Dịch vụ công Quốc gia theo quy định tại Quyết định số 766/QĐ-TTg ngày "
        "23/6/2022 của Thủ tướng Chính phủ"
    )
    assert rows["1.3"].merged_rows == 1 and rows["3.5"].merged_rows == 1


def test_kstthc_note_row_and_hierarchy(sample_bytes):
    rows = {
        row.code: row for row in read_docx(sample_bytes("thai-nguyen-stp-kstthc-2026.docx")).rows
    }
    assert rows["1.9"].lead_text == ""
    assert rows["1.9"].notes == [
        "Theo Kế hoạch riêng hoặc kết hợp cùng Kế hoạch kiểm tra công tác cải cách hành chính; "
        "kiểm tra công vụ của Sở Tư pháp"
    ]
    assert rows["2.1.1"].parent_path == "2.1"
    assert rows["2.1"].parent_path == "2"
    assert rows["2.1.1"].area_hint == "Kiểm soát TTHC"
    assert rows["2.4"].area_hint == "Kiểm soát TTHC"
    assert rows["3.1"].area_hint.startswith("Thực hiện cơ chế một cửa, một cửa liên thông")


def test_cchc_counts_and_repeated_header(sample_bytes):
    doc = read_docx(sample_bytes("thai-nguyen-stp-cchc-2026.docx"))
    assert _counts(doc) == {"sections": 0, "tasks": 9, "heading_tasks": 0, "merges": 0, "prose": 0}
    assert [row.code for row in doc.rows] == [str(n) for n in range(1, 10)]
    first, last = doc.tasks[0], doc.tasks[-1]
    assert first.content == "Tổ chức đánh giá, xác định chỉ số CCHC năm 2025 của Sở Tư pháp"
    assert (first.lead_text, first.deadline_text) == ("Văn phòng Sở", "Quý I/2026")
    assert last.lead_text == "Phòng Bổ trợ - Hành chính tư pháp; Văn phòng Sở"
    assert last.deadline_text == "Năm 2026"
    assert doc.rows[3].deadline_text == "Quý II/2026 (sau khi UBND tỉnh ban hành Kế hoạch)"


def test_cchc_budget_lines(sample_bytes):
    lines = read_docx(sample_bytes("thai-nguyen-stp-cchc-2026.docx")).budget_lines
    assert len(lines) == 13
    assert lines[0] == (
        "1. Kinh phí Chi đầu mỗi KSTTHC: 10.800.000 đồng "
        "(300.000 đồng/tháng cho 03 cán bộ đầu mỗi)."
    )
    assert lines[7] == "+ Tổ chức cuộc thi tìm hiểu CCHC: 25.000.000 đồng"
    assert lines[-1] == "- Tổng số kinh phí dự kiến: 4.415.800.000 đồng"


def test_cchc_percent_sentence_in_body(sample_bytes):
    targets = read_docx(sample_bytes("thai-nguyen-stp-cchc-2026.docx")).target_sentences
    assert targets == [
        "Tổ chức thực hiện phân cấp, ủy quyền trong giải quyết TTHC theo quy định; triển khai "
        "100% TTHC trực tuyến và không phụ thuộc địa giới hành chính trên địa bàn tỉnh."
    ]


def test_cao_bang_targets_beside_narrative_tasks(sample_bytes):
    doc = read_docx(sample_bytes("cao-bang-stp-cchc-2026.docx"))
    # 1.1: 2, 2.1: 10, 3.1: 2, 4.1: 2, 5.1: 2, 6.1: 11 (3 inlined footnotes skipped), 7.1: 3
    assert len(doc.target_sentences) == 32
    assert doc.target_sentences[0].startswith("100% văn bản quy phạm pháp luật (VBQPPL)")
    # A bullet hard-wrapped over two paragraphs is kept whole.
    assert (
        "Tiếp tục đẩy mạnh cải cách TTHC, cải thiện môi trường đầu tư, kinh doanh; phấn đấu "
        "100% TTHC có yêu cầu nghĩa vụ tài chính được triển khai thanh toán trực tuyến, trong "
        "số đó, tỷ lệ giao dịch thanh toán trực tuyến đạt từ 80% trở lên;"
    ) in doc.target_sentences
    assert not any(t.startswith("Quy định cơ chế tự chủ") for t in doc.target_sentences)
    # Target bullets ("x.1. Mục tiêu") never become tasks.
    assert not set(doc.target_sentences) & {row.content for row in doc.rows}
    assert doc.budget_lines == []


@pytest.mark.parametrize(
    "name", ["thai-nguyen-stp-kstthc-2026.docx", "thai-nguyen-stp-cchc-2026.docx"]
)
def test_table_plans_have_no_narrative_rows(sample_bytes, name):
    doc = read_docx(sample_bytes(name))
    assert {row.source for row in doc.rows} == {"table"}
    assert doc.warnings == []
