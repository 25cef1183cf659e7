"""Unit duties under "TỔ CHỨC THỰC HIỆN": shown in the preview; tasks only when no other."""

from __future__ import annotations

import pytest

from importer.parsing.document import TextBlock
from importer.parsing.docx_reader import read_docx
from importer.parsing.narrative import unit_responsibilities

from .docx_builders import STANDARD_HEADER, P, T, build_docx, task_row


def _units(*texts: str) -> list[tuple[str, list[str]]]:
    blocks = [TextBlock(text) for text in texts]
    return [(unit.unit_text, unit.duties) for unit in unit_responsibilities(blocks)]


def test_thai_nguyen_cchc_units_and_unchanged_tasks(sample_bytes):
    doc = read_docx(sample_bytes("thai-nguyen-stp-cchc-2026.docx"))
    assert len(doc.tasks) == 9 and {row.source for row in doc.rows} == {"table"}
    assert [(unit.unit_text, len(unit.duties)) for unit in doc.unit_responsibilities] == [
        ("Các phòng, đơn vị thuộc Sở", 1),
        ("Phòng Xây dựng và Kiểm tra văn bản quy phạm pháp luật", 2),
        ("Văn phòng Sở", 3),
    ]
    office = doc.unit_responsibilities[-1]
    # A duty wrapped over two paragraphs is one duty; "Trên đây ..." is not a duty.
    assert office.duties[0].startswith("Là đơn vị thường trực, chủ trì tham mưu")
    assert "trong quá trình thực hiện; định kỳ hoặc đột xuất" in office.duties[0]
    assert office.duties[-1].startswith("Tham mưu tổ chức phát động các phong trào thi đua")


def test_kstthc_numbered_paragraphs_are_not_unit_blocks(sample_bytes):
    # "1. Trưởng các phòng, ... căn cứ nhiệm vụ được phân công ..." is a sentence, not a heading.
    doc = read_docx(sample_bytes("thai-nguyen-stp-kstthc-2026.docx"))
    assert doc.unit_responsibilities == []


@pytest.mark.parametrize(
    ("heading", "unit"),
    [
        ("1. Văn phòng Sở", "Văn phòng Sở"),
        ("1. Văn phòng Sở:", "Văn phòng Sở"),
        ("1. Văn phòng Sở có trách nhiệm:", "Văn phòng Sở"),
        ("2. Phòng Xây dựng và Thi hành pháp luật", "Phòng Xây dựng và Thi hành pháp luật"),
        ("3. Thanh tra Sở", "Thanh tra Sở"),
        ("4. Trung tâm Trợ giúp pháp lý", "Trung tâm Trợ giúp pháp lý"),
        ("5. Chi cục Thi hành án dân sự", "Chi cục Thi hành án dân sự"),
        ("6. Các phòng, đơn vị thuộc Sở", "Các phòng, đơn vị thuộc Sở"),
        ("7. Thủ trưởng các phòng, trung tâm", "Thủ trưởng các phòng, trung tâm"),
        ("8. Sở Nội vụ", "Sở Nội vụ"),
        ("9. Ban Tiếp công dân", "Ban Tiếp công dân"),
    ],
)
def test_unit_headings(heading, unit):
    assert _units("V. TỔ CHỨC THỰC HIỆN", heading, "- Chủ trì thực hiện.") == [
        (unit, ["Chủ trì thực hiện."])
    ]


@pytest.mark.parametrize(
    "heading",
    ["1. Chế độ báo cáo", "1. Phòng, chống tham nhũng", "1. Kinh phí thực hiện"],
)
def test_other_headings_are_not_units(heading):
    assert _units("V. TỔ CHỨC THỰC HIỆN", heading, "- Báo cáo định kỳ.") == []


def test_details_closing_remarks_and_section_end():
    assert _units(
        "II. NHIỆM VỤ",
        "1. Văn phòng Sở",
        "- Không thuộc tổ chức thực hiện.",
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Văn phòng Sở",
        "- Tham mưu tổ chức các hoạt động:",
        "+ Hội nghị sơ kết;",
        "+ Hội nghị tổng kết.",
        "- Tổng hợp báo cáo.",
        "Các đơn vị báo cáo định kỳ về Văn phòng Sở.",
        "- Không phải nhiệm vụ của Văn phòng Sở.",
        "2. Chế độ báo cáo",
        "- Không phải đơn vị.",
        "3. Phòng Hành chính tư pháp",
        "- Cập nhật TTHC.",
        "IV. KINH PHÍ",
        "1. Văn phòng Sở",
        "- Lập dự toán.",
    ) == [
        (
            "Văn phòng Sở",
            [
                "Tham mưu tổ chức các hoạt động:\n+ Hội nghị sơ kết;\n+ Hội nghị tổng kết.",
                "Tổng hợp báo cáo.",
            ],
        ),
        ("Phòng Hành chính tư pháp", ["Cập nhật TTHC."]),
    ]


def test_units_are_read_beside_a_task_table():
    doc = read_docx(
        build_docx(
            P("KẾ HOẠCH"),
            P("Cải cách hành chính năm 2026"),
            P("III. TỔ CHỨC THỰC HIỆN"),
            P("1. Văn phòng Sở"),
            P("Rà soát văn bản quy phạm pháp luật;", list_level=0),
            P("Tổng hợp báo cáo.", list_level=0),
            T([STANDARD_HEADER, task_row("1", "Việc một")]),
        )
    )
    assert [row.content for row in doc.rows] == ["Việc một"]
    assert [(unit.unit_text, unit.duties) for unit in doc.unit_responsibilities] == [
        ("Văn phòng Sở", ["Rà soát văn bản quy phạm pháp luật;", "Tổng hợp báo cáo."])
    ]
