"""Target sentences and budget-appendix lines found in running text."""

from __future__ import annotations

from importer.parsing.document import TextBlock
from importer.parsing.metadata import find_budget_lines, find_target_sentences, join_wrapped


def _blocks(*lines: str) -> list[TextBlock]:
    return [TextBlock(line, bold=line.isupper()) for line in lines]


def test_bullets_under_chi_tieu_heading_and_percent_sentences_elsewhere():
    blocks = _blocks(
        "1. Mục đích",
        "- Nâng cao chất lượng phục vụ;",
        "2. Chỉ tiêu",
        "- Mỗi tháng có từ 07 tin, bài trở lên về CCHC;",
        "- Tỷ lệ hồ sơ giải quyết đúng hạn đạt từ",
        "97% trở lên.",
        "3. Nhiệm vụ",
        "- Thực hiện tiết kiệm từ 5% kinh phí chi thường xuyên.",
        "- Ban hành kế hoạch.",
    )
    assert find_target_sentences(blocks) == [
        "Mỗi tháng có từ 07 tin, bài trở lên về CCHC;",
        "Tỷ lệ hồ sơ giải quyết đúng hạn đạt từ 97% trở lên.",
        "Thực hiện tiết kiệm từ 5% kinh phí chi thường xuyên.",
    ]


def test_join_wrapped_keeps_headings_bullets_and_labels_apart():
    joined = join_wrapped(
        _blocks(
            "3.1. Mục tiêu",
            "Tiếp tục thực hiện Nghị định số 62/2020/NĐ-CP ngày 01/6/2020 của",
            "Chính phủ về vị trí việc làm;",
            "- Sắp xếp đơn vị sự nghiệp",
            "Đơn vị chủ trì thực hiện: Văn phòng Sở",
        )
    )
    assert [block.text for block in joined] == [
        "3.1. Mục tiêu",
        "Tiếp tục thực hiện Nghị định số 62/2020/NĐ-CP ngày 01/6/2020 của Chính phủ về vị trí "
        "việc làm;",
        "- Sắp xếp đơn vị sự nghiệp",
        "Đơn vị chủ trì thực hiện: Văn phòng Sở",
    ]


def test_budget_lines_under_kinh_phi_heading():
    blocks = _blocks(
        "IV. KINH PHÍ THỰC HIỆN",
        "Dự kiến kinh phí như sau:",
        "1. Chi tuyên truyền CCHC: 25.000.000 đồng",
        "2. Chi ứng dụng công nghệ thông tin:",
        "+ Duy trì phần mềm: 576.000.000 đồng",
        "Tổng cộng: 601.000.000 đồng",
        "V. TỔ CHỨC THỰC HIỆN",
    )
    assert find_budget_lines(blocks) == [
        "1. Chi tuyên truyền CCHC: 25.000.000 đồng",
        "2. Chi ứng dụng công nghệ thông tin:",
        "+ Duy trì phần mềm: 576.000.000 đồng",
        "Tổng cộng: 601.000.000 đồng",
    ]


def test_kinh_phi_section_without_amounts_gives_no_lines():
    blocks = _blocks(
        "IV. KINH PHÍ THỰC HIỆN",
        "Kinh phí bố trí trong dự toán được giao năm 2026.",
        "V. TỔ CHỨC THỰC HIỆN",
        "1. Văn phòng Sở",
    )
    assert find_budget_lines(blocks) == []


def test_run_of_amount_lines_without_heading():
    blocks = _blocks(
        "Các khoản chi gồm:",
        "- Chi hội nghị: 10.000.000 đồng;",
        "- Chi tài liệu: 5.000.000 đồng;",
        "- Chi khen thưởng: 3.000.000 đồng.",
        "- Tổng số: 18.000.000 đồng",
        "Trên đây là kế hoạch.",
    )
    assert find_budget_lines(blocks) == [
        "- Chi hội nghị: 10.000.000 đồng;",
        "- Chi tài liệu: 5.000.000 đồng;",
        "- Chi khen thưởng: 3.000.000 đồng.",
        "- Tổng số: 18.000.000 đồng",
    ]
