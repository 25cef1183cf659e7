"""Plan metadata from the header block, title, basis and signature."""

from __future__ import annotations

from datetime import date

from importer.parsing.document import TextBlock
from importer.parsing.docx_reader import read_docx
from importer.parsing.metadata import extract_metadata

from .docx_builders import STANDARD_HEADER, C, P, T, build_docx, task_row

HEADER_TABLE = T(
    [
        [
            C("UBND TỈNH THÁI NGUYÊN\nSỞ TƯ PHÁP", bold=True),
            C("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", bold=True),
        ],
        [C("Số: 12/KH-STP"), C("Thái Nguyên, ngày 05 tháng 01 năm 2026")],
    ],
    borders=False,
)
SIGNATURE_TABLE = T(
    [
        [
            C("Nơi nhận:\n- Sở Nội vụ;\n- Lưu: VT, VP."),
            C("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n(Đã ký)\nNguyễn Thị Mai", bold=True),
        ]
    ],
    borders=False,
)


def _document():
    return read_docx(
        build_docx(
            HEADER_TABLE,
            P("KẾ HOẠCH", bold=True),
            P("Cải cách hành chính", bold=True),
            P("năm 2026 của Sở Tư pháp", bold=True),
            P("-----------"),
            P(
                "Thực hiện Kế hoạch số 188/KH-UBND ngày 27/12/2025 của UBND tỉnh về cải cách "
                "hành chính năm 2026;"
            ),
            P("Căn cứ Quyết định số 1234/QĐ-UBND ngày 3/1/2026 của UBND tỉnh, Sở ban hành:"),
            P("I. MỤC ĐÍCH, YÊU CẦU", bold=True),
            SIGNATURE_TABLE,
            T([STANDARD_HEADER, task_row("1", "Việc một")]),
        )
    )


def test_header_block_in_a_borderless_table():
    meta = _document().metadata
    assert (meta.number, meta.symbol) == ("12", "KH-STP")
    assert meta.agency_line == "UBND TỈNH THÁI NGUYÊN\nSỞ TƯ PHÁP"
    assert meta.place == "Thái Nguyên"
    assert meta.place_date_text == "Thái Nguyên, ngày 05 tháng 01 năm 2026"
    assert meta.issued_on == date(2026, 1, 5)


def test_title_basis_and_year():
    meta = _document().metadata
    assert meta.title == "Cải cách hành chính năm 2026 của Sở Tư pháp"
    assert meta.year == 2026
    assert meta.basis.startswith("Thực hiện Kế hoạch số 188/KH-UBND")
    assert meta.basis.count("\n") == 1
    assert meta.basis_refs == ["188/KH-UBND ngày 27/12/2025", "1234/QĐ-UBND ngày 3/1/2026"]


def test_signer_under_kt_giam_doc():
    meta = _document().metadata
    assert meta.signer_title == "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"
    assert meta.signer == "Nguyễn Thị Mai"


def test_blank_number_and_blank_day():
    blocks = [
        TextBlock("Số: /KH-STP"),
        TextBlock("Thái Nguyên, ngày tháng 01 năm 2026"),
        TextBlock("KẾ HOẠCH", True),
        TextBlock("Kiểm soát thủ tục hành chính năm 2026", True),
    ]
    meta, warnings = extract_metadata(blocks)
    assert (meta.number, meta.symbol) == ("", "KH-STP")
    assert meta.issued_on is None
    assert meta.place_date_text == "Thái Nguyên, ngày tháng 01 năm 2026"
    assert meta.year == 2026
    assert warnings == []


def test_year_falls_back_to_date_line_then_basis():
    meta, _ = extract_metadata(
        [
            TextBlock("Hà Nội, ngày 2 tháng 2 năm 2027"),
            TextBlock("KẾ HOẠCH"),
            TextBlock("Tuyên truyền"),
        ]
    )
    assert meta.year == 2027
    meta, warnings = extract_metadata([TextBlock("Nội dung không có tiêu đề")])
    assert meta.year is None and warnings


def test_sample_metadata(sample_bytes):
    kstthc = read_docx(sample_bytes("thai-nguyen-stp-kstthc-2026.docx")).metadata
    assert (kstthc.number, kstthc.symbol) == ("", "KH-STP")
    assert kstthc.title.startswith("Kiểm soát thủ tục hành chính, thực hiện cơ chế một cửa")
    assert kstthc.title.endswith("năm 2026")
    assert kstthc.place == "Thái Nguyên" and kstthc.issued_on is None
    assert kstthc.basis_refs == ["182/KH-UBND ngày 25/12/2025"]
    assert (kstthc.signer_title, kstthc.signer) == ("GIÁM ĐỐC", "Vũ Thị Lệ Hằng")
    assert kstthc.year == 2026

    cchc = read_docx(sample_bytes("thai-nguyen-stp-cchc-2026.docx")).metadata
    assert cchc.title == "Cải cách hành chính năm 2026"
    assert cchc.symbol == "KH-STP"  # from "(Kèm theo Kế hoạch số /KH-STP ...)"
    assert cchc.basis_refs == ["188/KH-UBND ngày 27/12/2025"]

    cao_bang = read_docx(sample_bytes("cao-bang-stp-cchc-2026.docx"), require_tasks=False)
    meta = cao_bang.metadata
    assert meta.title == "Cải cách hành chính năm 2026"
    assert meta.basis_refs == ["76/NQ-CP ngày 15/7/2021", "4110/KH-UBND ngày 31/12/2025"]
    assert (meta.signer_title, meta.signer) == ("GIÁM ĐỐC", "Đoàn Trọng Hùng")
