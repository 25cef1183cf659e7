"""check_upload refuses every bad file before a parser sees it (files built in the test)."""

from __future__ import annotations

import io
import unicodedata
import zipfile

import pytest

from importer.parsing.document import ImportFileError
from importer.parsing.docx_reader import read_docx
from importer.parsing.safety import OLE2_SIGNATURE, check_upload, decode_csv_bytes

from .docx_builders import STANDARD_HEADER, T, build_docx, replace_part, task_row

MB = 1024 * 1024


def _docx() -> bytes:
    return build_docx(T([STANDARD_HEADER, task_row("1", "Rà soát văn bản")], header_rows=1))


def _xlsx() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["STT", "Nội dung", "Cơ quan chủ trì", "Thời hạn"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _check(data: bytes, filename: str, **kwargs) -> str:
    return check_upload(
        data, filename=filename, max_bytes=kwargs.pop("max_bytes", 10 * MB), **kwargs
    )


def _refused(data: bytes, filename: str, **kwargs) -> str:
    with pytest.raises(ImportFileError) as error:
        _check(data, filename, **kwargs)
    return str(error.value)


def test_good_files_are_accepted():
    assert _check(_docx(), "ke-hoach.docx") == "docx"
    assert _check(_xlsx(), "Phu luc.XLSX") == "xlsx"
    assert _check("STT,Nội dung\n1,Việc\n".encode(), "a.csv") == "csv"
    assert check_upload(io.BytesIO(_docx()), filename="a.docx", max_bytes=10 * MB) == "docx"


def test_empty_file():
    assert "rỗng" in _refused(b"", "a.docx")


def test_too_large_states_limit_in_mb():
    message = _refused(b"x" * (2 * MB + 1), "a.csv", max_bytes=2 * MB)
    assert "2 MB" in message


def test_stream_is_read_only_up_to_limit():
    class Endless(io.RawIOBase):
        def readable(self):
            return True

        def read(self, size=-1):
            assert size != -1, "must not read an upload without a limit"
            return b"a" * size

    assert "5 MB" in _refused(Endless(), "a.csv", max_bytes=5 * MB)


@pytest.mark.parametrize(
    ("filename", "expected"),
    [("bao-cao.doc", ".docx"), ("bang.xls", ".xlsx")],
)
def test_legacy_office_files_are_named(filename, expected):
    message = _refused(OLE2_SIGNATURE + b"\x00" * 600, filename)
    assert f".{filename.rsplit('.', 1)[1]}" in message and expected in message


def test_renamed_doc_is_told_to_save_as_docx():
    message = _refused(OLE2_SIGNATURE + b"\x00" * 600, "ke-hoach.docx")
    assert ".doc " in message and ".docx" in message


def test_password_protected_office_file():
    fake = OLE2_SIGNATURE + b"\x00" * 100 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 100
    assert "mật khẩu" in _refused(fake, "ke-hoach.docx")


def test_zip_level_encryption_is_password():
    data = bytearray(_docx())
    # Set the "encrypted" flag bit on every central-directory entry.
    offset = data.find(b"PK\x01\x02")
    while offset != -1:
        data[offset + 8] |= 0x01
        offset = data.find(b"PK\x01\x02", offset + 4)
    assert "mật khẩu" in _refused(bytes(data), "ke-hoach.docx")


@pytest.mark.parametrize("filename", ["a.pdf", "a.txt", "a", "a.docm"])
def test_unsupported_extensions(filename):
    message = _refused(b"%PDF-1.4 whatever", filename)
    assert "không được hỗ trợ" in message and ".docx" in message


def test_extension_content_mismatch():
    message = _refused(_xlsx(), "ke-hoach.docx")
    assert "không khớp" in message and "Excel" in message
    assert "không khớp" in _refused(_docx(), "bang.xlsx")


def test_fake_docx_that_is_not_a_zip():
    assert "hỏng" in _refused(b"<html>not a docx</html>", "ke-hoach.docx")


def test_corrupt_zip():
    data = _docx()
    assert "hỏng" in _refused(data[: len(data) // 2], "ke-hoach.docx")
    assert "hỏng" in _refused(b"PK\x03\x04" + b"\x00" * 200, "ke-hoach.docx")


def test_zip_without_office_parts():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "không phải tài liệu Word" in _refused(buffer.getvalue(), "a.docx")


def test_zip_bomb_total_size_checked_before_extracting():
    data = replace_part(_docx(), "word/media/blank.bin", b"\x00" * (3 * MB))
    message = _refused(data, "a.docx", max_uncompressed_bytes=2 * MB)
    assert "bom nén" in message


def test_zip_bomb_compression_ratio():
    data = replace_part(_docx(), "word/media/zeros.bin", b"\x00" * (8 * MB))
    assert "tỉ lệ nén" in _refused(data, "a.docx")


def test_too_many_members():
    buffer = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(_docx()))
    with zipfile.ZipFile(buffer, "w") as archive:
        for info in source.infolist():
            archive.writestr(info, source.read(info.filename))
        for index in range(60):
            archive.writestr(f"customXml/x{index}.txt", "x")
    assert "bom nén" in _refused(buffer.getvalue(), "a.docx", max_members=50)


BILLION_LAUGHS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"""


def test_billion_laughs_in_document_part_is_refused():
    data = replace_part(_docx(), "word/document.xml", BILLION_LAUGHS)
    assert "DTD" in _refused(data, "ke-hoach.docx")
    with pytest.raises(ImportFileError):
        read_docx(data)  # the reader runs the same checks on its own


def test_external_entity_in_content_types_is_refused():
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">&x;</Types>'
    )
    data = replace_part(_docx(), "[Content_Types].xml", xxe)
    assert "DTD" in _refused(data, "ke-hoach.docx")


def test_doctype_in_utf16_part_is_refused():
    utf16 = BILLION_LAUGHS.replace(b'encoding="UTF-8"', b'encoding="UTF-16"').decode()
    data = replace_part(_docx(), "word/styles.xml", utf16.encode("utf-16"))
    assert "DTD" in _refused(data, "ke-hoach.docx")


def cp1258(text: str) -> bytes:
    """Encode like Windows: vowel marks precomposed, tone marks as combining characters."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + "".join(c for c in parts if c in tones))
    return "".join(out).encode("cp1258")


def test_csv_utf8_with_bom_and_cp1258_fallback():
    text, warnings = decode_csv_bytes("\ufeffSTT;Nội dung".encode())
    assert text == "STT;Nội dung" and warnings == []
    text, warnings = decode_csv_bytes(cp1258("Nội dung công việc"))
    assert text == "Nội dung công việc"
    assert warnings and "Windows-1258" in warnings[0]
    text, _ = decode_csv_bytes("STT,Nội dung".encode("utf-16"))
    assert text == "STT,Nội dung"


def test_csv_with_undecodable_bytes_and_binary():
    assert "UTF-8" in _refused(b"STT,\x81\x8a\x8d", "a.csv")
    assert "không phải tệp văn bản" in _refused(b"STT\x00\x00\x01", "a.csv")


DOCUMENT_ROOT = (
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body/></w:document>"
)
DOCTYPE = b'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
# The part's real root comes after a comment or a processing instruction that mentions
# an element: a scan that took the first "<name" for the root stopped before the DTD.
HIDDEN_DTD = {
    "after a comment": b"<!-- <w:document> -->" + DOCTYPE,
    "after a processing instruction": b"<?mso-application <w:document?>" + DOCTYPE,
    "after a comment and a PI": b"<!--x--><?pi <a?>" + DOCTYPE,
}


@pytest.mark.parametrize("prologue", HIDDEN_DTD.values(), ids=HIDDEN_DTD.keys())
def test_doctype_hidden_behind_a_comment_or_pi_is_refused(prologue):
    part = b'<?xml version="1.0" encoding="UTF-8"?>' + prologue + DOCUMENT_ROOT
    data = replace_part(_docx(), "word/styles.xml", part)
    assert "DTD" in _refused(data, "ke-hoach.docx")


def test_comments_and_pis_without_a_dtd_are_fine():
    part = b'<?xml version="1.0"?><!-- <w:document> --><?pi <a?>' + DOCUMENT_ROOT
    data = replace_part(_docx(), "word/styles.xml", part)
    assert _check(data, "ke-hoach.docx") == "docx"


def test_a_part_that_is_not_xml_is_refused_as_broken():
    data = replace_part(_docx(), "word/styles.xml", b"<?xml version='1.0'?><<<not xml")
    assert "bị hỏng" in _refused(data, "ke-hoach.docx")
