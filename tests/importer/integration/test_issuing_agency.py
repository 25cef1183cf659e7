"""A plan whose header names another province or agency is a warning in the preview."""

from __future__ import annotations

import pytest

from importer.preview import build_preview
from tests.importer.reading.docx_builders import STANDARD_HEADER, P, T, build_docx, task_row

pytestmark = pytest.mark.django_db


def _plan(parent: str, issuer: str, place: str) -> bytes:
    return build_docx(
        T([[f"{parent}\n{issuer}", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]], borders=False),
        P("Số: 12/KH-STP"),
        P(f"{place}, ngày 05 tháng 01 năm 2026"),
        P("KẾ HOẠCH", bold=True),
        P("Kiểm soát thủ tục hành chính năm 2026", bold=True),
        T([STANDARD_HEADER, task_row("1", "Rà soát thủ tục hành chính")], header_rows=1),
    )


def _issuer_warnings(preview) -> list[str]:
    return [w for w in preview.warnings if "cơ quan ban hành" in w]


def test_a_lang_son_plan_into_thai_nguyen_is_warned_about(demo):
    data = _plan("UBND TỈNH LẠNG SƠN", "SỞ TƯ PHÁP", "Lạng Sơn")
    preview = build_preview(agency=demo.thai_nguyen, data=data, filename="ls.docx")
    [warning] = _issuer_warnings(preview)
    assert "SỞ TƯ PHÁP — LẠNG SƠN" in warning and "Sở Tư pháp tỉnh Thái Nguyên" in warning


def test_another_department_of_the_same_province_is_warned_about(demo):
    data = _plan("UBND TỈNH THÁI NGUYÊN", "SỞ NỘI VỤ", "Thái Nguyên")
    preview = build_preview(agency=demo.thai_nguyen, data=data, filename="snv.docx")
    assert len(_issuer_warnings(preview)) == 1


def test_the_agencys_own_plan_has_no_such_warning(demo):
    data = _plan("UBND TỈNH THÁI NGUYÊN", "SỞ TƯ PHÁP", "Thái Nguyên")
    preview = build_preview(agency=demo.thai_nguyen, data=data, filename="tn.docx")
    assert preview.metadata.agency_line  # the header was read, so the check ran
    assert _issuer_warnings(preview) == []
