"""Lead unit suggestions per reform area from the plan's "TỔ CHỨC THỰC HIỆN" duties."""

from __future__ import annotations

import pytest

from importer.parsing.assignment import AreaLeadSuggestion, area_key, suggest_area_leads
from importer.parsing.document import UnitResponsibility as R

OFFICE = R(
    "Văn phòng Sở Tư pháp",
    [
        "Có trách nhiệm hướng dẫn, kiểm tra, đôn đốc các đơn vị thực hiện các nhiệm vụ CCHC;",
        "Chủ trì tham mưu thực hiện các nhiệm vụ về công tác chỉ đạo, điều hành CCHC; cải cách "
        "thủ tục hành chính; cải cách chế độ công vụ; xây dựng và phát triển chính quyền điện "
        "tử, chính quyền số;",
    ],
)
LAW = R(
    "Phòng Xây dựng và Thi hành pháp luật",
    [
        "Tham mưu thực hiện các nhiệm vụ trong lĩnh vực cải cách thể chế của tỉnh;",
        "Phối hợp với Văn phòng Sở Tư pháp thực hiện cải cách thủ tục hành chính.",
    ],
)
HELPER = R("Phòng Hành chính tư pháp", ["Phối hợp thực hiện cải cách chế độ công vụ."])
SPECIFIC = R("Thanh tra Sở", ["Chủ trì thực hiện cải cách chế độ công vụ."])
MENTION_ONLY = R("Trung tâm", ["Báo cáo kết quả cải cách tài chính công hằng quý."])
LEADING_LATER = R("Phòng Tài chính", ["Tham mưu cải cách tài chính công."])


@pytest.mark.parametrize(
    ("titles", "responsibilities", "expected"),
    [
        pytest.param(
            ["Cải cách thể chế", "Cải cách thủ tục hành chính (TTHC)"],
            [OFFICE, LAW],
            {
                "Cải cách thể chế": LAW.unit_text,
                "Cải cách thủ tục hành chính (TTHC)": OFFICE.unit_text,
            },
            id="each-area-to-the-unit-naming-it",
        ),
        pytest.param(
            [
                "Công tác chỉ đạo, điều hành",
                "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
            ],
            [OFFICE],
            {
                "Công tác chỉ đạo, điều hành": OFFICE.unit_text,
                "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số": OFFICE.unit_text,
            },
            id="case-and-punctuation-ignored",
        ),
        pytest.param(["CẢI CÁCH CHẾ ĐỘ CÔNG VỤ"], [HELPER], {}, id="phoi-hop-never-leads"),
        pytest.param(
            ["Cải cách chế độ công vụ", "Cải cách thủ tục hành chính"],
            [OFFICE, SPECIFIC],
            {
                "Cải cách chế độ công vụ": SPECIFIC.unit_text,
                "Cải cách thủ tục hành chính": OFFICE.unit_text,
            },
            id="most-specific-duty-wins",
        ),
        pytest.param(
            ["Cải cách tài chính công"],
            [MENTION_ONLY, LEADING_LATER],
            {"Cải cách tài chính công": LEADING_LATER.unit_text},
            id="chu-tri-tham-muu-preferred",
        ),
        pytest.param(
            ["Cải cách tài chính công"],
            [MENTION_ONLY],
            {"Cải cách tài chính công": "Trung tâm"},
            id="plain-mention-when-nothing-better",
        ),
        pytest.param(["Cải cách thể chế"], [OFFICE], {}, id="no-duty-names-the-area"),
        pytest.param(
            ["Cải cách"],
            [R("Phòng A", ["Chủ trì cải cách hành chính."])],
            {"Cải cách": "Phòng A"},
            id="whole-words",
        ),
        pytest.param(
            ["Chế độ"],
            [R("Phòng A", ["Chủ trì cải cách thể chế độc lập."])],
            {},
            id="no-part-words",
        ),
        pytest.param(["", "Cải cách thể chế"], [], {}, id="nothing-to-read"),
    ],
)
def test_suggest_area_leads(titles, responsibilities, expected):
    found = suggest_area_leads(titles, responsibilities)
    assert {title: s.unit_text for title, s in found.items()} == expected


def test_suggestion_keeps_the_duty_sentence():
    found = suggest_area_leads(["Cải cách thể chế"], [LAW])
    assert found == {"Cải cách thể chế": AreaLeadSuggestion(LAW.unit_text, LAW.duties[0])}


def test_unknown_units_are_skipped_for_the_next_best():
    found = suggest_area_leads(
        ["Cải cách chế độ công vụ"], [OFFICE, SPECIFIC], known=lambda text: text != "Thanh tra Sở"
    )
    assert found["Cải cách chế độ công vụ"].unit_text == OFFICE.unit_text
    assert suggest_area_leads(["Cải cách chế độ công vụ"], [SPECIFIC], known=lambda _t: False) == {}


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("1. Cải cách thủ tục hành chính (TTHC)", "cải cách thủ tục hành chính"),
        ("II. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "công tác chỉ đạo điều hành"),
        ("Ủy ban – Uỷ  ban", "ủy ban ủy ban"),
    ],
)
def test_area_key(text, key):
    assert area_key(text) == key
