"""Task tables are found by their header words, wherever the columns are."""

from __future__ import annotations

import unicodedata

import pytest

from importer.parsing.document import ImportFileError
from importer.parsing.docx_reader import read_docx

from .docx_builders import STANDARD_HEADER, C, NestedT, P, T, build_docx, task_row


def _only_task(data: bytes):
    doc = read_docx(data)
    assert len(doc.tasks) == 1, [row.content for row in doc.rows]
    return doc.tasks[0]


def test_columns_in_unusual_order_with_unknown_columns():
    data = build_docx(
        T(
            [
                [
                    "Thời hạn",
                    "Ghi chú nội bộ x",
                    "Đơn vị phối hợp",
                    "Nhiệm vụ",
                    "Kinh phí",
                    "TT",
                    "Đơn vị chủ trì",
                ],
                ["Quý I/2026", "", "Phòng A", "Rà soát văn bản", "10.000.000", "1", "Văn phòng"],
            ]
        )
    )
    task = _only_task(data)
    assert (task.code, task.content) == ("1", "Rà soát văn bản")
    assert (task.lead_text, task.coordinating_text, task.deadline_text) == (
        "Văn phòng",
        "Phòng A",
        "Quý I/2026",
    )


@pytest.mark.parametrize(
    "deadline_header",
    [
        "Thời gian hoàn thành",
        "Thời gian chậm nhất phải hoàn thành",
        "Thời gian thực hiện",
        "Thời hạn",
        "THỜI GIAN HOÀN THÀNH",
    ],
)
def test_deadline_header_variants(deadline_header):
    data = build_docx(
        T(
            [
                ["Số TT", "Nội dung", "Cơ quan chủ trì", deadline_header],
                ["1", "Việc", "VP", "Năm 2026"],
            ]
        )
    )
    assert _only_task(data).deadline_text == "Năm 2026"


def test_requirement_column():
    data = build_docx(
        T(
            [
                [
                    "STT",
                    "Lĩnh vực, tiêu chí",
                    "Yêu cầu năm 2026",
                    "Cơ quan chủ trì",
                    "Cơ quan phối hợp",
                ],
                ["1", "Tỷ lệ hồ sơ đúng hạn", "Đạt từ 97% trở lên", "Văn phòng Sở", ""],
            ]
        )
    )
    task = _only_task(data)
    assert task.requirement == "Đạt từ 97% trở lên"
    assert task.content == "Tỷ lệ hồ sơ đúng hạn"


def test_two_row_header_with_merged_cells():
    header_top = [
        C("STT", vmerge="restart"),
        C("Nội dung công việc", vmerge="restart"),
        C("Phân công nhiệm vụ", span=2),
        C("Thời gian hoàn thành", vmerge="restart"),
        C("Kết quả, sản phẩm", vmerge="restart"),
    ]
    header_bottom = [
        C(vmerge="continue"),
        C(vmerge="continue"),
        C("Cơ quan chủ trì thực hiện"),
        C("Cơ quan phối hợp"),
        C(vmerge="continue"),
        C(vmerge="continue"),
    ]
    data = build_docx(
        T(
            [
                header_top,
                header_bottom,
                ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
                ["1", "Ban hành kế hoạch", "Văn phòng Sở", "Các phòng", "Quý I/2026", "Kế hoạch"],
            ],
            header_rows=3,
        )
    )
    task = _only_task(data)
    assert task.lead_text == "Văn phòng Sở"
    assert task.coordinating_text == "Các phòng"
    assert task.deadline_text == "Quý I/2026"
    assert task.requirement == "Kế hoạch"


def test_header_after_title_rows_inside_table():
    data = build_docx(
        T(
            [
                [C("DANH MỤC NHIỆM VỤ TRỌNG TÂM NĂM 2026", bold=True, span=5)],
                [C("(Kèm theo Kế hoạch số 12/KH-STP)", span=5)],
                STANDARD_HEADER,
                ["1", "2", "3", "4", "5"],
                task_row("1", "Việc một"),
            ]
        )
    )
    assert _only_task(data).content == "Việc một"


def test_nfd_text_is_normalised():
    nfd = [unicodedata.normalize("NFD", text) for text in STANDARD_HEADER]
    row = [
        unicodedata.normalize("NFD", text) for text in ("1", "Rà soát", "Văn phòng Sở", "", "Quý I")
    ]
    task = _only_task(build_docx(T([nfd, row])))
    assert task.lead_text == "Văn phòng Sở"
    assert unicodedata.is_normalized("NFC", task.content)


def test_nbsp_tabs_and_line_breaks_in_cells():
    row = ["1", "Rà\u00a0soát\tvăn   bản", "Văn phòng Sở\nPhòng Hành chính", "", "Quý\u00a0I/2026"]
    task = _only_task(build_docx(T([STANDARD_HEADER, row])))
    assert task.content == "Rà soát văn bản"
    assert task.lead_text == "Văn phòng Sở\nPhòng Hành chính"
    assert task.deadline_text == "Quý I/2026"


def test_soft_line_break_inside_a_cell_is_kept():
    row = ["1", "Việc", "Văn phòng Sở\vPhòng Tư pháp", "", "Năm 2026"]
    task = _only_task(build_docx(T([STANDARD_HEADER, row])))
    assert task.lead_text == "Văn phòng Sở\nPhòng Tư pháp"


def test_nested_table_and_table_after_signature():
    data = build_docx(
        P("GIÁM ĐỐC", bold=True),
        P("Nguyễn Văn A", bold=True),
        NestedT(T([STANDARD_HEADER, task_row("1", "Việc trong bảng lồng")]), before=["Phụ lục"]),
    )
    assert _only_task(data).content == "Việc trong bảng lồng"


def test_no_task_table_lists_expected_headers():
    data = build_docx(P("KẾ HOẠCH"), T([["Họ tên", "Chức vụ"], ["A", "B"]]))
    with pytest.raises(ImportFileError) as error:
        read_docx(data)
    message = str(error.value)
    assert "Không tìm thấy bảng nhiệm vụ" in message
    assert "1 bảng" in message
    for header in ("STT", "Nội dung công việc", "Cơ quan chủ trì", "Thời gian hoàn thành"):
        assert header in message


def test_a_single_cell_with_header_words_is_not_a_header():
    data = build_docx(T([["Nội dung công việc"], ["Rà soát"]]))
    with pytest.raises(ImportFileError):
        read_docx(data)


def test_task_table_with_header_only():
    with pytest.raises(ImportFileError) as error:
        read_docx(build_docx(T([STANDARD_HEADER])))
    assert "không có nhiệm vụ nào" in str(error.value)
