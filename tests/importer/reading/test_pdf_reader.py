"""A plan saved as PDF reads into the same rows, metadata, targets and budget as the .docx.

The PDFs are made from the .docx during the run with LibreOffice (tests.importer.office_files),
as agencies make theirs; the tests skip with the reason where LibreOffice is missing.
"""

from __future__ import annotations

import pytest

from importer.parsing.docx_reader import read_docx
from importer.parsing.pdf_reader import read_pdf
from tests.importer.office_files import convert_docx, needs_soffice
from tests.importer.reading.docx_builders import STANDARD_HEADER, C, P, T, build_docx, task_row

pytestmark = needs_soffice

SAMPLES = [
    "thai-nguyen-stp-kstthc-2026.docx",
    "thai-nguyen-stp-cchc-2026.docx",
    "cao-bang-stp-cchc-2026.docx",
]


def _rows(document):
    return [
        (
            row.path,
            row.code,
            row.content,
            row.is_section,
            row.lead_text,
            row.coordinating_text,
            row.deadline_text,
            row.requirement,
            row.area_hint,
        )
        for row in document.rows
    ]


def _same(docx: bytes) -> None:
    expected = read_docx(docx, require_tasks=False)
    found = read_pdf(convert_docx(docx, "pdf"), require_tasks=False)
    assert _rows(found) == _rows(expected)
    assert found.metadata == expected.metadata
    assert found.target_sentences == expected.target_sentences
    assert found.budget_lines == expected.budget_lines
    assert found.unit_responsibilities == expected.unit_responsibilities
    assert found.warnings == expected.warnings


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_as_pdf_reads_like_the_docx(sample_bytes, name):
    _same(sample_bytes(name))


def test_sample_as_pdf_keeps_its_counts(sample_bytes):
    document = read_pdf(convert_docx(sample_bytes(SAMPLES[0]), "pdf"))
    assert (len(document.sections), len(document.tasks)) == (7, 28)


def _long_content(number: int) -> str:
    return (
        f"Rà soát, cập nhật, công khai thủ tục hành chính số {number} thuộc phạm vi quản lý "
        "của Sở trên Cơ sở dữ liệu quốc gia về thủ tục hành chính theo Nghị định số "
        "118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ"
    )


def test_table_across_pages_with_a_repeated_header():
    section = [C("I", True), C("KIỂM SOÁT THỦ TỤC HÀNH CHÍNH", True), "", "", ""]
    rows: list[list[C | str]] = [STANDARD_HEADER, section]
    rows += [
        task_row(
            f"{n}",
            _long_content(n),
            # One unit per line (a line well short of the column: see pdf_reader's docstring).
            lead="VP Sở\nPhòng Bổ trợ tư pháp" if n % 3 == 0 else "Văn phòng Sở",
            coord="Các phòng, đơn vị thuộc Sở",
            deadline="Quý II/2026" if n % 2 else "Trước ngày 30/6/2026",
        )
        for n in range(1, 46)
    ]
    docx = build_docx(P("KẾ HOẠCH", bold=True), P("Kiểm soát TTHC năm 2026", bold=True), T(rows, 1))
    _same(docx)
    assert len(read_pdf(convert_docx(docx, "pdf")).tasks) == 45


def test_prose_plan_with_labels():
    docx = build_docx(
        P("SỞ TƯ PHÁP"),
        P("Số: 15/KH-STP"),
        P("KẾ HOẠCH", bold=True),
        P("Khắc phục hạn chế, tồn tại trong công tác cải cách hành chính năm 2026", bold=True),
        P("II. NHIỆM VỤ TRỌNG TÂM", bold=True),
        P("1. Cải cách thủ tục hành chính", bold=True),
        P("1.1. Rà soát, đơn giản hóa thủ tục hành chính", bold=True),
        P("- Rà soát các thủ tục hành chính thuộc thẩm quyền giải quyết của Sở."),
        P("Đơn vị chủ trì thực hiện: Văn phòng Sở"),
        P("Đơn vị phối hợp thực hiện: Các phòng, đơn vị thuộc Sở"),
        P("Thời gian thực hiện: Quý II/2026"),
    )
    _same(docx)


def test_a_word_broken_at_a_hyphen_is_joined_back():
    content = " ".join(["Thực hiện Nghị định số 118/2025/NĐ-CP và Thông tư 03/2025/TT-VPCP"] * 4)
    docx = build_docx(P("KẾ HOẠCH"), P("Thử"), T([STANDARD_HEADER, task_row("1", content)], 1))
    found = read_pdf(convert_docx(docx, "pdf"))
    assert found.tasks[0].content == content
