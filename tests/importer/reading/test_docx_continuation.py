"""Tables split across pages, repeated headers and empty-STT continuation rows."""

from __future__ import annotations

from importer.parsing.docx_reader import read_docx

from .docx_builders import STANDARD_HEADER, C, P, T, build_docx, task_row


def _rows(*blocks):
    return read_docx(build_docx(*blocks)).rows


def test_table_split_without_repeated_header_continues_the_list():
    rows = _rows(
        T([STANDARD_HEADER, task_row("1", "Việc một"), task_row("2", "Việc hai")], header_rows=1),
        P(""),
        T([task_row("3", "Việc ba"), task_row("4", "Việc bốn")]),
    )
    assert [row.code for row in rows] == ["1", "2", "3", "4"]


def test_repeated_header_rows_are_skipped_anywhere():
    rows = _rows(
        T(
            [
                STANDARD_HEADER,
                task_row("1", "Việc một"),
                [C(text, bold=True) for text in STANDARD_HEADER],
                ["1", "2", "3", "4", "5"],
                task_row("2", "Việc hai"),
            ],
            header_rows=1,
        ),
        T([STANDARD_HEADER, task_row("3", "Việc ba")], header_rows=1),
    )
    assert [row.code for row in rows] == ["1", "2", "3"]


def test_continuation_row_across_a_page_break_is_merged():
    rows = _rows(
        T([STANDARD_HEADER, task_row("1", "Hướng dẫn thực hiện cơ chế một cửa, một", deadline="")]),
        T([["", "cửa liên thông", "", "", "Thường xuyên"], task_row("2", "Việc hai")]),
    )
    first = rows[0]
    assert first.content == "Hướng dẫn thực hiện cơ chế một cửa, một cửa liên thông"
    assert first.deadline_text == "Thường xuyên"
    assert first.merged_rows == 1
    assert [row.code for row in rows] == ["1", "2"]


def test_continuation_of_unit_cells_joins_with_newline():
    rows = _rows(
        T(
            [
                STANDARD_HEADER,
                task_row("1", "Việc một", lead="Văn phòng Sở;", deadline="Quý II/2026 (sau khi"),
                ["", "", "Phòng Tư pháp", "", "UBND tỉnh ban hành)"],
            ]
        )
    )
    assert rows[0].lead_text == "Văn phòng Sở;\nPhòng Tư pháp"
    assert rows[0].deadline_text == "Quý II/2026 (sau khi\nUBND tỉnh ban hành)"


def test_empty_stt_row_with_own_units_is_a_separate_task():
    # Rule: own content starting in upper case + own units/deadline, while the previous row
    # already has units -> a task of its own (code "").
    rows = _rows(
        T(
            [
                STANDARD_HEADER,
                task_row("1", "Tổ chức tập huấn nghiệp vụ", deadline="Quý I/2026"),
                task_row(
                    "", "Kiểm tra việc thực hiện", lead="Thanh tra Sở", deadline="Quý IV/2026"
                ),
            ]
        )
    )
    assert [(row.code, row.lead_text) for row in rows] == [
        ("1", "Văn phòng Sở"),
        ("", "Thanh tra Sở"),
    ]
    assert rows[1].path == "#1" and rows[1].parent_path is None
    assert rows[0].merged_rows == 0


def test_empty_stt_lower_case_row_with_units_is_still_a_continuation():
    rows = _rows(
        T(
            [
                STANDARD_HEADER,
                task_row("1", "Tổ chức tập huấn nghiệp vụ cho", lead="Văn phòng Sở"),
                task_row("", "công chức một cửa", lead="Phòng Hành chính", deadline=""),
            ]
        )
    )
    assert len(rows) == 1
    assert rows[0].content == "Tổ chức tập huấn nghiệp vụ cho công chức một cửa"
    assert rows[0].lead_text == "Văn phòng Sở\nPhòng Hành chính"


def test_vertically_merged_content_is_one_task_with_several_units():
    rows = _rows(
        T(
            [
                STANDARD_HEADER,
                [
                    C("1", vmerge="restart"),
                    C("Số hóa hồ sơ", vmerge="restart"),
                    "Văn phòng Sở",
                    "",
                    C("Năm 2026", vmerge="restart"),
                ],
                [
                    C(vmerge="continue"),
                    C(vmerge="continue"),
                    "Phòng Bổ trợ tư pháp",
                    "",
                    C(vmerge="continue"),
                ],
                task_row("2", "Việc hai"),
            ]
        )
    )
    assert [row.code for row in rows] == ["1", "2"]
    assert rows[0].lead_text == "Văn phòng Sở\nPhòng Bổ trợ tư pháp"
    assert rows[0].deadline_text == "Năm 2026"


def test_vertically_merged_deadline_is_shared_by_each_task():
    rows = _rows(
        T(
            [
                STANDARD_HEADER,
                ["1", "Việc một", "VP", "", C("Thường xuyên", vmerge="restart")],
                ["2", "Việc hai", "VP", "", C(vmerge="continue")],
            ]
        )
    )
    assert [row.deadline_text for row in rows] == ["Thường xuyên", "Thường xuyên"]


def test_text_between_tables_starts_a_new_list():
    rows = _rows(
        T([STANDARD_HEADER, task_row("1", "Việc một của phụ lục 1, dở dang")], header_rows=1),
        P("PHỤ LỤC II", bold=True),
        T([STANDARD_HEADER, task_row("", "cụm từ không được nối")], header_rows=1),
    )
    assert len(rows) == 2
    assert rows[0].content == "Việc một của phụ lục 1, dở dang"


def test_headerless_table_after_text_is_not_attached():
    doc = read_docx(
        build_docx(
            T([STANDARD_HEADER, task_row("1", "Việc một")]),
            P("Ghi chú: bảng dưới đây là danh sách khác"),
            T([task_row("7", "Không thuộc danh mục"), task_row("8", "Không thuộc danh mục")]),
        )
    )
    assert [row.code for row in doc.rows] == ["1"]
    assert any("không có hàng tiêu đề" in warning for warning in doc.warnings)
