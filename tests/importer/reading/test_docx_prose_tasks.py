"""Tasks assigned in running text with "Đơn vị chủ trì thực hiện: ..." labels.

The body is shaped like cao-bang-stp-cchc-2026 (numbered lĩnh vực, "x.1. Mục tiêu",
"x.2. Nhiệm vụ" with dash bullets, lines hard-wrapped by a PDF conversion), plus the labels
that plans assigning work in prose carry.
"""

from __future__ import annotations

from importer.parsing.docx_reader import read_docx

from .docx_builders import P, build_docx

BODY = [
    P("KẾ HOẠCH"),
    P("Cải cách hành chính năm 2026"),
    P("Căn cứ Kế hoạch số 4110/KH-UBND ngày 31/12/2025 của UBND tỉnh, Sở ban hành Kế hoạch:"),
    P("I. MỤC ĐÍCH, YÊU CẦU"),
    P("- Xác định rõ trách nhiệm đơn vị chủ trì, đơn vị phối hợp."),
    P("II. MỤC TIÊU, NHIỆM VỤ CỤ THỂ"),
    P("1. Cải cách thể chế"),
    P("1.1. Mục tiêu"),
    P("- 100% văn bản quy phạm pháp luật được rà soát kịp thời;"),
    P("1.2. Nhiệm vụ"),
    P("- Tham mưu xây dựng, ban hành các VBQPPL thuộc lĩnh vực quản lý của"),
    P("ngành theo quy định;"),
    P("- Rà soát các VBQPPL thuộc lĩnh vực quản lý của ngành."),
    P("Đơn vị chủ trì thực hiện: Phòng Xây dựng và Thi hành pháp luật."),
    P("Đơn vị phối hợp thực hiện: Văn phòng Sở."),
    P("Thời gian thực hiện: Năm 2026."),
    P("2. Cải cách thủ tục hành chính (TTHC)"),
    P("2.1. Mục tiêu"),
    P("- Tỷ lệ giải quyết hồ sơ TTHC đúng hạn đạt từ 97% trở lên;"),
    P("2.2. Nhiệm vụ"),
    P("- Ban hành Kế hoạch kiểm soát TTHC năm 2026;"),
    P("Cơ quan chủ trì: Văn phòng Sở"),
    P("Thời gian hoàn thành: Quý I/2026"),
    P("Kết quả/Sản phẩm: Kế hoạch được ban hành"),
    P("- Số hóa hồ sơ, kết quả giải quyết TTHC;"),
    P("Đơn vị chủ trì thực hiện:"),
    P("- Phòng Hành chính tư pháp;"),
    P("- Văn phòng Sở."),
    P("Thời gian thực hiện: Thường xuyên."),
    P("2.3. Báo cáo định kỳ công tác kiểm soát TTHC"),
    P("Đơn vị chủ trì thực hiện: Văn phòng Sở"),
    P("Thời gian thực hiện: Định kỳ hằng quý"),
    P("III. TỔ CHỨC THỰC HIỆN"),
    P("1. Văn phòng Sở có trách nhiệm hướng dẫn, đôn đốc."),
]


def test_labelled_blocks_become_prose_tasks():
    doc = read_docx(build_docx(*BODY))
    assert [row.source for row in doc.rows] == ["prose"] * 7
    # The numbered headings above the tasks are sections (issue #13: the preview showed 0).
    assert [(row.code, row.content) for row in doc.sections] == [
        ("II", "MỤC TIÊU, NHIỆM VỤ CỤ THỂ"),
        ("1", "Cải cách thể chế"),
        ("2", "Cải cách thủ tục hành chính (TTHC)"),
    ]
    first, second, third, fourth = doc.tasks
    assert first.code == "1.2"
    assert first.content == (
        "- Tham mưu xây dựng, ban hành các VBQPPL thuộc lĩnh vực quản lý của ngành theo quy "
        "định;\n- Rà soát các VBQPPL thuộc lĩnh vực quản lý của ngành."
    )
    assert first.lead_text == "Phòng Xây dựng và Thi hành pháp luật."
    assert first.coordinating_text == "Văn phòng Sở."
    assert first.deadline_text == "Năm 2026."
    assert first.area_hint == "Cải cách thể chế"

    assert (second.code, second.content) == ("2.2", "- Ban hành Kế hoạch kiểm soát TTHC năm 2026;")
    assert second.lead_text == "Văn phòng Sở"
    assert second.deadline_text == "Quý I/2026"
    assert second.requirement == "Kế hoạch được ban hành"
    assert second.area_hint == "Cải cách thủ tục hành chính (TTHC)"

    # The block since the previous labelled block; an empty label takes the list below it.
    assert (third.code, third.content) == ("2.2", "- Số hóa hồ sơ, kết quả giải quyết TTHC;")
    assert third.lead_text == "- Phòng Hành chính tư pháp;\n- Văn phòng Sở."
    assert third.deadline_text == "Thường xuyên."

    # Labels right under a heading: the heading is the content.
    assert (fourth.code, fourth.content) == ("2.3", "Báo cáo định kỳ công tác kiểm soát TTHC")
    assert fourth.deadline_text == "Định kỳ hằng quý"

    assert [row.path for row in doc.tasks] == ["II/1.2", "II/2.2", "II/2.2~2", "II/2.3"]
    assert [row.position for row in doc.rows] == list(range(7))


def test_targets_are_read_around_prose_tasks():
    doc = read_docx(build_docx(*BODY))
    assert doc.target_sentences == [
        "100% văn bản quy phạm pháp luật được rà soát kịp thời;",
        "Tỷ lệ giải quyết hồ sơ TTHC đúng hạn đạt từ 97% trở lên;",
    ]


def test_deadline_label_alone_is_not_a_task():
    data = build_docx(
        P("KẾ HOẠCH"),
        P("Tuyên truyền năm 2026"),
        P("IV. THỜI GIAN THỰC HIỆN"),
        P("Thời gian thực hiện: Năm 2026"),
    )
    doc = read_docx(data, require_tasks=False)
    assert doc.rows == []
