"""Checks run on an uploaded file before any parser sees it.

Everything here works on the raw bytes and on the zip central directory, so a hostile file is
refused before anything is decompressed: sizes and compression ratios are read from the
declared member sizes (zipfile never returns more than the declared size of a member, so the
declaration is also a hard cap), and every XML part is refused when its prologue carries a
DTD (OOXML never needs one; a DTD is how entity-expansion bombs get in).

CSV encoding: UTF-8 (with or without BOM) and UTF-16 with a BOM are read as they are; anything
else is decoded as Windows-1258 (what Excel on a Vietnamese Windows writes) with a warning
asking the user to check the diacritics; bytes that are not valid Windows-1258 either are
refused with a request to save as "CSV UTF-8".
"""

from __future__ import annotations

import contextlib
import io
import re
import unicodedata
import zipfile
import zlib
from typing import BinaryIO
from xml.etree.ElementTree import ParseError

import pypdfium2 as pdfium
from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml import ElementTree as SafeElementTree
from defusedxml.ElementTree import DefusedXMLParser

from importer.parsing.document import ImportFileError

KIND_DOCX = "docx"
KIND_XLSX = "xlsx"
KIND_CSV = "csv"
KIND_DOC = "doc"
KIND_PDF = "pdf"

DEFAULT_MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
DEFAULT_MAX_MEMBERS = 2000
# Word/Excel XML compresses 5-40x; deflate bombs reach 1000x. Small members are ignored
# because their expansion is bounded by the total anyway.
MAX_COMPRESSION_RATIO = 200
RATIO_CHECK_MIN_BYTES = 1024 * 1024
PROLOGUE_SCAN_BYTES = 64 * 1024
# A plan and its appendix run to 10-150 pages; a portal's scanned annex is refused anyway.
DEFAULT_MAX_PDF_PAGES = 500
# Reading a page takes milliseconds; a page that takes far longer is a hostile file.
PDF_TIME_LIMIT_SECONDS = 30.0
PDF_SIGNATURE = b"%PDF-"

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")

_MAIN_PARTS = {KIND_DOCX: "word/document.xml", KIND_XLSX: "xl/workbook.xml"}
_KIND_LABELS = {
    KIND_DOCX: "văn bản Word (.docx)",
    KIND_XLSX: "bảng tính Excel (.xlsx)",
    KIND_CSV: "tệp CSV",
    KIND_DOC: "văn bản Word 97-2003 (.doc)",
    KIND_PDF: "tệp PDF",
}
_LEGACY = {
    "doc": "Tệp .doc (Word 97-2003) không được hỗ trợ. Vui lòng mở tệp bằng Word và "
    "lưu lại dưới dạng .docx rồi tải lên lại.",
    "xls": "Tệp .xls (Excel 97-2003) không được hỗ trợ. Vui lòng mở tệp bằng Excel và "
    "lưu lại dưới dạng .xlsx rồi tải lên lại.",
}
_PASSWORD_MESSAGE = (
    "Tệp được đặt mật khẩu (đã mã hóa) nên không thể đọc. Vui lòng gỡ mật khẩu rồi tải lên lại."
)
_DOCTYPE_RE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def read_limited(data: bytes | BinaryIO, max_bytes: int | None = None) -> bytes:
    """Return the upload as bytes, reading at most `max_bytes + 1` from a stream."""
    if isinstance(data, bytes | bytearray | memoryview):
        return bytes(data)
    if hasattr(data, "seek"):
        with contextlib.suppress(OSError, ValueError):
            data.seek(0)
    raw = data.read() if max_bytes is None else data.read(max_bytes + 1)
    if isinstance(raw, str):
        raise ImportFileError("Tệp tải lên phải được mở ở chế độ nhị phân.")
    return bytes(raw or b"")


def check_upload(
    data: bytes | BinaryIO,
    *,
    filename: str,
    max_bytes: int,
    max_uncompressed_bytes: int = DEFAULT_MAX_UNCOMPRESSED_BYTES,
    max_members: int = DEFAULT_MAX_MEMBERS,
    allowed: tuple[str, ...] = (KIND_DOCX, KIND_XLSX, KIND_CSV),
) -> str:
    """Return the detected kind ("docx", "xlsx" or "csv") or raise ImportFileError."""
    raw = read_limited(data, max_bytes)
    if not raw:
        raise ImportFileError("Tệp tải lên rỗng (0 byte). Vui lòng chọn lại tệp.")
    if len(raw) > max_bytes:
        raise ImportFileError(
            f"Tệp quá lớn: dung lượng tối đa cho phép là {_format_mb(max_bytes)} MB."
        )
    extension = filename.rsplit(".", 1)[-1].casefold() if "." in filename else ""
    allowed_text = ", ".join(f".{kind}" for kind in allowed)

    if raw.startswith(OLE2_SIGNATURE):
        if extension == KIND_DOC and KIND_DOC in allowed and not _ole2_encrypted(raw):
            if "WordDocument".encode("utf-16-le") not in raw:
                raise ImportFileError(
                    "Tệp bị hỏng hoặc không phải văn bản Word 97-2003 (.doc) thật. Vui lòng mở "
                    "tệp bằng Word, lưu lại dưới dạng .docx rồi tải lên."
                )
            return KIND_DOC  # converted to .docx, which then passes these checks too
        raise ImportFileError(_ole2_message(raw, extension))
    is_pdf = raw[:1024].lstrip().startswith(PDF_SIGNATURE)
    if KIND_PDF in allowed and (is_pdf or extension == KIND_PDF):
        if extension != KIND_PDF:
            raise ImportFileError(
                f"Phần mở rộng .{extension} không khớp với nội dung tệp (tệp PDF). "
                "Vui lòng kiểm tra lại tệp trước khi tải lên."
            )
        inspect_pdf(raw, max_uncompressed_bytes=max_uncompressed_bytes)
        return KIND_PDF
    if extension in _LEGACY and extension not in allowed:
        raise ImportFileError(_LEGACY[extension])
    if extension not in allowed:
        shown = f".{extension}" if extension else "không có phần mở rộng"
        raise ImportFileError(
            f"Định dạng tệp ({shown}) không được hỗ trợ. Chỉ nhận tệp {allowed_text}."
        )

    if raw.startswith(ZIP_SIGNATURES):
        kind = inspect_ooxml(
            raw, max_uncompressed_bytes=max_uncompressed_bytes, max_members=max_members
        )
        if kind != extension:
            raise ImportFileError(
                f"Phần mở rộng .{extension} không khớp với nội dung tệp "
                f"({_KIND_LABELS[kind]}). Vui lòng kiểm tra lại tệp trước khi tải lên."
            )
        if kind not in allowed:
            raise ImportFileError(f"Chỉ nhận tệp {allowed_text}.")
        return kind

    if extension in (KIND_DOCX, KIND_XLSX, KIND_DOC):
        raise ImportFileError(
            f"Tệp bị hỏng hoặc không phải {_KIND_LABELS[extension]} thật "
            "(đổi phần mở rộng không đổi được định dạng). Vui lòng mở bằng Word/Excel và "
            "lưu lại."
        )
    # CSV: text only. The encoding itself is decided by decode_csv_bytes.
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError(
            "Tệp .csv không phải tệp văn bản. Vui lòng xuất lại từ Excel dưới dạng "
            '"CSV UTF-8 (phân tách bằng dấu phẩy)".'
        )
    decode_csv_bytes(raw)
    return KIND_CSV


def inspect_ooxml(
    raw: bytes,
    *,
    max_uncompressed_bytes: int = DEFAULT_MAX_UNCOMPRESSED_BYTES,
    max_members: int = DEFAULT_MAX_MEMBERS,
) -> str:
    """Check a zip-based Office file without extracting it; return "docx" or "xlsx"."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ImportFileError(
            "Tệp bị hỏng (không phải tệp nén Office hợp lệ). Vui lòng mở tệp bằng Word/Excel, "
            "lưu lại rồi tải lên lại."
        ) from exc
    with archive:
        if len(members) > max_members:
            raise _bomb_error(f"có {len(members)} thành phần bên trong")
        total = sum(info.file_size for info in members)
        if total > max_uncompressed_bytes:
            raise _bomb_error(
                f"khi giải nén lên tới {_format_mb(total)} MB "
                f"(tối đa {_format_mb(max_uncompressed_bytes)} MB)"
            )
        for info in members:
            if info.flag_bits & 0x1:
                raise ImportFileError(_PASSWORD_MESSAGE)
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size >= RATIO_CHECK_MIN_BYTES and ratio > MAX_COMPRESSION_RATIO:
                raise _bomb_error(f"có tỉ lệ nén bất thường ({ratio:.0f} lần)")
        names = {info.filename for info in members}
        kind = _detect_kind(archive, names)
        for info in members:
            if info.filename.endswith((".xml", ".rels", ".vml")):
                _refuse_dtd(archive, info)
    return kind


def inspect_pdf(
    raw: bytes,
    *,
    max_uncompressed_bytes: int = DEFAULT_MAX_UNCOMPRESSED_BYTES,
    max_pages: int = DEFAULT_MAX_PDF_PAGES,
) -> int:
    """Check a PDF before any page is parsed; return its page count.

    Every Flate stream is inflated with a running budget (a few MB at a time, never more
    than the budget in total), so a decompression bomb is refused after at most
    `max_uncompressed_bytes` of work instead of when the reader has exhausted memory.
    """
    if not raw[:1024].lstrip().startswith(PDF_SIGNATURE):
        raise ImportFileError(
            "Tệp không phải tệp PDF thật (đổi phần mở rộng không đổi được định dạng)."
        )
    if b"%%EOF" not in raw[-2048:]:
        raise ImportFileError(
            "Tệp PDF bị hỏng hoặc chưa tải lên hết (thiếu phần kết thúc tệp). Vui lòng tải "
            "lại tệp gốc."
        )
    _inflate_streams(raw, max_uncompressed_bytes)
    document = open_pdf(raw)
    try:
        pages = len(document)
    finally:
        document.close()
    if pages == 0:
        raise ImportFileError("Tệp PDF không có trang nào.")
    if pages > max_pages:
        raise ImportFileError(
            f"Tệp PDF có {pages} trang, vượt quá giới hạn {max_pages} trang. Vui lòng chỉ "
            "tải lên kế hoạch và phụ lục nhiệm vụ."
        )
    return pages


def open_pdf(raw: bytes) -> pdfium.PdfDocument:
    """Open a PDF with PDFium; a password or a broken file is an ImportFileError."""
    try:
        return pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).casefold():
            raise ImportFileError(_PASSWORD_MESSAGE) from exc
        raise ImportFileError(
            "Tệp PDF bị hỏng, không mở được. Vui lòng xuất lại tệp PDF hoặc tải lên bản Word."
        ) from exc


_STREAM_RE = re.compile(rb"stream\r?\n")
_INFLATE_CHUNK = 4 * 1024 * 1024


def _inflate_streams(raw: bytes, budget: int) -> None:
    total = 0
    for match in _STREAM_RE.finditer(raw):
        start = match.end()
        if raw[start : start + 1] != b"\x78":  # not a zlib (Flate) stream
            continue
        end = raw.find(b"endstream", start)
        compressed = raw[start : end if end >= 0 else len(raw)]
        inflater = zlib.decompressobj()
        size = 0
        chunk = inflater.decompress(compressed, _INFLATE_CHUNK)
        while chunk:
            size += len(chunk)
            if total + size > budget:
                raise _bomb_error(
                    f"khi giải nén lên tới hơn {_format_mb(budget)} MB "
                    f"(tối đa {_format_mb(budget)} MB)"
                )
            chunk = inflater.decompress(inflater.unconsumed_tail, _INFLATE_CHUNK)
        ratio = size / max(len(compressed), 1)
        if size >= RATIO_CHECK_MIN_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise _bomb_error(f"có tỉ lệ nén bất thường ({ratio:.0f} lần)")
        total += size


def decode_csv_bytes(raw: bytes) -> tuple[str, list[str]]:
    """Decode CSV bytes; return the text and Vietnamese warnings."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), []
        except UnicodeDecodeError as exc:
            raise _csv_encoding_error() from exc
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        # Windows-1258 writes tones as combining marks: recompose to NFC.
        text = unicodedata.normalize("NFC", raw.decode("cp1258"))
    except UnicodeDecodeError as exc:
        raise _csv_encoding_error() from exc
    return text, [
        "Tệp CSV không dùng bảng mã UTF-8; hệ thống đã đọc theo bảng mã Windows-1258. "
        "Vui lòng kiểm tra dấu tiếng Việt, hoặc xuất lại dưới dạng “CSV UTF-8”."
    ]


def _detect_kind(archive: zipfile.ZipFile, names: set[str]) -> str:
    if "[Content_Types].xml" not in names:
        raise ImportFileError(
            "Tệp nén không phải tài liệu Word (.docx) hay bảng tính Excel (.xlsx)."
        )
    try:
        with archive.open("[Content_Types].xml") as handle:
            head = handle.read(PROLOGUE_SCAN_BYTES + 1)
            if _DOCTYPE_RE.search(head):
                raise _xml_trick_error()
            SafeElementTree.fromstring(head + handle.read(), forbid_dtd=True)
    except ImportFileError:
        raise
    except Exception as exc:  # defusedxml raises several unrelated types
        raise _xml_trick_error() from exc
    for kind, part in _MAIN_PARTS.items():
        if part in names:
            return kind
    raise ImportFileError("Tệp nén không phải tài liệu Word (.docx) hay bảng tính Excel (.xlsx).")


class _RootReached(Exception):
    """Raised by the scan's parser target at the first element: the prologue is over."""


class _StopAtRoot:
    def start(self, tag, attrib):
        raise _RootReached

    def close(self) -> None:
        return None


def _refuse_dtd(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Parse the XML prologue (up to the root element) with defusedxml; refuse any DTD.

    A real XML parser, not a pattern: ``<w:document`` inside a comment or a processing
    instruction is not the root, so a DOCTYPE placed after one is still found.
    """
    parser = DefusedXMLParser(target=_StopAtRoot(), forbid_dtd=True)
    read = 0
    try:
        with archive.open(info) as handle:
            while read < PROLOGUE_SCAN_BYTES:
                chunk = handle.read(4096)
                if not chunk:
                    return
                read += len(chunk)
                parser.feed(chunk)
    except _RootReached:
        return
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden) as exc:
        raise _xml_trick_error() from exc
    except ParseError as exc:
        raise ImportFileError(
            "Tệp bị hỏng: một thành phần XML bên trong không đọc được. Vui lòng mở tệp bằng "
            "Word/Excel, lưu lại rồi tải lên."
        ) from exc
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise ImportFileError(
            "Tệp bị hỏng: không đọc được nội dung bên trong. Vui lòng lưu lại tệp rồi tải lên."
        ) from exc
    # No root element within the scan window: only padding hides a DTD that far down.
    raise _xml_trick_error()


def _ole2_encrypted(raw: bytes) -> bool:
    return (
        "EncryptedPackage".encode("utf-16-le") in raw or "EncryptionInfo".encode("utf-16-le") in raw
    )


def _ole2_message(raw: bytes, extension: str) -> str:
    if _ole2_encrypted(raw):
        return _PASSWORD_MESSAGE
    if extension in _LEGACY:
        return _LEGACY[extension]
    if extension == KIND_XLSX:
        return _LEGACY["xls"]
    return _LEGACY["doc"]


def _bomb_error(detail: str) -> ImportFileError:
    return ImportFileError(
        f"Tệp bị từ chối vì nghi là “bom nén”: {detail}. Vui lòng lưu lại tệp bằng Word/Excel "
        "rồi tải lên lại."
    )


def _xml_trick_error() -> ImportFileError:
    return ImportFileError(
        "Tệp chứa khai báo XML không được phép (DTD/thực thể) nên bị từ chối vì lý do an toàn."
    )


def _csv_encoding_error() -> ImportFileError:
    return ImportFileError(
        "Không đọc được bảng mã của tệp CSV. Vui lòng xuất lại từ Excel dưới dạng "
        "“CSV UTF-8 (phân tách bằng dấu phẩy)”."
    )


def _format_mb(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"
