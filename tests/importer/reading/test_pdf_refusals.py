"""Hostile or unreadable PDFs are refused in bounded time and memory, before or while reading."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from importer.parsing.document import ImportFileError
from importer.parsing.pdf_reader import _is_furniture, _Line, _Segment, read_pdf
from importer.parsing.safety import KIND_PDF, check_upload, inspect_pdf
from tests.importer.pdf_builders import (
    build_pdf,
    encrypted_pdf,
    flate_bomb,
    image_page,
    text_page,
)

MB = 1024 * 1024
BAD = {
    "truncated": (lambda: build_pdf([text_page("KE HOACH")] * 4)[:-60], "chưa tải lên hết"),
    "encrypted": (encrypted_pdf, "mật khẩu"),
    "scanned only": (lambda: build_pdf([image_page()] * 3), "không có lớp chữ"),
    "flate bomb": (lambda: build_pdf([image_page()], image=flate_bomb(400)), "bom nén"),
    "not a pdf at all": (lambda: b"%PDF-1.7\n" + bytes(3000) + b"%%EOF", "hỏng"),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_refused_quickly_with_little_memory(case):
    build, expected = BAD[case]
    data = build()
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(ImportFileError) as error:
            check_upload(data, filename="ke-hoach.pdf", max_bytes=20 * MB, allowed=(KIND_PDF,))
            read_pdf(data)
        elapsed = time.monotonic() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert expected in str(error.value)
    assert elapsed < 5
    assert peak < 64 * MB  # the bomb inflates to 400 MB; the check holds a few MB at a time


def test_page_limit():
    data = build_pdf([text_page("KE HOACH")] * 6)
    assert inspect_pdf(data, max_pages=6) == 6
    with pytest.raises(ImportFileError, match="vượt quá giới hạn 5 trang"):
        inspect_pdf(data, max_pages=5)


def test_reading_stops_at_the_time_limit():
    data = build_pdf([text_page("KE HOACH")] * 3)
    with pytest.raises(ImportFileError, match="quá thời gian"):
        read_pdf(data, time_limit=-1)


@pytest.mark.parametrize(
    ("text", "top", "furniture"),
    [
        ("2", 30, True),
        ("- 12 -", 810, True),
        ("Trang 3/10", 20, True),
        ("2", 400, False),  # a lone number mid-page is content (an STT, a figure)
        ("2. Cải cách thủ tục hành chính", 30, False),
    ],
)
def test_page_numbers_at_the_margins_are_dropped(text, top, furniture):
    line = _Line([_Segment(300, top, 320, top + 12, text, False)])
    assert _is_furniture(line, 842) is furniture
