"""A remediation plan written as numbered headings, bullets and unit lines keeps its structure.

The shape of the plans issue #13 was filed for: "2.1. Công tác chỉ đạo, điều hành CCHC" with
bullets and "Đơn vị thực hiện:" / "Đơn vị phối hợp:" lines; a heading whose unit line the
plan forgot; headings above the tasks that name the lĩnh vực only through the chain.
"""

from __future__ import annotations

from importer.classify import area_code_for
from importer.parsing.docx_reader import read_docx

from .docx_builders import P, build_docx

PLAN = [
    P("SỞ TƯ PHÁP"),
    P("Số: /KH-STP"),
    P("KẾ HOẠCH", bold=True),
    P("Khắc phục tồn tại, hạn chế trong công tác cải cách hành chính năm 2025", bold=True),
    P("I. MỤC ĐÍCH, YÊU CẦU", bold=True),
    P("- Khắc phục kịp thời các tồn tại, hạn chế được chỉ ra."),
    P("II. NHIỆM VỤ, GIẢI PHÁP", bold=True),
    P("1. Nhóm nhiệm vụ khắc phục chung", bold=True),
    P("1.1. Công tác chỉ đạo, điều hành CCHC", bold=True),
    P("- Ban hành đầy đủ, kịp thời các kế hoạch CCHC năm 2026;"),
    P("- Tổ chức kiểm tra công tác CCHC tại các phòng, đơn vị."),
    P("Đơn vị thực hiện: Văn phòng Sở"),
    P("Đơn vị phối hợp: Các phòng, đơn vị thuộc Sở"),
    P("Thời gian thực hiện: Quý I/2026"),
    P("1.2. Cải cách thủ tục hành chính", bold=True),
    P("- Công khai đầy đủ thủ tục hành chính trên Cổng dịch vụ công."),
    P("1.3. Tuyên truyền cải cách hành chính", bold=True),
    P("- Đăng tải tin, bài về CCHC trên Trang thông tin điện tử của Sở."),
    P("Cơ quan chủ trì: Văn phòng Sở"),
    P("Cơ quan phối hợp: Các phòng chuyên môn"),
    P("III. TỔ CHỨC THỰC HIỆN", bold=True),
    P("Văn phòng Sở có trách nhiệm theo dõi, đôn đốc việc thực hiện Kế hoạch."),
]


def test_headings_are_kept_as_titles_and_sections():
    doc = read_docx(build_docx(*PLAN))
    assert [(row.code, row.content) for row in doc.sections] == [
        ("II", "NHIỆM VỤ, GIẢI PHÁP"),
        ("1", "Nhóm nhiệm vụ khắc phục chung"),
    ]
    assert [(row.code, row.title) for row in doc.tasks] == [
        ("1.1", "Công tác chỉ đạo, điều hành CCHC"),
        ("1.2", "Cải cách thủ tục hành chính"),
        ("1.3", "Tuyên truyền cải cách hành chính"),
    ]
    first = doc.tasks[0]
    assert first.content == (
        "- Ban hành đầy đủ, kịp thời các kế hoạch CCHC năm 2026;\n"
        "- Tổ chức kiểm tra công tác CCHC tại các phòng, đơn vị."
    )
    assert (first.lead_text, first.coordinating_text) == (
        "Văn phòng Sở",
        "Các phòng, đơn vị thuộc Sở",
    )
    assert first.deadline_text == "Quý I/2026"
    assert [row.path for row in doc.rows] == ["II", "II/1", "II/1.1", "II/1.2", "II/1.3"]


def test_a_heading_without_a_unit_line_is_a_task_without_a_lead():
    doc = read_docx(build_docx(*PLAN))
    forgotten = doc.tasks[1]
    assert forgotten.content == "- Công khai đầy đủ thủ tục hành chính trên Cổng dịch vụ công."
    assert (forgotten.lead_text, forgotten.coordinating_text) == ("", "")
    assert forgotten.is_task


def test_every_label_variant_reads_lead_and_coordinating():
    third = read_docx(build_docx(*PLAN)).tasks[2]
    assert (third.lead_text, third.coordinating_text) == ("Văn phòng Sở", "Các phòng chuyên môn")


def test_the_area_comes_from_the_heading_chain():
    tasks = read_docx(build_docx(*PLAN)).tasks
    codes = [area_code_for(row.area_hint) or area_code_for(row.title) for row in tasks]
    assert codes == ["chi-dao-dieu-hanh", "tthc", "tuyen-truyen"]


def test_purposes_and_duties_are_not_tasks():
    contents = [row.content for row in read_docx(build_docx(*PLAN)).rows]
    assert not any("Khắc phục kịp thời" in text or "theo dõi, đôn đốc" in text for text in contents)


def test_a_heading_without_labels_takes_the_units_its_sentence_names():
    plan = [*PLAN[:18]]
    plan[15] = P(
        "- Giao Văn phòng Sở chủ trì, phối hợp với Phòng Hành chính tư pháp tham mưu công khai "
        "đầy đủ thủ tục hành chính."
    )
    task = read_docx(build_docx(*plan, *PLAN[18:])).tasks[1]
    assert (task.code, task.lead_text, task.coordinating_text) == (
        "1.2",
        "Văn phòng Sở",
        "Phòng Hành chính tư pháp",
    )
