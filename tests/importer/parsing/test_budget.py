"""Budget appendix lines and VND amounts."""

from __future__ import annotations

import random
import unicodedata

import pytest

from importer.parsing.budget import (
    BudgetItem,
    BudgetParse,
    format_vnd,
    parse_budget_lines,
    parse_vnd,
)
from tests.sample_files import seed_path

THAI_NGUYEN = seed_path("thai-nguyen-stp-cchc-2026.txt")


def _appendix_lines() -> list[str]:
    text = THAI_NGUYEN.read_text(encoding="utf-8")
    return text[text.index("**PHỤ LỤC**") :].splitlines()


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("4.415.800.000 đồng", 4_415_800_000),
        ("**4.415.800.000 đồng**", 4_415_800_000),
        ("25.000.000đ", 25_000_000),
        ("25.000.000 đ", 25_000_000),
        ("25.000.000 VNĐ", 25_000_000),
        ("25.000.000 VND", 25_000_000),
        ("25,000,000 đồng", 25_000_000),
        ("1,5 tỷ đồng", 1_500_000_000),
        ("1.5 tỷ đồng", 1_500_000_000),
        ("1,25 tỷ", 1_250_000_000),
        ("2 tỷ đồng", 2_000_000_000),
        ("2 tỉ đồng", 2_000_000_000),
        ("850 triệu đồng", 850_000_000),
        ("850 triệu", 850_000_000),
        ("1.500 triệu đồng", 1_500_000_000),
        ("2,5 triệu đồng", 2_500_000),
        ("300 nghìn đồng", 300_000),
        ("300 ngàn đồng", 300_000),
        ("2 tỷ 500 triệu đồng", 2_500_000_000),
        ("1 tỷ 200 triệu 500 nghìn đồng", 1_200_500_000),
        ("4415800000", 4_415_800_000),
        ("4.415.800.000", 4_415_800_000),
        ("  10.800.000  ", 10_800_000),
        ("0 đồng", 0),
        ("Kinh phí: 10.800.000 đồng (300.000 đồng/tháng cho 03 cán bộ).", 10_800_000),
        ("1. Chi tuyên truyền: 50.000.000 đồng", 50_000_000),
        ("TỔNG: 1.000.000 ĐỒNG", 1_000_000),
        (unicodedata.normalize("NFD", "850 triệu đồng"), 850_000_000),
        ("850\u00a0triệu\u00a0đồng", 850_000_000),
        ("", None),
        ("abc", None),
        ("03 cán bộ", None),
        ("Năm 2026", None),
        ("Chi phục vụ tuyên truyền CCHC:", None),
        ("10.800.000,5", None),
        ("1,2,3", None),
    ],
)
def test_parse_vnd(text: str, amount: int | None) -> None:
    assert parse_vnd(text) == amount


@pytest.mark.parametrize(
    ("amount", "text"),
    [(0, "0"), (999, "999"), (1000, "1.000"), (4_415_800_000, "4.415.800.000")],
)
def test_format_vnd(amount: int, text: str) -> None:
    assert format_vnd(amount) == text


def test_thai_nguyen_appendix_adds_up() -> None:
    result = parse_budget_lines(_appendix_lines())
    assert result.total_stated == 4_415_800_000
    assert result.total_computed == 4_415_800_000
    assert result.total_matches
    assert result.warnings == ()
    assert [(i.code, i.amount, i.parent_code) for i in result.items] == [
        ("1", 10_800_000, None),
        ("2", 850_000_000, None),
        ("3", 400_000_000, None),
        ("4", 1_500_000_000, None),
        ("5", 300_000_000, None),
        ("6", 134_000_000, None),
        ("7", 75_000_000, None),
        ("7.1", 25_000_000, "7"),
        ("7.2", 50_000_000, "7"),
        ("8", 1_146_000_000, None),
        ("8.1", 576_000_000, "8"),
        ("8.2", 570_000_000, "8"),
    ]
    first = result.items[0]
    assert first == BudgetItem(
        code="1",
        content="Kinh phí Chi đầu mỗi KSTTHC",
        amount=10_800_000,
        note="300.000 đồng/tháng cho 03 cán bộ đầu mỗi",
        parent_code=None,
    )
    assert result.items[7].content == "Tổ chức cuộc thi tìm hiểu CCHC"
    assert result.items[8].content == "Tài liệu, viết tin, bài"


def test_thai_nguyen_appendix_in_nfd_gives_the_same_result() -> None:
    lines = [unicodedata.normalize("NFD", line) for line in _appendix_lines()]
    assert parse_budget_lines(lines) == parse_budget_lines(_appendix_lines())


def test_mismatching_total_is_flagged_with_both_figures() -> None:
    lines = [line.replace("1.500.000.000 đồng", "1.484.200.000 đồng") for line in _appendix_lines()]
    result = parse_budget_lines(lines)
    assert result.total_computed == 4_400_000_000
    assert not result.total_matches
    assert result.warnings == (
        "Tổng kinh phí ghi trong kế hoạch (4.415.800.000 đồng) khác tổng các mục"
        " (4.400.000.000 đồng).",
    )


def test_parent_amount_disagreeing_with_children_is_kept_and_flagged() -> None:
    result = parse_budget_lines(
        [
            "1. Chi tuyên truyền: 100.000.000 đồng",
            "+ Cuộc thi: 25.000.000 đồng",
            "+ Tin, bài: 50.000.000 đồng",
            "Tổng cộng: 100.000.000 đồng",
        ]
    )
    assert result.items[0].amount == 100_000_000
    assert result.total_matches
    assert result.warnings == (
        "Mục 1: số tiền 100.000.000 đồng khác tổng các mục con 75.000.000 đồng.",
    )


def test_parent_amount_matching_children_has_no_warning() -> None:
    result = parse_budget_lines(
        ["1. Chi A: 75.000.000 đồng", "- a: 25.000.000 đồng", "- b: 50.000.000 đồng"]
    )
    assert result.warnings == ()
    assert result.total_computed == 75_000_000
    assert result.total_stated is None
    assert result.total_matches


@pytest.mark.parametrize(
    ("marker", "second_marker"),
    [("+", "+"), ("- +", "- +"), ("-", "-"), ("a)", "b)"), ("a.", "b."), ("•", "•"), ("*", "*")],
)
def test_sub_item_markers(marker: str, second_marker: str) -> None:
    result = parse_budget_lines(
        [
            "7. Chi phục vụ tuyên truyền CCHC:",
            f"{marker} Tổ chức cuộc thi tìm hiểu CCHC: 25.000.000 đồng",
            f"  {second_marker} Tài liệu, viết tin, bài: 50.000.000 đồng",
        ]
    )
    assert [(i.code, i.amount, i.parent_code) for i in result.items] == [
        ("7", 75_000_000, None),
        ("7.1", 25_000_000, "7"),
        ("7.2", 50_000_000, "7"),
    ]


def test_two_marker_levels_nest() -> None:
    result = parse_budget_lines(
        [
            "1. Chi công nghệ thông tin:",
            "- Phần mềm:",
            "+ Duy trì: 10.000.000 đồng",
            "+ Nâng cấp: 20.000.000 đồng",
            "- Thiết bị: 5.000.000 đồng",
            "2) Chi khác: 1.000.000 đồng",
        ]
    )
    assert [(i.code, i.amount, i.parent_code) for i in result.items] == [
        ("1", 35_000_000, None),
        ("1.1", 30_000_000, "1"),
        ("1.1.1", 10_000_000, "1.1"),
        ("1.1.2", 20_000_000, "1.1"),
        ("1.2", 5_000_000, "1"),
        ("2", 1_000_000, None),
    ]
    assert result.total_computed == 36_000_000


@pytest.mark.parametrize(
    "total_line",
    [
        "Tổng số kinh phí dự kiến: 4.415.800.000 đồng",
        "- Tổng số kinh phí dự kiến: **4.415.800.000 đồng**",
        "Tổng cộng: 4.415.800.000 đồng",
        "TỔNG CỘNG: 4.415.800.000 ĐỒNG",
        "Tổng kinh phí: 4.415.800.000 đồng",
        "Tổng: 4.415.800.000",
        "Tổng số: 4,4158 tỷ đồng",
    ],
)
def test_total_line_forms(total_line: str) -> None:
    result = parse_budget_lines(["1. Chi A: 4.415.800.000 đồng", total_line])
    assert result.total_stated == 4_415_800_000
    assert [i.code for i in result.items] == ["1"]
    assert result.total_matches


def test_items_without_amount_are_flagged_and_count_zero() -> None:
    result = parse_budget_lines(["1. Chi A:", "2. Chi B: 10.000.000 đồng"])
    assert result.items[0].amount is None
    assert result.total_computed == 10_000_000
    assert result.warnings == ("Mục 1 chưa có số tiền: «Chi A»",)


def test_prose_lines_are_skipped_and_stray_amounts_flagged() -> None:
    result = parse_budget_lines(
        [
            "Nhằm triển khai hiệu quả các hoạt động CCHC năm 2026, Sở xây dựng kinh phí như sau:",
            "1. Chi A: 10.000.000 đồng",
            "Ngoài ra dự phòng 5.000.000 đồng",
        ]
    )
    assert [i.code for i in result.items] == ["1"]
    assert result.warnings == (
        "Dòng có số tiền nhưng không thuộc mục nào: «Ngoài ra dự phòng 5.000.000 đồng»",
    )


def test_marked_lines_before_any_number_become_top_level_items() -> None:
    result = parse_budget_lines(["- Chi A: 1.000.000 đồng", "- Chi B: 2.000.000 đồng"])
    assert [(i.code, i.parent_code) for i in result.items] == [("1", None), ("2", None)]
    assert result.total_computed == 3_000_000


def test_roman_and_nested_numeric_codes() -> None:
    result = parse_budget_lines(["I. Chi thường xuyên: 1.000.000 đồng", "1.2. Chi A: 5.000 đồng"])
    assert [i.code for i in result.items] == ["I", "1.2"]


def test_empty_input() -> None:
    assert parse_budget_lines([]) == BudgetParse((), None, 0, ())
    assert parse_budget_lines(["", "   ", None]).items == ()  # type: ignore[list-item]


def test_warnings_are_nfc() -> None:
    result = parse_budget_lines(["1. Chi A:", "Tổng cộng: 5 đồng"])
    assert result.warnings
    assert all(unicodedata.is_normalized("NFC", w) for w in result.warnings)


def test_fuzz_never_raises() -> None:
    rng = random.Random(4415)
    alphabet = "0123456789.,:;+-*•a) Tổngcộngđồngtriệutỷnghìn\n\u0301"
    for _ in range(2000):
        lines = [
            "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
            for _ in range(rng.randint(0, 6))
        ]
        result = parse_budget_lines(lines)
        assert isinstance(result.total_computed, int)
        for line in lines:
            parse_vnd(line)
