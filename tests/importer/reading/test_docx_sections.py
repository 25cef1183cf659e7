"""Section rows, heading rows that are tasks, and notes in merged cells."""

from __future__ import annotations

from importer.parsing.docx_reader import read_docx

from .docx_builders import STANDARD_HEADER, C, T, build_docx, task_row


def _rows(*table_rows):
    return read_docx(build_docx(T([STANDARD_HEADER, *table_rows], header_rows=1))).rows


def test_bold_and_roman_sections_with_hierarchy():
    rows = _rows(
        [C("I", bold=True), C("CẢI CÁCH THỂ CHẾ", bold=True), "", "", ""],
        task_row("1", "Rà soát văn bản"),
        task_row("2", "Kiểm tra văn bản"),
        ["II.", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "", "", ""],  # roman, not bold
        task_row("1", "Công bố TTHC"),
    )
    assert [(row.code, row.is_section) for row in rows] == [
        ("I", True),
        ("1", False),
        ("2", False),
        ("II.", True),
        ("1", False),
    ]
    assert [row.path for row in rows] == ["I", "I/1", "I/2", "II", "II/1"]
    assert rows[4].area_hint == "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"


def test_section_spanning_all_columns_with_code_in_text():
    rows = _rows(
        [C("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", bold=True, span=5)],
        task_row("1", "Ban hành kế hoạch"),
    )
    assert (rows[0].code, rows[0].content, rows[0].is_section) == (
        "I.",
        "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
        True,
    )
    assert rows[1].parent_path == "I"


def test_section_spanning_content_and_unit_columns_without_bold():
    rows = _rows(
        ["1", C("Cải cách tổ chức bộ máy", span=4)],
        task_row("1.1", "Sắp xếp đơn vị"),
    )
    assert rows[0].is_section and rows[0].is_heading
    assert rows[0].lead_text == ""


def test_bold_heading_with_units_is_a_task():
    rows = _rows(
        task_row("2.4", "Đề xuất sáng kiến", lead="Các phòng", deadline="Thường xuyên", bold=True)
    )
    assert rows[0].is_heading and not rows[0].is_section


def test_plain_parent_row_without_units_is_a_section():
    rows = _rows(
        ["1.", "Công tác chỉ đạo, điều hành", "", "", ""],
        task_row("1.1", "Ban hành kế hoạch"),
        ["1.2", "Việc chưa phân công", "", "", ""],
    )
    assert [row.is_section for row in rows] == [True, False, False]


def test_unnumbered_bold_row_is_a_section_not_a_continuation():
    rows = _rows(
        task_row("1", "Việc một"),
        ["", C("Lĩnh vực cải cách tài chính công", bold=True), "", "", ""],
        task_row("2", "Việc hai"),
    )
    assert [(row.code, row.is_section) for row in rows] == [("1", False), ("", True), ("2", False)]
    assert rows[2].parent_path == rows[1].path


def test_note_in_cell_merged_across_unit_and_deadline_columns():
    rows = _rows(
        ["1.9", "Tổ chức kiểm tra", C("Theo Kế hoạch riêng hoặc kết hợp kiểm tra công vụ", span=3)],
        task_row("2", "Việc hai"),
    )
    assert rows[0].notes == ["Theo Kế hoạch riêng hoặc kết hợp kiểm tra công vụ"]
    assert (rows[0].lead_text, rows[0].coordinating_text, rows[0].deadline_text) == ("", "", "")
    assert not rows[0].is_section
    assert len(rows) == 2


def test_note_merged_over_several_rows_goes_to_each_row():
    note = "Theo Kế hoạch kiểm tra riêng của Sở"
    rows = _rows(
        ["1", "Kiểm tra CCHC", C(note, span=3, vmerge="restart")],
        ["2", "Kiểm tra công vụ", C(span=3, vmerge="continue")],
    )
    assert [row.notes for row in rows] == [[note], [note]]
    assert all(row.lead_text == "" for row in rows)


def test_unmerged_theo_ke_hoach_rieng_in_lead_cell_is_a_note():
    rows = _rows(["1", "Kiểm tra", "Theo Kế hoạch riêng", "", ""])
    assert rows[0].notes == ["Theo Kế hoạch riêng"] and rows[0].lead_text == ""


def test_letter_and_dash_rows_hang_under_the_numbered_row():
    rows = _rows(
        task_row("1", "Việc một"),
        task_row("a)", "Ý một"),
        task_row("-", "Gạch đầu dòng"),
    )
    assert [row.parent_path for row in rows] == [None, "1", "1/a"]
