"""Sentences under "TỔ CHỨC THỰC HIỆN" that assign duties ("Giao X chủ trì, phối hợp với Y").

They are read as units' duties with a lead and coordinating units (`stated`); they suggest the
lead of areas whose tasks name none, and are the tasks of a plan that has no task table, no
labelled prose task and no "Nhiệm vụ" bullets.
"""

from __future__ import annotations

import pytest

from importer.parsing.assignment import suggest_area_leads
from importer.parsing.document import TextBlock
from importer.parsing.docx_reader import read_docx
from importer.parsing.narrative import unit_responsibilities

from .docx_builders import STANDARD_HEADER, P, T, build_docx, task_row

SECTION = "III. TỔ CHỨC THỰC HIỆN"
GIAO = (
    "1. Giao Văn phòng Sở chủ trì, phối hợp với các phòng, đơn vị thuộc Sở theo dõi, đôn đốc, "
    "kiểm tra việc triển khai thực hiện Kế hoạch này; định kỳ tổng hợp, báo cáo kết quả."
)
CHU_TRI = (
    "2. Phòng Xây dựng và Kiểm tra văn bản QPPL chủ trì, phối hợp với Văn phòng Sở tham mưu "
    "triển khai các nhiệm vụ về cải cách thể chế."
)
COLON = (
    "3. Thanh tra Sở: chủ trì kiểm tra công vụ, kiểm tra việc chấp hành kỷ luật, kỷ cương "
    "hành chính; phối hợp với Văn phòng Sở tổng hợp kết quả."
)
CAC_SO = (
    "4. Các phòng, đơn vị thuộc Sở có trách nhiệm triển khai thực hiện nghiêm túc các nhiệm "
    "vụ được giao tại Kế hoạch này."
)


def _stated(*texts: str) -> list[tuple[str, str, int]]:
    units = unit_responsibilities([TextBlock(text) for text in (SECTION, *texts)])
    assert all(unit.stated for unit in units)
    return [(unit.unit_text, unit.coordinating_text, len(unit.duties)) for unit in units]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (GIAO, ("Văn phòng Sở", "các phòng, đơn vị thuộc Sở", 1)),
        (CHU_TRI, ("Phòng Xây dựng và Kiểm tra văn bản QPPL", "Văn phòng Sở", 1)),
        (COLON, ("Thanh tra Sở", "Văn phòng Sở", 1)),
        (CAC_SO, ("Các phòng, đơn vị thuộc Sở", "", 1)),
        (
            "- Giao Trung tâm Trợ giúp pháp lý chủ trì, phối hợp với Phòng Bổ trợ tư pháp, "
            "Thanh tra Sở tổ chức truyền thông về CCHC.",
            ("Trung tâm Trợ giúp pháp lý", "Phòng Bổ trợ tư pháp, Thanh tra Sở", 1),
        ),
    ],
    ids=["giao", "chu-tri", "colon", "co-trach-nhiem", "bullet"],
)
def test_each_sentence_form_gives_lead_and_coordinating(paragraph, expected):
    assert _stated(paragraph) == [expected]


def test_consecutive_sentences_are_separate_duties():
    assert _stated(GIAO, CHU_TRI, COLON, CAC_SO) == [
        ("Văn phòng Sở", "các phòng, đơn vị thuộc Sở", 1),
        ("Phòng Xây dựng và Kiểm tra văn bản QPPL", "Văn phòng Sở", 1),
        ("Thanh tra Sở", "Văn phòng Sở", 1),
        ("Các phòng, đơn vị thuộc Sở", "", 1),
    ]


def test_a_stated_duty_keeps_its_bullets_and_ends_at_a_plain_paragraph():
    units = unit_responsibilities(
        [
            TextBlock(SECTION),
            TextBlock("Giao Văn phòng Sở chủ trì, phối hợp với Thanh tra Sở thực hiện:"),
            TextBlock("- Tổng hợp báo cáo định kỳ;"),
            TextBlock("- Kiểm tra công tác CCHC."),
            TextBlock("Trong quá trình thực hiện, nếu có vướng mắc, báo cáo Giám đốc Sở."),
        ]
    )
    [office] = units
    assert (office.unit_text, office.coordinating_text) == ("Văn phòng Sở", "Thanh tra Sở")
    assert office.duties[1:] == ["Tổng hợp báo cáo định kỳ;", "Kiểm tra công tác CCHC."]


@pytest.mark.parametrize(
    "paragraph",
    [
        "1. Trưởng các phòng, Thủ trưởng các đơn vị thuộc Sở căn cứ nhiệm vụ được phân công "
        "tại Kế hoạch này phổ biến, quán triệt đến công chức, viên chức.",  # no assignment form
        "Kinh phí thực hiện Kế hoạch được bố trí trong dự toán năm 2026.",
    ],
)
def test_sentences_without_an_assignment_form_are_not_duties(paragraph):
    assert _stated(paragraph) == []


def test_a_sentence_outside_the_section_is_not_read():
    texts = ("II. NHIỆM VỤ", GIAO, "IV. KINH PHÍ", GIAO)
    blocks = [TextBlock(text) for text in texts]
    assert unit_responsibilities(blocks) == []


HEAD = [P("KẾ HOẠCH", bold=True), P("Kiểm soát thủ tục hành chính năm 2026", bold=True)]


def test_a_plan_with_only_stated_duties_takes_its_tasks_from_them():
    doc = read_docx(
        build_docx(
            *HEAD,
            P("I. MỤC ĐÍCH, YÊU CẦU"),
            P("Nâng cao chất lượng giải quyết thủ tục hành chính."),
            P(SECTION),
            P(GIAO),
            P(COLON),
            P("2. Phòng Hành chính tư pháp"),
            P("- Chủ trì, phối hợp với Văn phòng Sở cập nhật thủ tục hành chính;"),
            P("- Phối hợp với Văn phòng Sở công khai thủ tục hành chính."),
            P("Trên đây là Kế hoạch kiểm soát thủ tục hành chính năm 2026."),
        )
    )
    assert [(r.code, r.lead_text, r.coordinating_text) for r in doc.rows] == [
        ("1", "Văn phòng Sở", "các phòng, đơn vị thuộc Sở"),
        ("2", "Thanh tra Sở", "Văn phòng Sở"),
        ("3", "Phòng Hành chính tư pháp", "Văn phòng Sở"),
        # The unit only helps here: no lead, so the preview asks for one.
        ("4", "", "Phòng Hành chính tư pháp"),
    ]
    assert doc.rows[0].content == GIAO[3:]
    assert len({row.path for row in doc.rows}) == 4
    assert any("Tổ chức thực hiện" in warning for warning in doc.warnings)


def test_a_task_table_wins_and_the_sentences_stay_duties():
    doc = read_docx(
        build_docx(
            *HEAD,
            P(SECTION),
            P(GIAO),
            T([STANDARD_HEADER, task_row("1", "Rà soát thủ tục hành chính")], header_rows=1),
        )
    )
    assert [row.content for row in doc.rows] == ["Rà soát thủ tục hành chính"]
    assert [unit.unit_text for unit in doc.unit_responsibilities] == ["Văn phòng Sở"]
    assert not any("Tổ chức thực hiện" in warning for warning in doc.warnings)


def test_a_stated_sentence_suggests_the_lead_of_the_area_it_names():
    doc = read_docx(
        build_docx(
            *HEAD,
            P("II. NHIỆM VỤ"),
            P("1. Cải cách thể chế"),
            P("- Rà soát văn bản quy phạm pháp luật."),
            P(SECTION),
            # A unit block whose duty only mentions the area, then the sentence that assigns it.
            P("1. Văn phòng Sở"),
            P("- Theo dõi các nhiệm vụ về cải cách thể chế."),
            P("Căn cứ Kế hoạch này, các phòng có trách nhiệm báo cáo."),
            P(CHU_TRI),
        )
    )
    assert [row.lead_text for row in doc.tasks] == [""]  # the bullet names no unit
    suggestions = suggest_area_leads(["Cải cách thể chế"], doc.unit_responsibilities)
    assert suggestions["Cải cách thể chế"].unit_text == "Phòng Xây dựng và Kiểm tra văn bản QPPL"
