"""The criteria table read from sheet rows (par.parsing): tree, scores, every refusal."""

from __future__ import annotations

from decimal import Decimal

import pytest

from par.parsing import parse_criteria

HEADER = ["STT", "Tiêu chí", "Điểm tối đa", "Hướng dẫn chấm điểm", "Tài liệu kiểm chứng"]


def rows(*body):
    return [["BỘ TIÊU CHÍ CHỈ SỐ CCHC NĂM 2026"], [], HEADER, *body]


def shape(table):
    return [(r.code, r.label, r.depth, r.parent_code, r.max_score) for r in table.rows]


def test_numbered_tree_without_roman_numerals():
    table = parse_criteria(
        rows(
            ["1", "Công tác chỉ đạo, điều hành", "10", "", ""],
            ["1.1", "Kế hoạch CCHC", "4", "Ban hành đúng hạn: 4", "Kế hoạch"],
            ["1.1.1", "Ban hành kịp thời", "2,5", "", ""],
            ["1.1.2", "Đầy đủ nội dung", "1.5", "", ""],
            ["1.2", "Báo cáo CCHC", "6", "", ""],
            ["2", "Cải cách thể chế", "8", "", ""],
        )
    )
    assert table.errors == []
    assert shape(table) == [
        ("1", "1", 0, None, Decimal(10)),
        ("1.1", "1.1", 1, "1", Decimal(4)),
        ("1.1.1", "1.1.1", 2, "1.1", Decimal("2.5")),
        ("1.1.2", "1.1.2", 2, "1.1", Decimal("1.5")),
        ("1.2", "1.2", 1, "1", Decimal(6)),
        ("2", "2", 0, None, Decimal(8)),
    ]
    assert table.rows[1].guidance == "Ban hành đúng hạn: 4" and table.rows[1].evidence == "Kế hoạch"
    assert table.total_max == 18 and table.warnings == []


def test_roman_sections_number_their_criteria_afresh():
    table = parse_criteria(
        rows(
            ["I.", "Chỉ đạo điều hành", "3", "", ""],
            ["1", "Kế hoạch", "2", "", ""],
            ["a)", "Ban hành kịp thời", "1", "", ""],
            ["b)", "Đủ nội dung", "1", "", ""],
            ["2", "Báo cáo", "1", "", ""],
            ["II", "Thể chế", "2", "", ""],
            ["1", "Rà soát văn bản", "2", "", ""],
        )
    )
    assert table.errors == []
    assert shape(table) == [
        ("I", "I", 0, None, Decimal(3)),
        ("I.1", "1", 1, "I", Decimal(2)),
        ("I.1.a", "a", 2, "I.1", Decimal(1)),
        ("I.1.b", "b", 2, "I.1", Decimal(1)),
        ("I.2", "2", 1, "I", Decimal(1)),
        ("II", "II", 0, None, Decimal(2)),
        ("II.1", "1", 1, "II", Decimal(2)),
    ]


def test_columns_are_found_by_their_header_words_in_any_order():
    table = parse_criteria(
        [
            ["Điểm tối đa", "STT"],  # not a header: does not start with STT
            ["STT", "Điểm tối đa", "Tài liệu kiểm chứng", "Tên tiêu chí", "Hướng dẫn chấm"],
            ["1", "5", "Quyết định", "Tuyên truyền", "Có: 5"],
        ]
    )
    (row,) = table.rows
    assert (row.title, row.max_score, row.guidance, row.evidence) == (
        "Tuyên truyền",
        Decimal(5),
        "Có: 5",
        "Quyết định",
    )


def test_a_parent_whose_children_do_not_add_up_is_a_warning():
    table = parse_criteria(rows(["1", "A", "10", "", ""], ["1.1", "B", "4", "", ""]))
    assert table.errors == [] and table.warnings == [
        "Tiêu chí “1”: điểm tối đa 10 nhưng các tiêu chí con cộng lại 4."
    ]


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ([["1a", "A", "1", "", ""]], "Dòng 4: STT “1a” không đúng dạng I, 1, 1.1 hoặc a."),
        ([["1", "A", "1", "", ""], ["1", "B", "1", "", ""]], "Dòng 5: STT “1” trùng với dòng 4."),
        ([["1.1", "A", "1", "", ""]], "Dòng 4: tiêu chí “1.1” không có mục cha “1”."),
        ([["1", "", "1", "", ""]], "Dòng 4: thiếu tên tiêu chí."),
        ([["1", "A", "-1", "", ""]], "Dòng 4: điểm tối đa của “1” phải là số từ 0 trở lên."),
        ([["1", "A", "mười", "", ""]], "Dòng 4: điểm tối đa của “1” phải là số từ 0 trở lên."),
        ([["1", "A", "", "", ""]], "Dòng 4: điểm tối đa của “1” phải là số từ 0 trở lên."),
        (
            [
                ["1", "A", "1", "", ""],
                ["1.1", "B", "1", "", ""],
                ["1.1.1", "C", "1", "", ""],
                ["1.1.1.1", "D", "1", "", ""],
            ],
            "Dòng 7: tiêu chí “1.1.1.1” lồng quá ba cấp.",
        ),
        ([["a", "A", "1", "", ""]], "Dòng 4: STT “a” không đúng dạng I, 1, 1.1 hoặc a."),
        ([], "Bảng không có tiêu chí nào."),
    ],
)
def test_refusals(body, error):
    table = parse_criteria(rows(*body))
    assert error in table.errors


def test_no_header_row():
    assert parse_criteria([["1", "A", "1"]]).errors == [
        "Không tìm thấy dòng tiêu đề bắt đầu bằng cột “STT”."
    ]


def test_cells_are_cleaned_and_nfc():
    table = parse_criteria(rows([1, "  Ke\u0302\u0301 hoạch \n CCHC ", 2.5, None, None]))
    (row,) = table.rows
    assert (row.code, row.title, row.max_score) == ("1", "Kế hoạch CCHC", Decimal("2.5"))
