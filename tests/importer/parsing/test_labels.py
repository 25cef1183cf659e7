"""Every label agencies write before the lead and coordinating units of a prose task."""

from __future__ import annotations

import pytest

from importer.parsing.metadata import split_label

CASES = [
    ("Đơn vị chủ trì thực hiện: Văn phòng Sở", ("lead", "Văn phòng Sở")),
    ("Đơn vị chủ trì: Văn phòng Sở", ("lead", "Văn phòng Sở")),
    ("Cơ quan chủ trì: Văn phòng Sở", ("lead", "Văn phòng Sở")),
    ("- Chủ trì: Phòng Hành chính tư pháp", ("lead", "Phòng Hành chính tư pháp")),
    ("Đơn vị thực hiện: Văn phòng Sở", ("lead", "Văn phòng Sở")),
    ("Cơ quan thực hiện: Các phòng, đơn vị thuộc Sở", ("lead", "Các phòng, đơn vị thuộc Sở")),
    ("Đơn vị chịu trách nhiệm: Văn phòng Sở", ("lead", "Văn phòng Sở")),
    ("Trách nhiệm thực hiện: Văn phòng Sở", ("lead", "Văn phòng Sở")),
    ("Đơn vị tham mưu: Văn phòng Sở", ("lead", "Văn phòng Sở")),
    ("Đơn vị đầu mối: Văn phòng Sở", ("lead", "Văn phòng Sở")),
    ("Đơn vị phối hợp: Các phòng, đơn vị thuộc Sở", ("coordinating", "Các phòng, đơn vị thuộc Sở")),
    ("Đơn vị phối hợp thực hiện: Văn phòng Sở.", ("coordinating", "Văn phòng Sở.")),
    ("Cơ quan phối hợp: Sở Nội vụ", ("coordinating", "Sở Nội vụ")),
    ("- Phối hợp: Văn phòng Sở", ("coordinating", "Văn phòng Sở")),
    ("Đơn vị chủ trì, phối hợp: Văn phòng Sở", ("lead", "Văn phòng Sở")),
    ("Thời gian thực hiện: Quý II/2026", ("deadline", "Quý II/2026")),
    ("Thời hạn hoàn thành: Trước 30/6/2026", ("deadline", "Trước 30/6/2026")),
    ("Kết quả/Sản phẩm: Kế hoạch được ban hành", ("requirement", "Kế hoạch được ban hành")),
    ("Đơn vị thực hiện kế hoạch này là toàn bộ công chức: không rõ", None),  # too many words
    ("Mục tiêu: nâng cao chỉ số CCHC", None),
    ("Nội dung: rà soát thủ tục", None),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_label(text, expected):
    assert split_label(text) == expected
