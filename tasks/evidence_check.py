"""Is an uploaded evidence file what its name says? Extension AND content, no Django.

A file is accepted only when its extension is on the list and its first bytes
match that type: ``%PDF-`` for PDF, the PNG and JPEG signatures for images, and
for .docx/.xlsx a zip archive whose ``[Content_Types].xml`` declares a Word
document or an Excel workbook in a real Override/Default entry, with no macro part
(a renamed .zip, .docm or .xlsm is refused).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePath
from typing import BinaryIO

from defusedxml import ElementTree as SafeElementTree


class Problem(StrEnum):
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    EXTENSION = "extension"
    CONTENT = "content"


class EvidenceRejected(Exception):
    def __init__(self, problem: Problem, name: str) -> None:
        super().__init__(f"{problem}: {name}")
        self.problem = problem
        self.name = name


@dataclass(frozen=True)
class FileType:
    extension: str
    content_type: str


PDF = FileType(".pdf", "application/pdf")
DOCX = FileType(".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = FileType(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
PNG = FileType(".png", "image/png")
JPEG = FileType(".jpg", "image/jpeg")

BY_EXTENSION: dict[str, FileType] = {
    ".pdf": PDF,
    ".docx": DOCX,
    ".xlsx": XLSX,
    ".png": PNG,
    ".jpg": JPEG,
    ".jpeg": JPEG,
}
ALLOWED_EXTENSIONS = tuple(BY_EXTENSION)

# The main part each OOXML type must declare in [Content_Types].xml, exactly.
_OOXML_MAIN = {
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
_CONTENT_TYPES_MAX = 1024 * 1024  # a real [Content_Types].xml is a few kB
# Macro-enabled documents (.docm/.xlsm/.dotm renamed to .docx) declare one of these.
_MACRO_MARKERS = ("macroenabled", "vbaproject", "vbadata", "activex")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _declared_types(data: bytes) -> list[str] | None:
    """The content types of the real Override and Default entries, or None if unreadable."""
    try:
        root = SafeElementTree.fromstring(data, forbid_dtd=True)
    except Exception:  # defusedxml and expat raise several unrelated types
        return None
    if _local(root.tag) != "Types":
        return None
    return [
        child.get("ContentType", "")
        for child in root
        if _local(child.tag) in ("Override", "Default")
    ]


def _zip_declares(stream: BinaryIO, main_type: str) -> bool:
    """Does the package really declare ``main_type``, with no macro part anywhere?

    The entries are read from the parsed XML, so a type named in a comment or an
    attribute of something else does not count.
    """
    try:
        with zipfile.ZipFile(stream) as archive:
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > _CONTENT_TYPES_MAX:
                return False
            names = [name.lower() for name in archive.namelist()]
            declared = _declared_types(archive.read(info))
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError):
        return False
    if declared is None or main_type not in declared:
        return False
    if any(name.rsplit("/", 1)[-1] == "vbaproject.bin" for name in names):
        return False
    lowered = [content_type.lower() for content_type in declared]
    return not any(marker in value for value in lowered for marker in _MACRO_MARKERS)


def _content_matches(file_type: FileType, stream: BinaryIO) -> bool:
    head = stream.read(8)
    stream.seek(0)
    if file_type is PDF:
        return head.startswith(b"%PDF-")
    if file_type is PNG:
        return head == b"\x89PNG\r\n\x1a\n"
    if file_type is JPEG:
        return head.startswith(b"\xff\xd8\xff")
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        return _zip_declares(stream, _OOXML_MAIN[file_type])
    finally:
        stream.seek(0)


def check_evidence(*, name: str, size: int, max_bytes: int, stream: BinaryIO) -> FileType:
    """The file's type, or :class:`EvidenceRejected` saying why it is refused."""
    if size <= 0:
        raise EvidenceRejected(Problem.EMPTY, name)
    if size > max_bytes:
        raise EvidenceRejected(Problem.TOO_LARGE, name)
    file_type = BY_EXTENSION.get(PurePath(name).suffix.lower())
    if file_type is None:
        raise EvidenceRejected(Problem.EXTENSION, name)
    stream.seek(0)
    if not _content_matches(file_type, stream):
        raise EvidenceRejected(Problem.CONTENT, name)
    return file_type
