"""Amounts typed in Vietnamese (budget.amounts): every accepted form and every refusal."""

from __future__ import annotations

import pytest

from budget.amounts import MAX_AMOUNT, AmountError, Problem, parse_amount


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("4.415.800.000", 4_415_800_000),
        ("4415800000", 4_415_800_000),
        ("4 415 800 000", 4_415_800_000),
        ("4\u00a0415\u00a0800\u00a0000", 4_415_800_000),
        ("4.415.800.000 đồng", 4_415_800_000),
        ("4.415.800.000đ", 4_415_800_000),
        ("4.415.800.000 VNĐ", 4_415_800_000),
        ("  25.000.000  ", 25_000_000),
        ("25.000", 25_000),
        ("4,4 tỷ", 4_400_000_000),
        ("4,4 tỷ đồng", 4_400_000_000),
        ("4.4 tỷ", 4_400_000_000),
        ("4,415 tỷ", 4_415_000_000),
        ("2 tỉ", 2_000_000_000),
        ("25 triệu", 25_000_000),
        ("1,5 triệu đồng", 1_500_000),
        ("1,5tr", 1_500_000),
        ("500 nghìn", 500_000),
        ("500 ngàn", 500_000),
        ("500k", 500_000),
        ("7 TRIỆU", 7_000_000),
        ("4,4 TỶ", 4_400_000_000),
        ("1", 1),
    ],
)
def test_accepted(text, amount):
    assert parse_amount(text) == amount


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", Problem.EMPTY),
        ("   ", Problem.EMPTY),
        ("-5.000.000", Problem.NEGATIVE),
        ("−5.000", Problem.NEGATIVE),
        ("0", Problem.ZERO),
        ("0 đồng", Problem.ZERO),
        ("4,4", Problem.FRACTION),  # a fraction of a đồng
        ("1.234,5", Problem.NOT_A_NUMBER),
        ("1,0000001 nghìn", Problem.FRACTION),
        ("abc", Problem.NOT_A_NUMBER),
        ("tỷ", Problem.NOT_A_NUMBER),
        ("4.41.58", Problem.NOT_A_NUMBER),
        ("12a", Problem.NOT_A_NUMBER),
        ("=1+1", Problem.NOT_A_NUMBER),
        ("2.000.000 tỷ", Problem.TOO_LARGE),
        (str(MAX_AMOUNT + 1), Problem.TOO_LARGE),
        ("9" * 400, Problem.TOO_LARGE),
    ],
)
def test_refused(text, problem):
    with pytest.raises(AmountError) as error:
        parse_amount(text)
    assert error.value.problem == problem


def test_the_largest_amount_is_accepted():
    assert parse_amount(str(MAX_AMOUNT)) == MAX_AMOUNT
