"""The issuing agency read from a plan's header, compared with the agency importing it."""

from __future__ import annotations

import pytest

from importer.parsing.document import PlanMetadata
from importer.parsing.issuer import Issuer, mismatches, names_agency, read_issuer


@pytest.mark.parametrize(
    ("metadata", "expected"),
    [
        (
            PlanMetadata(agency_line="UBND TỈNH LẠNG SƠN\nSỞ TƯ PHÁP"),
            Issuer("SỞ TƯ PHÁP", "LẠNG SƠN"),
        ),
        (
            PlanMetadata(agency_line="ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN\nSỞ TƯ PHÁP"),
            Issuer("SỞ TƯ PHÁP", "THÁI NGUYÊN"),
        ),
        (PlanMetadata(agency_line="SỞ NỘI VỤ", place="Cao Bằng"), Issuer("SỞ NỘI VỤ", "Cao Bằng")),
        (
            PlanMetadata(basis="Thực hiện ..., Sở Tư pháp tỉnh Lạng Sơn ban hành Kế hoạch"),
            Issuer("", "Lạng Sơn"),
        ),
        (PlanMetadata(), Issuer("", "")),
    ],
)
def test_read_issuer(metadata, expected):
    assert read_issuer(metadata) == expected


@pytest.mark.parametrize(
    ("issuer", "expected"),
    [
        (Issuer("SỞ TƯ PHÁP", "lạng sơn"), ["place"]),
        (Issuer("SỞ TƯ PHÁP", "thái nguyên"), []),
        (Issuer("Sở Tư Pháp", "Thái Nguyên"), []),  # case and tone placement do not matter
        (Issuer("SỞ NỘI VỤ", "Thái Nguyên"), ["name"]),
        (Issuer("", ""), []),  # nothing read: nothing to warn about
    ],
)
def test_mismatches_with_the_thai_nguyen_agency(issuer, expected):
    assert mismatches(issuer, header_name="SỞ TƯ PHÁP", place_name="Thái Nguyên") == expected


@pytest.mark.parametrize(
    ("issuer", "expected"),
    [
        (Issuer("SỞ TƯ PHÁP", "Thái Nguyên"), True),
        (Issuer("", "thái nguyên"), True),  # only the province read: any of its agencies
        (Issuer("SỞ TƯ PHÁP", "Lạng Sơn"), False),
        (Issuer("SỞ NỘI VỤ", "Thái Nguyên"), False),
        (Issuer("", ""), False),  # a header that names nobody names no agency
    ],
)
def test_names_agency_thai_nguyen(issuer, expected):
    assert names_agency(issuer, header_name="SỞ TƯ PHÁP", place_name="Thái Nguyên") is expected
