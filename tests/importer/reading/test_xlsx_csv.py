"""Excel and CSV task lists follow the same rules as Word tables."""

from __future__ import annotations

import io
import unicodedata

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font

from importer.parsing.document import ImportFileError
from importer.parsing.xlsx_reader import read_csv, read_xlsx

HEADER = [
    "STT",
    "Nội dung công việc",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian hoàn thành",
]


def _xlsx(build) -> bytes:
    workbook = Workbook()
    build(workbook.active)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_sample_appendix(sample_bytes):
    doc = read_xlsx(sample_bytes("thai-nguyen-stp-kstthc-2026-phu-luc.xlsx"))
    sections = [row for row in doc.rows if row.is_section]
    tasks = doc.tasks
    assert len(sections) == 7
    assert len(tasks) == 28
    assert [row.code for row in tasks if row.is_heading] == ["2.4", "2.5"]
    assert sum(row.merged_rows for row in doc.rows) == 4
    assert {row.source for row in doc.rows} == {"xlsx"}
    assert (tasks[0].code, tasks[0].lead_text, tasks[0].deadline_text) == (
        "1.1",
        "Văn phòng Sở",
        "Ngay sau khi UBND tỉnh ban hành Kế hoạch",
    )
    assert tasks[-1].code == "3.6"
    assert tasks[-1].content.startswith("Thực hiện cơ chế giao doanh nghiệp cung ứng dịch vụ")
    assert tasks[2].content.endswith(
        "một cửa, một cửa liên thông và thực hiện TTHC trên môi trường điện tử"
    )


def test_header_below_title_rows_merged_cells_bold_sections_and_nfd():
    def build(sheet):
        sheet.append(["PHỤ LỤC"])
        sheet.append(["DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026"])
        sheet.merge_cells("A2:E2")
        sheet.append([])
        sheet.append([unicodedata.normalize("NFD", text) for text in HEADER])
        sheet.append([1, 2, 3, 4, 5])
        sheet.append(["I", "CẢI CÁCH THỂ CHẾ"])
        sheet["B6"].font = Font(bold=True)
        sheet.append([1, "Rà soát văn bản", "Văn phòng Sở", None, "Quý I/2026"])
        sheet.append([])
        sheet.append([2, "Kiểm tra văn bản, xử lý", "Phòng Xây dựng", None, "Năm 2026"])
        sheet.append([None, "văn bản trái pháp luật"])
        sheet.append([3, "Kiểm tra công vụ", "Theo Kế hoạch riêng của Sở"])
        sheet.merge_cells("C11:E11")
        sheet.append([4.0, "Tổng kết", "Văn phòng Sở", None, None])
        sheet.append([4.1, "Báo cáo", "Văn phòng Sở", None, "Năm 2026"])

    doc = read_xlsx(_xlsx(build))
    assert doc.metadata.title == "DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026"
    assert [(row.code, row.is_section) for row in doc.rows] == [
        ("I", True),
        ("1", False),
        ("2", False),
        ("3", False),
        ("4", False),
        ("4.1", False),
    ]
    assert doc.rows[2].content == "Kiểm tra văn bản, xử lý văn bản trái pháp luật"
    assert doc.rows[3].notes == ["Theo Kế hoạch riêng của Sở"]
    assert doc.rows[5].parent_path == "I/4"
    assert doc.rows[1].area_hint == "CẢI CÁCH THỂ CHẾ"


def test_formula_without_cached_value_warns_and_is_not_content():
    def build(sheet):
        sheet.append(HEADER)
        sheet.append([1, "Việc một", "Văn phòng Sở", None, '=TEXT(DATE(2026,3,31),"dd/mm/yyyy")'])

    doc = read_xlsx(_xlsx(build))
    assert doc.tasks[0].deadline_text == ""
    assert any("E2" in warning and "công thức" in warning for warning in doc.warnings)
    assert not any("=" in row.deadline_text for row in doc.rows)


def test_dates_are_written_day_first():
    from datetime import datetime

    def build(sheet):
        sheet.append(HEADER)
        sheet.append([1, "Việc một", "Văn phòng Sở", None, datetime(2026, 6, 1)])

    assert read_xlsx(_xlsx(build)).tasks[0].deadline_text == "01/06/2026"


def test_workbook_without_task_table():
    def build(sheet):
        sheet.append(["Họ tên", "Chức vụ"])

    with pytest.raises(ImportFileError) as error:
        read_xlsx(_xlsx(build))
    assert "Không tìm thấy bảng nhiệm vụ" in str(error.value)


def test_csv_semicolon_utf8_bom():
    text = (
        "STT;Nội dung công việc;Cơ quan chủ trì;Thời hạn\n"
        "I;CẢI CÁCH THỂ CHẾ;;\n"
        "1;Rà soát văn bản;Văn phòng Sở;Quý I/2026\n"
        ";tiếp theo dòng trên;;\n"
    )
    doc = read_csv(("\ufeff" + text).encode())
    assert [(row.code, row.is_section) for row in doc.rows] == [("I", True), ("1", False)]
    assert doc.rows[1].content == "Rà soát văn bản tiếp theo dòng trên"
    assert doc.rows[1].source == "csv"
    assert doc.warnings == []


def test_csv_windows_1258_is_read_with_a_warning():
    from .test_upload_safety import cp1258

    doc = read_csv(cp1258("STT,Nội dung công việc,Cơ quan chủ trì\n1,Rà soát,Văn phòng Sở\n"))
    assert doc.tasks[0].lead_text == "Văn phòng Sở"
    assert doc.warnings and "Windows-1258" in doc.warnings[0]
