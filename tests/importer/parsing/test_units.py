"""Unit names as written in plans: keys, splitting cells, matching to units."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from importer.parsing.units import (
    UnitCandidate,
    UnitMatcher,
    normalize_unit_key,
    split_unit_names,
)
from tests.sample_files import seed_paths

# Every lead / coordinating cell of the seed task tables, split as a reader would.
SEED_CELLS = [
    ("Văn phòng Sở", ["Văn phòng Sở"]),
    ("Văn phòng", ["Văn phòng"]),
    ("Phòng Xây dựng và Kiểm tra văn bản QPPL", ["Phòng Xây dựng và Kiểm tra văn bản QPPL"]),
    ("Các phòng, đơn vị thuộc Sở", ["Các phòng, đơn vị thuộc Sở"]),
    ("Các Sở, ngành có liên quan", ["Các Sở, ngành có liên quan"]),
    ("Các cơ quan, đơn vị có liên quan", ["Các cơ quan, đơn vị có liên quan"]),
    ("Các phòng chuyên môn thuộc Sở", ["Các phòng chuyên môn thuộc Sở"]),
    (
        "Các phòng, đơn vị tham gia tiếp nhận, giải quyết TTHC",
        ["Các phòng, đơn vị tham gia tiếp nhận, giải quyết TTHC"],
    ),
    (
        "Phòng Bổ trợ - Hành chính tư pháp; Văn phòng Sở",
        ["Phòng Bổ trợ - Hành chính tư pháp", "Văn phòng Sở"],
    ),
    ("- Phòng Hỗ trợ - HCTP - Văn phòng Sở", ["Phòng Hỗ trợ - HCTP", "Văn phòng Sở"]),
    (
        "- Các phòng, đơn vị thuộc Sở - Văn phòng Sở",
        ["Các phòng, đơn vị thuộc Sở", "Văn phòng Sở"],
    ),
    (
        "- Văn phòng UBND tỉnh - Sở Khoa học và Công nghệ",
        ["Văn phòng UBND tỉnh", "Sở Khoa học và Công nghệ"],
    ),
    (
        "Các phòng được giao chủ trì xây dựng dự thảo văn bản QPPL có quy định TTHC",
        ["Các phòng được giao chủ trì xây dựng dự thảo văn bản QPPL có quy định TTHC"],
    ),
    (
        "Bộ phận tiếp nhận và trả kết quả giải quyết TTHC; Các phòng tham gia giải quyết TTHC",
        ["Bộ phận tiếp nhận và trả kết quả giải quyết TTHC", "Các phòng tham gia giải quyết TTHC"],
    ),
    (
        "Các phòng, đơn vị thuộc Sở và cá nhân có liên quan",
        ["Các phòng, đơn vị thuộc Sở và cá nhân có liên quan"],
    ),
    (
        "Các phòng, đơn vị thuộc Sở và các đơn vị có liên quan",
        ["Các phòng, đơn vị thuộc Sở", "các đơn vị có liên quan"],
    ),
    (
        "Theo Kế hoạch riêng hoặc kết hợp cùng Kế hoạch kiểm tra công tác cải cách hành chính;"
        " kiểm tra công vụ của Sở Tư pháp",
        [
            "Theo Kế hoạch riêng hoặc kết hợp cùng Kế hoạch kiểm tra công tác cải cách hành chính",
            "kiểm tra công vụ của Sở Tư pháp",
        ],
    ),
]

MORE_CELLS = [
    ("Văn phòng Sở\nPhòng Công chứng số 1", ["Văn phòng Sở", "Phòng Công chứng số 1"]),
    ("- Văn phòng Sở\n- Thanh tra Sở", ["Văn phòng Sở", "Thanh tra Sở"]),
    ("Văn phòng Sở, Thanh tra Sở", ["Văn phòng Sở", "Thanh tra Sở"]),
    ("Văn phòng Sở và Phòng Hành chính tư pháp", ["Văn phòng Sở", "Phòng Hành chính tư pháp"]),
    ("Văn phòng Sở hoặc Thanh tra Sở", ["Văn phòng Sở", "Thanh tra Sở"]),
    ("Văn phòng Sở/Thanh tra Sở", ["Văn phòng Sở", "Thanh tra Sở"]),
    ("UBND tỉnh, Sở Nội vụ", ["UBND tỉnh", "Sở Nội vụ"]),
    ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),
    (
        "Sở Lao động - Thương binh và Xã hội; Sở Tài chính",
        ["Sở Lao động - Thương binh và Xã hội", "Sở Tài chính"],
    ),
    ("Phòng Hành chính tư pháp và Bổ trợ tư pháp", ["Phòng Hành chính tư pháp và Bổ trợ tư pháp"]),
    (
        "Trung tâm Trợ giúp pháp lý và Phòng Công chứng số 1",
        ["Trung tâm Trợ giúp pháp lý", "Phòng Công chứng số 1"],
    ),
    ("Văn phòng Sở, các phòng chuyên môn", ["Văn phòng Sở", "các phòng chuyên môn"]),
    ("Văn phòng (Bộ phận Một cửa, Phòng X)", ["Văn phòng (Bộ phận Một cửa, Phòng X)"]),
    ("Văn phòng Sở;", ["Văn phòng Sở"]),
    ("  Văn   phòng\u00a0Sở.  ", ["Văn phòng Sở"]),
    ("+ Văn phòng Sở", ["Văn phòng Sở"]),
    ("1. Văn phòng Sở\n2. Thanh tra Sở", ["Văn phòng Sở", "Thanh tra Sở"]),
    ("VĂN PHÒNG SỞ, THANH TRA SỞ", ["VĂN PHÒNG SỞ", "THANH TRA SỞ"]),
    ("Văn phòng Sở – Thanh tra Sở", ["Văn phòng Sở", "Thanh tra Sở"]),
    ("", []),
    (" ; ;\n", []),
]


def _ids(cases: list[tuple]) -> list[str]:
    return [re.sub(r"\s+", " ", case[0])[:50] or "<empty>" for case in cases]


@pytest.mark.parametrize(
    ("cell", "names"), SEED_CELLS + MORE_CELLS, ids=_ids(SEED_CELLS + MORE_CELLS)
)
def test_split_unit_names(cell: str, names: list[str]) -> None:
    assert split_unit_names(cell) == names


@pytest.mark.parametrize(("cell", "names"), SEED_CELLS, ids=_ids(SEED_CELLS))
def test_split_unit_names_nfd(cell: str, names: list[str]) -> None:
    assert split_unit_names(unicodedata.normalize("NFD", cell)) == names


def test_every_unit_cell_in_the_seeds_is_in_the_table() -> None:
    known = {cell for cell, _ in SEED_CELLS}
    cells: set[str] = set()
    for path in seed_paths():
        for line in path.read_text(encoding="utf-8").splitlines():
            columns = [re.sub(r"<[^>]+>", "", c).strip() for c in line.split("\t")]
            if len(columns) >= 4 and re.match(r"^\d+(\.\d+)*\.?$", columns[0]):
                cells.update(c for c in columns[2:4] if c)
    assert cells, "the seed tables were not found"
    assert cells <= known, cells - known


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Văn phòng Sở", "VP Sở"),
        ("Văn phòng Sở", "VĂN PHÒNG SỞ"),
        ("Văn phòng Sở", "  văn  phòng sở. "),
        ("Văn phòng Sở", "- Văn phòng Sở;"),
        ("Văn phòng Sở", unicodedata.normalize("NFD", "Văn phòng Sở")),
        (
            "Phòng Xây dựng và Kiểm tra văn bản QPPL",
            "Phòng Xây dựng và Kiểm tra văn bản quy phạm pháp luật",
        ),
        ("Phòng Bổ trợ - HCTP", "Phòng Bổ trợ - Hành chính tư pháp"),
        ("Phòng Bổ trợ – Hành chính tư pháp", "Phòng Bổ trợ-Hành chính tư pháp"),
        ("Bộ phận một cửa giải quyết TTHC", "Bộ phận một cửa giải quyết thủ tục hành chính"),
        ("Ban chỉ đạo CCHC", "Ban chỉ đạo cải cách hành chính"),
        ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
        ("UBND tỉnh", "Uỷ ban nhân dân tỉnh"),
        ("Văn phòng UBND tỉnh", "VP Uỷ ban nhân dân tỉnh"),
        ("Trung tâm Hoà giải", "Trung tâm Hòa giải"),
        ("Sở KH&CN", "Sở Khoa học và Công nghệ"),
        ("Sở KH & CN", "Sở Khoa học và Công nghệ"),
        ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
        ("Sở TN&MT", "Sở Tài nguyên và Môi trường"),
        ("Sở LĐTBXH", "Sở Lao động - Thương binh và Xã hội"),
        ("STP", "Sở Tư pháp"),
        ("Phòng A & B", "Phòng A và B"),
        ("Các phòng , đơn vị thuộc Sở", "Các phòng, đơn vị thuộc Sở"),
        ("Trang TTĐT Sở", "Trang thông tin điện tử Sở"),
        ("“Văn phòng Sở”", "Văn phòng Sở"),
        ("Văn phòng (Bộ phận Một cửa )", "Văn phòng ( Bộ phận một cửa)"),
    ],
)
def test_normalize_unit_key_equivalences(first: str, second: str) -> None:
    assert normalize_unit_key(first) == normalize_unit_key(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Văn phòng Sở", "Thanh tra Sở"),
        ("Văn phòng Sở", "Văn phòng"),
        ("Phòng Hỗ trợ - HCTP", "Phòng Bổ trợ - Hành chính tư pháp"),
        ("Sở Tư pháp", "Bộ Tư pháp"),
        ("Phòng Công chứng số 1", "Phòng Công chứng số 2"),
    ],
)
def test_normalize_unit_key_keeps_different_names_apart(first: str, second: str) -> None:
    assert normalize_unit_key(first) != normalize_unit_key(second)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Văn phòng Sở", "văn phòng sở"),
        ("VP", "văn phòng"),
        ("Phòng Hỗ trợ - HCTP", "phòng hỗ trợ - hành chính tư pháp"),
        ("UBND tỉnh", "ủy ban nhân dân tỉnh"),
        ("- Các Sở, ngành có liên quan;", "các sở, ngành có liên quan"),
        ("", ""),
        ("  ;  ", ""),
    ],
)
def test_normalize_unit_key_values(name: str, key: str) -> None:
    assert normalize_unit_key(name) == key
    assert unicodedata.is_normalized("NFC", normalize_unit_key(name))


VAN_PHONG, XAY_DUNG, BO_TRO, CONG_CHUNG, TRO_GIUP, ALL_UNITS, OTHER_DEPTS, OUTSIDE = range(1, 9)

THAI_NGUYEN_UNITS = [
    UnitCandidate(VAN_PHONG, ("Văn phòng Sở", "VP")),
    UnitCandidate(XAY_DUNG, ("Phòng Xây dựng và Kiểm tra văn bản QPPL", "Phòng XD&KTVB")),
    UnitCandidate(BO_TRO, ("Phòng Bổ trợ - Hành chính tư pháp", "Phòng Hỗ trợ - HCTP")),
    UnitCandidate(CONG_CHUNG, ("Phòng Công chứng số 1",)),
    UnitCandidate(TRO_GIUP, ("Trung tâm Trợ giúp pháp lý nhà nước",)),
    UnitCandidate(ALL_UNITS, ("Các phòng, đơn vị thuộc Sở",)),
    UnitCandidate(OTHER_DEPTS, ("Các Sở, ngành có liên quan",)),
    UnitCandidate(OUTSIDE, ("Sở Khoa học và Công nghệ",)),
]


@pytest.fixture
def matcher() -> UnitMatcher:
    return UnitMatcher(THAI_NGUYEN_UNITS, agency_names=["Sở Tư pháp"])


@pytest.mark.parametrize(
    ("name", "unit_id"),
    [
        ("Văn phòng Sở", VAN_PHONG),
        ("VP", VAN_PHONG),
        ("VP Sở", VAN_PHONG),
        ("Văn phòng", VAN_PHONG),
        ("Văn phòng Sở Tư pháp", VAN_PHONG),
        ("VĂN PHÒNG SỞ TƯ PHÁP", VAN_PHONG),
        ("Văn phòng thuộc Sở", VAN_PHONG),
        ("Sở Tư pháp - Văn phòng", VAN_PHONG),
        ("Sở Tư pháp (Văn phòng)", VAN_PHONG),
        ("Phòng Xây dựng và Kiểm tra văn bản quy phạm pháp luật", XAY_DUNG),
        ("Phòng Xây dựng và Kiểm tra văn bản QPPL", XAY_DUNG),
        ("Phòng Hỗ trợ - HCTP", BO_TRO),
        ("Phòng Bổ trợ - Hành chính tư pháp", BO_TRO),
        ("Phòng Bổ trợ – HCTP", BO_TRO),
        ("Phòng Công chứng số 1", CONG_CHUNG),
        ("Phòng Công chứng số 1 Sở Tư pháp", CONG_CHUNG),
        ("Các phòng, đơn vị thuộc Sở", ALL_UNITS),
        ("Các Sở, ngành có liên quan", OTHER_DEPTS),
        ("Sở KH&CN", OUTSIDE),
        (unicodedata.normalize("NFD", "Văn phòng Sở"), VAN_PHONG),
    ],
)
def test_match(matcher: UnitMatcher, name: str, unit_id: int) -> None:
    assert matcher.match(name) == unit_id


@pytest.mark.parametrize(
    "name",
    [
        "",
        "Phòng",
        "Sở",
        "Phòng Công chứng số 2",
        "Văn phòng Sở Khoa học và Công nghệ",
        "Văn phòng UBND tỉnh",
        "Các phòng, đơn vị thuộc Sở và cá nhân có liên quan",
        "Phòng Xây dựng",
        "Thanh tra Sở",
    ],
)
def test_no_match_is_none(matcher: UnitMatcher, name: str) -> None:
    assert matcher.match(name) is None


def test_never_guesses_between_two_candidates() -> None:
    matcher = UnitMatcher(
        [
            UnitCandidate(1, ("Văn phòng Sở",)),
            UnitCandidate(2, ("Văn phòng Đảng ủy", "Văn phòng")),
        ]
    )
    assert matcher.match("Văn phòng") == 2  # a written alias wins over the loose rule
    assert matcher.match("Văn phòng Sở") == 1
    loose_only = UnitMatcher(
        [UnitCandidate(1, ("Văn phòng Sở",)), UnitCandidate(2, ("Văn phòng thuộc Sở",))]
    )
    assert loose_only.match("Văn phòng") is None
    shared = UnitMatcher([UnitCandidate(1, ("VP",)), UnitCandidate(2, ("Văn phòng",))])
    assert shared.match("VP") is None


def test_two_offices_make_the_loose_rule_ambiguous() -> None:
    matcher = UnitMatcher(
        [UnitCandidate(1, ("Văn phòng Sở",)), UnitCandidate(2, ("Văn phòng Sở Tư pháp",))]
    )
    assert matcher.match("Văn phòng") is None


def test_agency_qualifier_is_learnt_from_candidate_names() -> None:
    matcher = UnitMatcher(
        [UnitCandidate(1, ("Văn phòng Sở Tư pháp",)), UnitCandidate(2, ("Thanh tra Sở",))]
    )
    assert matcher.match("Văn phòng") == 1
    assert matcher.match("Văn phòng Sở") == 1
    assert matcher.match("Thanh tra Sở Tư pháp") == 2
    assert matcher.match("Thanh tra Sở Nội vụ") is None


def test_match_all_seed_cells(matcher: UnitMatcher) -> None:
    assert matcher.match_all("Phòng Bổ trợ - Hành chính tư pháp; Văn phòng Sở") == (
        [BO_TRO, VAN_PHONG],
        [],
    )
    assert matcher.match_all("- Phòng Hỗ trợ - HCTP - Văn phòng Sở") == ([BO_TRO, VAN_PHONG], [])
    assert matcher.match_all("- Văn phòng UBND tỉnh - Sở Khoa học và Công nghệ") == (
        [OUTSIDE],
        ["Văn phòng UBND tỉnh"],
    )
    assert matcher.match_all("Các phòng, đơn vị thuộc Sở và các đơn vị có liên quan") == (
        [ALL_UNITS],
        ["các đơn vị có liên quan"],
    )


def test_match_all_deduplicates_in_order(matcher: UnitMatcher) -> None:
    text = "VP; Văn phòng Sở; Phòng X; Phòng Công chứng số 1; Phòng X; Văn phòng"
    assert matcher.match_all(text) == ([VAN_PHONG, CONG_CHUNG], ["Phòng X"])


def test_match_all_empty(matcher: UnitMatcher) -> None:
    assert matcher.match_all("") == ([], [])


def test_every_seed_cell_resolves_or_reports_each_name(matcher: UnitMatcher) -> None:
    for cell, names in SEED_CELLS:
        ids, unmatched = matcher.match_all(cell)
        assert len(ids) + len(unmatched) == len({normalize_unit_key(n) for n in names})


def test_fuzz_never_raises(matcher: UnitMatcher) -> None:
    rng = random.Random(11)
    alphabet = "VănphòngSởPhòngCác,;-–/ và hoặc()\n+•.UBNDHCTPQPPL&đ\u0301\u0323"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        ids, unmatched = matcher.match_all(text)
        assert all(isinstance(i, int) for i in ids)
        assert all(isinstance(name, str) and name for name in unmatched)
        normalize_unit_key(text)
