"""Is an uploaded evidence file what its name says? Extension AND content, no Django.

A file is accepted only when its extension is on the list and its first bytes
match that type: ``%PDF-`` for PDF, the PNG and JPEG signatures for images, and
for .docx/.xlsx a zip archive whose ``[Content_Types].xml`` declares a Word
document or an Excel workbook (a renamed .zip or .docm is refused).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePath
from typing import BinaryIO


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

# The main part each OOXML type must declare in [Content_Types].xml.
_OOXML_MAIN = {
    DOCX: b"wordprocessingml.document.main+xml",
    XLSX: b"spreadsheetml.sheet.main+xml",
}
_CONTENT_TYPES_MAX = 1024 * 1024  # a real [Content_Types].xml is a few kB


def _zip_declares(stream: BinaryIO, main_part: bytes) -> bool:
    try:
        with zipfile.ZipFile(stream) as archive:
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > _CONTENT_TYPES_MAX:
                return False
            return main_part in archive.read(info)
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError):
        return False


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
