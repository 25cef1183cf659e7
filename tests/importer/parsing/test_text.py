"""Shared text helpers: NFC, spaces, Vietnamese casefold, diacritic stripping."""

from __future__ import annotations

import ast
import random
import unicodedata
from pathlib import Path

import pytest

from importer.parsing.text import (
    casefold_vi,
    fold_spaces,
    match_key,
    nfc,
    simplify_punctuation,
    strip_diacritics,
    unify_tone_placement,
)

PARSING = Path(__file__).resolve().parents[3] / "importer" / "parsing"
MY_MODULES = ["text.py", "deadlines.py", "targets.py", "budget.py", "units.py"]


@pytest.mark.parametrize("text", ["Quý", "Thường xuyên", "Ủy ban", "hằng năm", "Đồng", ""])
def test_nfc(text: str) -> None:
    assert nfc(unicodedata.normalize("NFD", text)) == text


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("  a  b  ", "a b"),
        ("a\tb\nc\r\nd", "a b c d"),
        ("a\u00a0b", "a b"),
        ("năm\u200b2026", "năm2026"),
        ("Quý\u00adI", "QuýI"),
        ("\ufeffVăn phòng", "Văn phòng"),
        ("a\u2003\u2009b", "a b"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_fold_spaces(text: str, folded: str) -> None:
    assert fold_spaces(text) == folded


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
        ("ỦY BAN NHÂN DÂN", "ủy ban nhân dân"),
        ("Hoà giải", "Hòa giải"),
        ("khoẻ", "khỏe"),
        ("thuỷ lợi", "thủy lợi"),
        ("hoạ sĩ", "họa sĩ"),
        ("Văn  phòng\u00a0Sở", "văn phòng sở"),
        (unicodedata.normalize("NFD", "Thường xuyên"), "THƯỜNG XUYÊN"),
    ],
)
def test_casefold_vi_equal(first: str, second: str) -> None:
    assert casefold_vi(first) == casefold_vi(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [("hàng", "hằng"), ("Sở", "So"), ("quý", "quy"), ("hoàng", "hòang"), ("tuyển", "tủyen")],
)
def test_casefold_vi_keeps_meaningful_differences(first: str, second: str) -> None:
    assert casefold_vi(first) != casefold_vi(second)


@pytest.mark.parametrize(
    ("text", "unified"),
    [
        ("hoà", "hòa"),
        ("uỷ", "ủy"),
        ("quý", "quý"),  # "qu" + y keeps its tone on y
        ("hoàng", "hoàng"),  # a closed syllable has one correct placement
        ("thuế", "thuế"),
        ("thuở", "thuở"),
        ("hoà hoạ", "hòa họa"),
    ],
)
def test_unify_tone_placement(text: str, unified: str) -> None:
    assert unify_tone_placement(text) == unified


@pytest.mark.parametrize(
    ("text", "stripped"),
    [
        ("Quý I/2026", "Quy I/2026"),
        ("Thường xuyên", "Thuong xuyen"),
        ("Đồng đội", "Dong doi"),
        ("hằng năm", "hang nam"),
        ("Ủy", "Uy"),
        ("abc 123", "abc 123"),
    ],
)
def test_strip_diacritics(text: str, stripped: str) -> None:
    assert strip_diacritics(text) == stripped
    assert len(strip_diacritics(text)) == len(text)


@pytest.mark.parametrize(
    ("text", "simplified"),
    [("Quý II – Quý III", "Quý II - Quý III"), ("“Luồng xanh”", '"Luồng xanh"'), ("a—b", "a-b")],
)
def test_simplify_punctuation(text: str, simplified: str) -> None:
    assert simplify_punctuation(text) == simplified


def test_match_key_keeps_positions() -> None:
    rng = random.Random(3)
    for _ in range(2000):
        text = nfc("".join(chr(rng.randint(0, 0x2FFF)) for _ in range(rng.randint(0, 30))))
        assert len(match_key(text)) == len(text)
    assert match_key("QUÝ II – Năm 2026") == "quy ii - nam 2026"


@pytest.mark.parametrize("module", MY_MODULES)
def test_parsing_modules_do_not_import_django(module: str) -> None:
    tree = ast.parse((PARSING / module).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")
    assert not any(name.split(".")[0] == "django" for name in imported)
