"""Every kind of bad file: a Vietnamese message, and the database exactly as it was.

The same table runs through the service, the browser upload and the CLI.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook

from importer.apply import apply_import
from importer.parsing.document import ImportFileError
from importer.preview import build_preview
from importer.staging import staging_dir
from plans.models import Plan
from tasks.models import Task
from tests.importer.integration.conftest import CCHC, sample, snapshot
from tests.importer.pdf_builders import (
    build_pdf,
    encrypted_pdf,
    flate_bomb,
    image_page,
    text_page,
)
from tests.importer.reading.docx_builders import P, T, build_docx, replace_part, task_row

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
HEADER = [
    "STT",
    "Nội dung công việc",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian hoàn thành",
]
XXE = (
    b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">'
    b'<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&x;&b;</w:t></w:r></w:p></w:body></w:document>"
)


def _small_docx() -> bytes:
    return build_docx(P("KẾ HOẠCH"), P("Thử"), T([HEADER, task_row("1", "Việc")], header_rows=1))


def _zip_bomb() -> bytes:
    return replace_part(_small_docx(), "word/media/zeros.bin", b"\x00" * (8 * MB))


def _zip_encrypted() -> bytes:
    data = bytearray(_small_docx())
    offset = data.find(b"PK\x01\x02")
    while offset != -1:
        data[offset + 8] |= 0x01
        offset = data.find(b"PK\x01\x02", offset + 4)
    return bytes(data)


def _no_table() -> bytes:
    return build_docx(P("KẾ HOẠCH", bold=True), P("Một văn bản không có bảng nhiệm vụ."))


def _zip_without_office_parts() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "xin chào")
    return buffer.getvalue()


BAD_FILES = {
    "truncated pdf": ("ke-hoach.pdf", lambda: b"%PDF-1.4 ...", "chưa tải lên hết"),
    "pdf cut in half": (
        "ke-hoach.pdf",
        lambda: build_pdf([text_page("KE HOACH")] * 3)[:400],
        "chưa tải lên hết",
    ),
    "encrypted pdf": ("ke-hoach.pdf", encrypted_pdf, "mật khẩu"),
    "scanned pdf": ("ke-hoach.pdf", lambda: build_pdf([image_page()] * 2), "không có lớp chữ"),
    "pdf bomb": (
        "ke-hoach.pdf",
        lambda: build_pdf([image_page()], image=flate_bomb(300)),
        "bom nén",
    ),
    "pdf without tasks": (
        "ke-hoach.pdf",
        lambda: build_pdf([text_page("Thong bao", "Mot van ban khong co nhiem vu.")]),
        "Không tìm thấy bảng nhiệm vụ",
    ),
    "pdf named docx": ("ke-hoach.docx", lambda: build_pdf([text_page("A")]), "không khớp"),
    "legacy doc": (
        "ke-hoach.doc",
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
        ".doc",
    ),
    "text renamed to docx": ("ke-hoach.docx", lambda: b"<html>xin chao</html>", "hỏng"),
    "corrupt archive": ("ke-hoach.docx", lambda: sample(CCHC)[:5000], "hỏng"),
    "zip that is not office": (
        "ke-hoach.docx",
        _zip_without_office_parts,
        "không phải tài liệu Word",
    ),
    "password (OLE2)": (
        "ke-hoach.docx",
        lambda: (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
            + "EncryptedPackage".encode("utf-16-le")
            + bytes(200)
        ),
        "mật khẩu",
    ),
    "password (zip flag)": ("ke-hoach.docx", _zip_encrypted, "mật khẩu"),
    "over the size limit": ("ke-hoach.docx", lambda: b"PK\x03\x04" + bytes(2 * MB), "Tệp quá lớn"),
    "zip bomb": ("ke-hoach.docx", _zip_bomb, "bom nén"),
    "xml entities": (
        "ke-hoach.docx",
        lambda: replace_part(_small_docx(), "word/document.xml", XXE),
        "DTD",
    ),
    "no task table": ("ke-hoach.docx", _no_table, "Không tìm thấy bảng nhiệm vụ"),
    "empty file": ("ke-hoach.docx", lambda: b"", "rỗng"),
    "csv in a foreign encoding": ("ke-hoach.csv", lambda: b"STT,N\x81\x8d\x8f", "CSV"),
}


@pytest.fixture
def small_limit(settings):
    settings.UPLOAD_MAX_MB = 1


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_service_refuses_with_a_message_and_writes_nothing(demo, small_limit, case):
    filename, build, expected = BAD_FILES[case]
    data = build()
    before = snapshot()
    with pytest.raises(ImportFileError) as error:
        build_preview(agency=demo.thai_nguyen, data=data, filename=filename)
    assert expected in str(error.value)
    assert snapshot() == before


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_upload_page_shows_the_message_and_keeps_nothing(demo, small_limit, client, case):
    filename, build, expected = BAD_FILES[case]
    client.force_login(demo.users["coordinator"])
    before = snapshot()
    upload = io.BytesIO(build())
    upload.name = filename
    response = client.post(reverse("importer:upload"), {"file": upload})
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert snapshot() == before
    assert list(staging_dir().iterdir()) == []  # the refused file is not kept either


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_cli_exits_non_zero_with_one_vietnamese_line(demo, small_limit, tmp_path, case):
    filename, build, expected = BAD_FILES[case]
    path = tmp_path / filename
    path.write_bytes(build())
    before = snapshot()
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_plan", str(path), "--agency", "STP-TN", stdout=out, stderr=err)
    assert exit_info.value.code != 0
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 1 and expected in lines[0]
    assert snapshot() == before


def test_formula_cells_without_values_are_a_warning_not_a_formula(demo):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(["1", "Rà soát văn bản", "Văn phòng Sở", "", "=TODAY()+30"])
    sheet.append(["2", "Tuyên truyền", "Văn phòng Sở", "", "Quý II/2026"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    preview = build_preview(agency=demo.thai_nguyen, data=buffer.getvalue(), filename="a.xlsx")
    assert any("công thức" in warning for warning in preview.warnings)
    assert preview.rows[0].deadline.text == ""  # never "=TODAY()+30"


def test_nfd_text_and_blank_rows_import_like_clean_text(demo):
    def nfd(text: str) -> str:
        return unicodedata.normalize("NFD", text)

    clean = build_docx(
        P("KẾ HOẠCH", bold=True),
        P("Cải cách hành chính năm 2026", bold=True),
        T(
            [HEADER, task_row("1", "Rà soát thủ tục", lead="Văn phòng Sở", deadline="Quý I/2026")],
            header_rows=1,
        ),
    )
    messy = build_docx(
        P(nfd("KẾ HOẠCH"), bold=True),
        P(nfd("Cải cách hành chính năm 2026"), bold=True),
        T(
            [
                [nfd(cell) for cell in HEADER],
                ["", "", "", "", ""],
                task_row(
                    "1",
                    nfd("Rà soát thủ tục"),
                    lead=nfd("Văn phòng Sở"),
                    deadline=nfd("Quý I/2026"),
                ),
                ["", "", "", "", ""],
            ],
            header_rows=1,
        ),
    )
    first = apply_import(
        preview=build_preview(agency=demo.thai_nguyen, data=clean, filename="a.docx")
    )
    before = snapshot()
    preview = build_preview(agency=demo.thai_nguyen, data=messy, filename="b.docx")
    assert preview.existing_plan == first.plan and preview.units_unmatched == []
    assert not apply_import(preview=preview).changed_anything
    assert snapshot() == before
    assert Plan.objects.count() == 1 and Task.objects.count() == 1
