"""Tasks read from bullets under "Nhiệm vụ" headings when a plan has no task table.

See the rules in importer/parsing/narrative.py. "+" sub-bullets are folded into the content of
the "-" bullet before them (one task stays one task).
"""

from __future__ import annotations

import pytest

from importer.parsing.document import ImportFileError, TextBlock
from importer.parsing.docx_reader import read_docx
from importer.parsing.metadata import join_wrapped
from importer.parsing.narrative import narrative_tasks

from .docx_builders import STANDARD_HEADER, P, T, build_docx, task_row

HEAD = [P("KẾ HOẠCH"), P("Cải cách hành chính năm 2026")]


def _read(*blocks, require_tasks: bool = True):
    return read_docx(build_docx(*HEAD, *blocks), require_tasks=require_tasks)


def _outline(doc) -> list[tuple[str, str, str, str]]:
    return [("S" if r.is_section else "T", r.code, r.path, r.content) for r in doc.rows]


def test_list_numbered_bullets():
    doc = _read(
        P("II. NỘI DUNG KẾ HOẠCH"),
        P("1. Cải cách thể chế"),
        P("1.2. Nhiệm vụ"),
        P("Rà soát văn bản quy phạm pháp luật;", list_level=0),
        P("Theo dõi thi hành pháp luật;", list_level=0),
        P("theo kế hoạch của tỉnh.", list_level=1),
        P("2. Cải cách thủ tục hành chính"),
        P("2.2. Nhiệm vụ"),
        P("Công bố thủ tục hành chính.", list_level=0),
    )
    assert _outline(doc) == [
        ("S", "1.2", "II/1.2", "Nhiệm vụ"),
        ("T", "1.2", "II/1.2/-1", "Rà soát văn bản quy phạm pháp luật;"),
        ("T", "1.2", "II/1.2/-2", "Theo dõi thi hành pháp luật;\ntheo kế hoạch của tỉnh."),
        ("S", "2.2", "II/2.2", "Nhiệm vụ"),
        ("T", "2.2", "II/2.2/-1", "Công bố thủ tục hành chính."),
    ]
    assert [row.area_hint for row in doc.tasks] == [
        "Cải cách thể chế",
        "Cải cách thể chế",
        "Cải cách thủ tục hành chính",
    ]
    assert all(row.source == "narrative" for row in doc.rows)


def test_list_bullet_style_paragraphs():
    doc = _read(
        P("1. Cải cách thể chế"),
        P("Nhiệm vụ cụ thể", bold=True),
        P("Rà soát văn bản", style="List Bullet"),
        P("Kiểm tra văn bản", style="List Bullet"),
    )
    assert _outline(doc) == [
        ("S", "", "1/#1", "Nhiệm vụ cụ thể"),
        ("T", "1", "1/#1/-1", "Rà soát văn bản"),
        ("T", "1", "1/#1/-2", "Kiểm tra văn bản"),
    ]


def test_plus_sub_bullets_fold_into_the_previous_bullet():
    doc = _read(
        P("1. Cải cách hành chính"),
        P("1.2. Nhiệm vụ"),
        P("- Tổ chức tập huấn nghiệp vụ:"),
        P("+ Cho công chức làm công tác kiểm soát TTHC;"),
        P("+ Cho viên chức Bộ phận Một cửa."),
        P("– Kiểm tra công tác CCHC tại 30% đơn vị."),
    )
    assert _outline(doc) == [
        ("S", "1.2", "1.2", "Nhiệm vụ"),
        (
            "T",
            "1.2",
            "1.2/-1",
            "Tổ chức tập huấn nghiệp vụ:\n+ Cho công chức làm công tác kiểm soát TTHC;\n"
            "+ Cho viên chức Bộ phận Một cửa.",
        ),
        ("T", "1.2", "1.2/-2", "Kiểm tra công tác CCHC tại 30% đơn vị."),
    ]


def test_plus_bullets_are_tasks_when_they_are_the_only_kind():
    doc = _read(P("1.2. Nhiệm vụ"), P("+ Việc một;"), P("+ Việc hai."))
    assert [row.content for row in doc.tasks] == ["Việc một;", "Việc hai."]


def test_table_wins_over_nhiem_vu_bullets():
    doc = _read(
        P("II. NHIỆM VỤ"),
        P("1.2. Nhiệm vụ"),
        P("- Rà soát văn bản quy phạm pháp luật;"),
        P("(Có phụ lục chi tiết kèm theo)"),
        T([STANDARD_HEADER, task_row("1", "Việc trong bảng")]),
    )
    assert [(row.source, row.content) for row in doc.rows] == [("table", "Việc trong bảng")]
    assert doc.warnings == []


def test_labelled_prose_wins_over_bullets():
    doc = _read(
        P("1.2. Nhiệm vụ"),
        P("- Rà soát văn bản quy phạm pháp luật."),
        P("Đơn vị chủ trì thực hiện: Văn phòng Sở"),
        P("2.2. Nhiệm vụ"),
        P("- Việc không có nhãn."),
    )
    # The unlabelled sibling is a prose task without units (issue #13), not a narrative bullet.
    assert [(row.source, row.code, row.lead_text) for row in doc.rows] == [
        ("prose", "1.2", "Văn phòng Sở"),
        ("prose", "2.2", ""),
    ]
    assert not any("không ghi đơn vị chủ trì" in warning for warning in doc.warnings)


def test_sub_headings_group_bullets_and_an_empty_one_is_a_task():
    doc = _read(
        P("II. MỤC TIÊU, NHIỆM VỤ CỤ THỂ"),
        P("1. Cải cách thể chế"),
        P("1.1. Mục tiêu"),
        P("- 100% văn bản được rà soát;"),
        P("1.2. Nhiệm vụ"),
        P("- Việc chung của lĩnh vực;"),
        P("1.2.1. Tham mưu UBND tỉnh"),
        P("- Việc một;"),
        P("1.2.2. Báo cáo định kỳ công tác cải cách thể chế"),
        P("2. Cải cách thủ tục hành chính"),
        P("- Không thuộc mục Nhiệm vụ."),
    )
    assert _outline(doc) == [
        ("S", "1.2", "II/1.2", "Nhiệm vụ"),
        ("T", "1.2", "II/1.2/-1", "Việc chung của lĩnh vực;"),
        ("S", "1.2.1", "II/1.2.1", "Tham mưu UBND tỉnh"),
        ("T", "1.2.1", "II/1.2.1/-1", "Việc một;"),
        ("T", "1.2.2", "II/1.2.2", "Báo cáo định kỳ công tác cải cách thể chế"),
    ]
    assert [row.parent_path for row in doc.rows] == [None, "II/1.2", "II/1.2", "II/1.2.1", "II/1.2"]
    assert doc.target_sentences == ["100% văn bản được rà soát;"]


def test_unmarked_paragraphs():
    doc = _read(
        P("III. NHIỆM VỤ CỤ THỂ"),
        P("Các phòng, đơn vị thực hiện các nhiệm vụ sau:"),
        P("Rà soát văn bản quy phạm pháp luật."),
        P("- Tổ chức các hoạt động:"),
        P("Hội nghị tập huấn."),
        P("1 Quy định chế độ tự chủ tài chính."),
        P("(Có Danh mục nhiệm vụ kèm theo)"),
        P("Trên đây là Kế hoạch cải cách hành chính năm 2026."),
        P("- Không phải nhiệm vụ."),
    )
    # Lead-in, footnote and note skipped; a paragraph after a task ending in ":" folded into it;
    # "Trên đây ..." closes the block.
    assert _outline(doc) == [
        ("S", "III", "III", "NHIỆM VỤ CỤ THỂ"),
        ("T", "III", "III/-1", "Rà soát văn bản quy phạm pháp luật."),
        ("T", "III", "III/-2", "Tổ chức các hoạt động:\nHội nghị tập huấn."),
    ]
    assert doc.tasks[0].area_hint == ""
    assert any("“(Có Danh mục nhiệm vụ kèm theo)”" in warning for warning in doc.warnings)


def test_numbered_items_keep_their_number():
    # Shaped like thai-nguyen-stp-kstthc-2026 "II. NHIỆM VỤ" without its appendix.
    doc = _read(
        P("II. NHIỆM VỤ", bold=True),
        P(
            "1. Tiếp tục thực hiện các nhiệm vụ, giải pháp tại Nghị quyết số 66/NQ-CP ngày "
            "26/3/2025 của Chính phủ về cắt giảm, đơn giản hóa thủ tục hành chính."
        ),
        P(
            "2. Đổi mới, nâng cao hiệu quả việc thực hiện cơ chế một cửa, một cửa liên thông và "
            "thực hiện TTHC trên môi trường điện tử, cụ thể:"
        ),
        P("a) Xử lý trách nhiệm người đứng đầu;"),
        P("b) Xin lỗi khi giải quyết hồ sơ quá hạn."),
    )
    assert [(row.code, row.path) for row in doc.tasks] == [("1", "II/1"), ("2", "II/2")]
    assert doc.tasks[1].content.endswith(
        "trên môi trường điện tử, cụ thể:\n"
        "a) Xử lý trách nhiệm người đứng đầu;\nb) Xin lỗi khi giải quyết hồ sơ quá hạn."
    )


def test_a_short_numbered_line_with_items_is_a_sub_heading():
    doc = _read(
        P("II. NHIỆM VỤ", bold=True),
        P("2. Đổi mới cơ chế một cửa như sau:"),
        P("a) Xử lý trách nhiệm người đứng đầu;"),
        P("b) Xin lỗi khi giải quyết hồ sơ quá hạn."),
    )
    assert _outline(doc) == [
        ("S", "II", "II", "NHIỆM VỤ"),
        ("S", "2", "II/2", "Đổi mới cơ chế một cửa như sau:"),
        ("T", "2", "II/2/-1", "a) Xử lý trách nhiệm người đứng đầu;"),
        ("T", "2", "II/2/-2", "b) Xin lỗi khi giải quyết hồ sơ quá hạn."),
    ]


def test_lettered_sub_headings_and_target_sub_sections():
    doc = _read(
        P("II. NHIỆM VỤ, GIẢI PHÁP"),
        P("1. Cải cách thể chế"),
        P("1.1. Mục tiêu"),
        P("- 100% văn bản được rà soát;"),
        P("1.2. Nhiệm vụ"),
        P("a) Tham mưu UBND tỉnh"),
        P("- Việc một;"),
        P("- Việc hai."),
        P("b) Thực hiện tại Sở"),
        P("- Việc ba."),
    )
    assert _outline(doc) == [
        ("S", "II", "II", "NHIỆM VỤ, GIẢI PHÁP"),
        ("S", "1", "II/1", "Cải cách thể chế"),
        ("S", "1.2", "II/1.2", "Nhiệm vụ"),
        ("S", "a", "II/1.2/a", "Tham mưu UBND tỉnh"),
        ("T", "1.2", "II/1.2/a/-1", "Việc một;"),
        ("T", "1.2", "II/1.2/a/-2", "Việc hai."),
        ("S", "b", "II/1.2/b", "Thực hiện tại Sở"),
        ("T", "1.2", "II/1.2/b/-1", "Việc ba."),
    ]
    assert doc.rows[0].area_hint == ""  # the Nhiệm vụ heading itself is no area
    assert {row.area_hint for row in doc.rows[1:]} == {"Cải cách thể chế"}


@pytest.mark.parametrize(
    "title",
    [
        "1.2. Nhiệm vụ",
        "1.2. Nhiệm vụ:",
        "1.2. NHIỆM VỤ CỤ THỂ",
        "1.2. Nhiệm vụ, giải pháp",
        "1.2. Nhiệm vụ và giải pháp chủ yếu",
        "1.2. Các nhiệm vụ trọng tâm năm 2026",
        "b) Nhiệm vụ",
        "Nhiệm vụ:",
    ],
)
def test_nhiem_vu_heading_titles(title):
    doc = _read(P("1. Cải cách thể chế"), P(title), P("- Rà soát văn bản."))
    assert [row.content for row in doc.tasks] == ["Rà soát văn bản."]
    assert doc.tasks[0].area_hint == "Cải cách thể chế"


@pytest.mark.parametrize(
    "title",
    ["II. MỤC TIÊU, NHIỆM VỤ CỤ THỂ", "1.1. Mục tiêu", "1.2. Nhiệm vụ của Văn phòng Sở là"],
)
def test_other_headings_are_not_task_lists(title):
    doc = _read(P(title), P("- Rà soát văn bản."), require_tasks=False)
    assert doc.rows == []


def test_duplicate_headings_get_unique_paths():
    doc = _read(
        P("1.2. Nhiệm vụ"),
        P("- Việc một."),
        P("1.2. Nhiệm vụ"),
        P("- Việc hai."),
    )
    paths = [row.path for row in doc.rows]
    assert paths == ["1.2", "1.2/-1", "1.2~2", "1.2~2/-1"]


def test_nothing_to_read_still_raises():
    with pytest.raises(ImportFileError) as error:
        _read(P("I. MỤC ĐÍCH, YÊU CẦU"), P("- Nâng cao chất lượng."))
    assert "Không tìm thấy bảng nhiệm vụ" in str(error.value)


def test_nothing_to_read_names_the_missing_appendix():
    with pytest.raises(ImportFileError) as error:
        _read(P("III. NHIỆM VỤ CỤ THỂ"), P("(Có phụ lục chi tiết kèm theo)"))
    message = str(error.value)
    assert "Không tìm thấy bảng nhiệm vụ" in message
    assert "“(Có phụ lục chi tiết kèm theo)”" in message and ".xlsx" in message


def test_pure_function_on_text_blocks():
    rows = narrative_tasks(
        [
            TextBlock("1.2. Nhiệm vụ"),
            TextBlock("- Việc trong bảng", in_table=True),
            TextBlock("- A"),
        ]
    )
    assert [(row.path, row.content, row.position) for row in rows] == [
        ("1.2", "Nhiệm vụ", 0),
        ("1.2/-1", "A", 1),
    ]


def test_a_list_paragraph_never_continues_the_previous_one():
    joined = join_wrapped(
        [TextBlock("Rà soát văn bản", list_level=0), TextBlock("kiểm tra văn bản", list_level=0)]
    )
    assert [block.text for block in joined] == ["Rà soát văn bản", "kiểm tra văn bản"]
    assert [block.list_level for block in joined] == [0, 0]
