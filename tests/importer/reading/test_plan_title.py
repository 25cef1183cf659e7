"""The title is the lines after "KẾ HOẠCH" and stops there: never the paragraph after it."""

from __future__ import annotations

import pytest

from importer.parsing.document import TextBlock
from importer.parsing.metadata import extract_metadata

B = True


@pytest.mark.parametrize(
    ("blocks", "title"),
    [
        (
            [
                TextBlock("KẾ HOẠCH", B),
                TextBlock("Khắc phục tồn tại, hạn chế trong công tác CCHC", B),
                TextBlock("năm 2026", B),
                TextBlock("Nhằm nâng cao Chỉ số CCHC của Sở, Sở Tư pháp xây dựng kế hoạch"),
            ],
            "Khắc phục tồn tại, hạn chế trong công tác CCHC năm 2026",
        ),
        (
            [
                TextBlock("KẾ HOẠCH"),
                TextBlock("Cải cách hành chính năm 2026"),
                TextBlock("Để triển khai có hiệu quả công tác cải cách hành chính năm 2026."),
            ],
            "Cải cách hành chính năm 2026",
        ),
        (
            [
                TextBlock("KẾ HOẠCH", B),
                TextBlock("Kiểm soát thủ tục hành chính", B),
                TextBlock("Thực hiện Kế hoạch số 182/KH-UBND ngày 25/12/2025 của UBND tỉnh"),
            ],
            "Kiểm soát thủ tục hành chính",
        ),
        (
            [
                TextBlock("KẾ HOẠCH: Tuyên truyền cải cách hành chính năm 2026", B),
                TextBlock("Sở Tư pháp ban hành Kế hoạch tuyên truyền như sau:"),
            ],
            "Tuyên truyền cải cách hành chính năm 2026",
        ),
    ],
)
def test_title_stops_at_the_title(blocks, title):
    metadata, _warnings = extract_metadata(blocks)
    assert metadata.title == title
