"""The sentence forms plans use to assign a lead and coordinating units (issue #13)."""

from __future__ import annotations

import pytest

from importer.parsing.assignment_sentences import SentenceAssignment as A
from importer.parsing.assignment_sentences import read_assignment

CASES = [
    (
        "Giao Văn phòng Sở chủ trì, phối hợp với Phòng Hành chính tư pháp, Thanh tra Sở tham "
        "mưu triển khai Kế hoạch.",
        A("Văn phòng Sở", "Phòng Hành chính tư pháp, Thanh tra Sở"),
    ),
    (
        "Văn phòng Sở chủ trì, phối hợp với các phòng, đơn vị thuộc Sở tham mưu báo cáo "
        "kết quả thực hiện.",
        A("Văn phòng Sở", "các phòng, đơn vị thuộc Sở"),
    ),
    (
        "Phòng Xây dựng và Kiểm tra văn bản QPPL chủ trì, phối hợp với Văn phòng Sở tổ chức "
        "rà soát văn bản.",
        A("Phòng Xây dựng và Kiểm tra văn bản QPPL", "Văn phòng Sở"),
    ),
    (
        "- Giao Văn phòng Sở chủ trì, phối hợp Sở Nội vụ.",
        A("Văn phòng Sở", "Sở Nội vụ"),
    ),
    ("Giao Văn phòng Sở chủ trì triển khai Kế hoạch này.", A("Văn phòng Sở")),
    (
        "Văn phòng Sở: chủ trì theo dõi, đôn đốc việc thực hiện; phối hợp báo cáo kết quả.",
        A("Văn phòng Sở"),
    ),
    (
        "Các sở, ban, ngành, UBND các huyện, thành phố có trách nhiệm triển khai thực hiện.",
        A("Các sở, ban, ngành, UBND các huyện, thành phố"),
    ),
    (
        "Trưởng các phòng, đơn vị thuộc Sở chịu trách nhiệm trước Giám đốc Sở.",
        A("Trưởng các phòng, đơn vị thuộc Sở"),
    ),
    (
        "Thanh tra Sở: chủ trì kiểm tra công vụ; phối hợp với Văn phòng Sở, Phòng Hành chính "
        "tư pháp tổng hợp kết quả.",
        A("Thanh tra Sở", "Văn phòng Sở, Phòng Hành chính tư pháp"),
    ),
    (
        "Căn cứ Kế hoạch này, các phòng, đơn vị thuộc Sở có trách nhiệm tổ chức phổ biến, "
        "quán triệt đến toàn thể công chức.",
        A("các phòng, đơn vị thuộc Sở"),
    ),
    ("Kế hoạch này có trách nhiệm định hướng công tác năm 2026.", None),
    ("Rà soát, đơn giản hóa thủ tục hành chính.", None),
    ("Thời gian thực hiện: Quý II/2026", None),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_assignment_sentence(sentence, expected):
    assert read_assignment(sentence) == expected
