"""cao-bang-stp-cchc-2026: a narrative plan read from its "Nhiệm vụ" bullets.

Counted by hand from shared/seeds/cao-bang-stp-cchc-2026.txt ("II. MỤC TIÊU, NHIỆM VỤ CỤ THỂ"):
  1.2 Nhiệm vụ  -> 1.2.1 (6 bullets), 1.2.2 (4 bullets)     10
  2.2 Nhiệm vụ  -> 5 bullets                                   5
  3.2 Nhiệm vụ  -> 4 bullets (one split by a page break)       4
  4.2 Nhiệm vụ  -> 6 bullets                                   6
  5.2 Nhiệm vụ  -> 3 bullets                                   3
  6.2 Nhiệm vụ  -> 6 bullets                                   6
  7.2 Nhiệm vụ  -> 4 bullets                                   4
  tasks 38; section rows: seven "x.2. Nhiệm vụ" + "1.2.1" + "1.2.2" = 9.
"III. NHIỆM VỤ CỤ THỂ (Có phụ lục chi tiết kèm theo)" has no bullets: no rows, a warning.
"V. TỔ CHỨC THỰC HIỆN": 4 units with 4, 2, 2 and 6 duty bullets.
"""

from __future__ import annotations

from collections import Counter

import pytest

from importer.parsing.docx_reader import read_docx

SAMPLE = "cao-bang-stp-cchc-2026.docx"


@pytest.fixture
def doc(sample_bytes):
    return read_docx(sample_bytes(SAMPLE))


def test_counts(doc):
    assert len(doc.tasks) == 38
    assert len(doc.sections) == 9
    assert {row.source for row in doc.rows} == {"narrative"}
    assert [row.position for row in doc.rows] == list(range(47))


@pytest.mark.parametrize(
    ("area", "tasks"),
    [
        ("Cải cách thể chế", 10),
        ("Cải cách thủ tục hành chính (TTHC)", 5),
        ("Cải cách tổ chức bộ máy hành chính nhà nước", 4),
        ("Cải cách chế độ công vụ", 6),
        ("Cải cách tài chính công", 3),
        ("Xây dựng và phát triển Chính quyền điện tử, Chính quyền số", 6),
        ("Công tác chỉ đạo, điều hành", 4),
    ],
)
def test_tasks_per_area(doc, area, tasks):
    assert Counter(row.area_hint for row in doc.tasks)[area] == tasks


def test_section_rows(doc):
    assert [(row.code, row.content, row.path) for row in doc.sections] == [
        ("1.2", "Nhiệm vụ", "II/1.2"),
        (
            "1.2.1",
            "Thực hiện nhiệm vụ tham mưu UBND tỉnh trong lĩnh vực cải cách thể chế",
            "II/1.2.1",
        ),
        ("1.2.2", "Thực hiện nhiệm vụ cải cách thể chế của Sở Tư pháp", "II/1.2.2"),
        ("2.2", "Nhiệm vụ", "II/2.2"),
        ("3.2", "Nhiệm vụ", "II/3.2"),
        ("4.2", "Nhiệm vụ", "II/4.2"),
        ("5.2", "Nhiệm vụ", "II/5.2"),
        ("6.2", "Nhiệm vụ", "II/6.2"),
        ("7.2", "Nhiệm vụ", "II/7.2"),
    ]
    assert [row.parent_path for row in doc.sections[:3]] == [None, "II/1.2", "II/1.2"]


@pytest.mark.parametrize(
    ("code", "tasks"),
    [
        ("1.2.1", 6),
        ("1.2.2", 4),
        ("2.2", 5),
        ("3.2", 4),
        ("4.2", 6),
        ("5.2", 3),
        ("6.2", 6),
        ("7.2", 4),
    ],
)
def test_tasks_carry_the_enclosing_heading_number(doc, code, tasks):
    rows = [row for row in doc.tasks if row.code == code]
    assert len(rows) == tasks
    assert [row.path for row in rows] == [f"II/{code}/-{n}" for n in range(1, tasks + 1)]
    assert {row.parent_path for row in rows} == {f"II/{code}"}


def test_first_and_last_task(doc):
    first, last = doc.tasks[0], doc.tasks[-1]
    assert (first.code, first.path, first.parent_code) == ("1.2.1", "II/1.2.1/-1", "1.2.1")
    assert first.content == (
        "Phối hợp xây dựng, hoàn thiện các VBQPPL trên tất cả các lĩnh vực nhằm phát triển "
        "kinh tế - xã hội của địa phương;"
    )
    assert first.area_hint == "Cải cách thể chế"
    assert (last.code, last.path) == ("7.2", "II/7.2/-4")
    assert last.content == (
        "Bố trí đảm bảo nguồn tài chính cho việc triển khai thực hiện các nhiệm vụ tại Kế hoạch "
        "CCHC của Sở năm 2026 theo phân cấp quản lý ngân sách nhà nước hiện hành."
    )


def test_wrapped_bullets_are_joined(doc):
    rows = {row.path: row for row in doc.tasks}
    # Split over three paragraphs in the file, the last one starting in upper case.
    assert rows["II/7.2/-2"].content.endswith(
        "tăng cường hiểu biết về CCHC, sự tham gia của người dân, doanh nghiệp và các tổ chức xã "
        "hội trong triển khai CCHC;"
    )
    # Continued on the next page in a paragraph starting with "Nghị định ...".
    assert "và Nghị định số 120/2020/NĐ-CP ngày 07/10/2020" in rows["II/3.2/-2"].content
    assert all("\n" not in row.content for row in doc.tasks)


def test_units_and_deadlines_are_left_to_the_preview(doc):
    assert all(
        not (row.lead_text or row.coordinating_text or row.deadline_text) for row in doc.rows
    )
    narrative = [w for w in doc.warnings if "không ghi đơn vị chủ trì" in w]
    assert len(narrative) == 1
    assert "bước xem trước" in narrative[0]


def test_missing_appendix_warning(doc):
    appendix = [w for w in doc.warnings if "phụ lục" in w.lower()]
    assert len(appendix) == 1
    assert "“(Có phụ lục chi tiết kèm theo)”" in appendix[0]
    assert ".docx hoặc .xlsx" in appendix[0]
    assert len(doc.warnings) == 2


def test_metadata(doc):
    meta = doc.metadata
    assert meta.title == "Cải cách hành chính năm 2026"
    assert meta.year == 2026
    assert "4110/KH-UBND ngày 31/12/2025" in meta.basis_refs
    assert meta.basis_refs == ["76/NQ-CP ngày 15/7/2021", "4110/KH-UBND ngày 31/12/2025"]
    assert (meta.signer_title, meta.signer) == ("GIÁM ĐỐC", "Đoàn Trọng Hùng")


def test_unit_responsibilities(doc):
    blocks = doc.unit_responsibilities
    assert [(block.unit_text, len(block.duties)) for block in blocks] == [
        ("Văn phòng Sở Tư pháp", 4),
        ("Phòng Xây dựng và Thi hành pháp luật", 2),
        ("Phòng Hành chính tư pháp và Bổ trợ tư pháp", 2),
        ("Thủ trưởng các phòng, trung tâm thuộc Sở Tư pháp", 6),
    ]
    office = blocks[0]
    assert office.duties[0] == (
        "Có trách nhiệm hướng dẫn, kiểm tra, đôn đốc các đơn vị thực hiện các nhiệm vụ CCHC "
        "theo Kế hoạch này;"
    )
    assert office.duties[1].startswith(
        "Chủ trì tham mưu thực hiện các nhiệm vụ về công tác chỉ đạo, điều hành CCHC; cải cách"
    )
    # The closing paragraph after the last unit's bullets is not one of its duties.
    assert blocks[-1].duties[-1] == (
        "Cung cấp các thông tin để đăng tải trên Trang Thông tin điện tử của Sở Tư pháp theo "
        "quy định."
    )
    # Duties are never tasks.
    duties = {duty for block in blocks for duty in block.duties}
    assert not duties & {row.content for row in doc.rows}
