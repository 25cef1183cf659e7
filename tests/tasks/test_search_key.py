"""The search form of Vietnamese text (pure, no database)."""

from __future__ import annotations

import unicodedata

import pytest

from tasks.search import search_key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rà soát", "ra soat"),
        ("ra soat", "ra soat"),
        ("RÀ SOÁT", "ra soat"),
        ("Đánh giá", "danh gia"),
        ("đánh giá", "danh gia"),
        ("ĐỀ ÁN", "de an"),
        ("\u00d0ề án", "de an"),  # Icelandic eth typed for Đ
        ("ưu tiên, ơ, ă, â, ê, ô", "uu tien, o, a, a, e, o"),
        ("Quý II/2026", "quy ii/2026"),
        ("Thủ tục hành chính", "thu tuc hanh chinh"),
        ("Uỷ ban", "uy ban"),
        ("Ủy ban", "uy ban"),
        ("  nhiều   khoảng\ttrắng\n", "nhieu khoang trang"),
        ("năm\u200b2026", "nam2026"),
        ("văn\u00a0bản", "van ban"),
        ("", ""),
        ("100%", "100%"),
    ],
)
def test_search_key(text, expected):
    assert search_key(text) == expected


@pytest.mark.parametrize("text", ["Rà soát, đánh giá thủ tục hành chính", "Ủy ban nhân dân tỉnh"])
def test_nfc_and_nfd_give_the_same_key(text):
    assert search_key(unicodedata.normalize("NFD", text)) == search_key(
        unicodedata.normalize("NFC", text)
    )
