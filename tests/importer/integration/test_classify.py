"""Headings → national reform areas, titles → plan kinds (pure rules, table-driven)."""

from __future__ import annotations

import pytest

from importer.classify import area_code_for, plan_kind_for, title_key


@pytest.mark.parametrize(
    ("heading", "code"),
    [
        ("Công tác chỉ đạo, điều hành kiểm soát thủ tục hành chính", "chi-dao-dieu-hanh"),
        ("CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "chi-dao-dieu-hanh"),
        ("Cải cách thể chế", "the-che"),
        ("Kiểm soát TTHC", "tthc"),
        ("Cải cách thủ tục hành chính", "tthc"),
        ("Thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết TTHC", "tthc"),
        ("Cải cách tổ chức bộ máy hành chính nhà nước", "to-chuc-bo-may"),
        ("Cải cách chế độ công vụ", "cong-vu"),
        ("Cải cách tài chính công", "tai-chinh-cong"),
        ("Xây dựng và phát triển chính quyền điện tử, chính quyền số", "chinh-quyen-so"),
        ("Công tác tuyên truyền CCHC", "tuyen-truyen"),
        ("Tác động của CCHC đến người dân", "tac-dong"),
        ("C\u1ea3i ca\u0301ch th\u00ea\u0309 ch\u00ea\u0301", "the-che"),  # NFD
        ("", ""),
        ("Nhiệm vụ khác", ""),
    ],
)
def test_area_code_for(heading, code):
    assert area_code_for(heading) == code


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Cải cách hành chính năm 2026", "annual_cchc"),
        (
            "Kiểm soát thủ tục hành chính, thực hiện cơ chế một cửa ... năm 2026",
            "tthc_control",
        ),
        ("Nâng cao Chỉ số CCHC năm 2026", "par_index"),
        ("Khắc phục hạn chế, tồn tại qua kiểm tra CCHC", "remediation"),
        ("Tuyên truyền phổ biến pháp luật", "other"),
    ],
)
def test_plan_kind_for(title, kind):
    assert plan_kind_for(title) == kind


def test_title_key_ignores_case_spacing_punctuation_and_normal_form():
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Cải cách  hành chính, năm 2026.")
    assert title_key(nfd) == title_key("CẢI CÁCH HÀNH CHÍNH NĂM 2026")
    assert title_key("Kiểm soát TTHC năm 2026") != title_key("Kiểm soát TTHC năm 2025")
