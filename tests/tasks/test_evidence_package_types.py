"""A .docx/.xlsx is judged by the real entries of [Content_Types].xml, not by substrings."""

import io
import zipfile

import pytest

from tasks.evidence_check import DOCX, XLSX, EvidenceRejected, check_evidence

NS = "http://schemas.openxmlformats.org/package/2006/content-types"
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
EXCEL_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
WORD_MACRO = "application/vnd.ms-word.document.macroEnabled.main+xml"
EXCEL_MACRO = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
VBA = "application/vnd.ms-office.vbaProject"


def package(entries: str, *, parts: tuple[str, ...] = ("word/document.xml",)) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{NS}">{entries}</Types>',
        )
        for part in parts:
            archive.writestr(part, "<x/>")
    return buffer.getvalue()


def override(part: str, content_type: str) -> str:
    return f'<Override PartName="/{part}" ContentType="{content_type}"/>'


XML_DEFAULT = '<Default Extension="xml" ContentType="application/xml"/>'
GOOD = {
    "docx": ("bao-cao.docx", package(XML_DEFAULT + override("word/document.xml", WORD_MAIN))),
    "xlsx": (
        "so-lieu.xlsx",
        package(XML_DEFAULT + override("xl/workbook.xml", EXCEL_MAIN), parts=("xl/workbook.xml",)),
    ),
}
REFUSED = {
    # The main type only appears inside a comment; the real main part is macro-enabled.
    "type in a comment": (
        "bao-cao.docx",
        package(f"<!-- {WORD_MAIN} -->" + override("word/document.xml", WORD_MACRO)),
    ),
    "type in another attribute": (
        "bao-cao.docx",
        package(f'<Default Extension="{WORD_MAIN}" ContentType="application/xml"/>'),
    ),
    "macro override beside the main type": (
        "bao-cao.docx",
        package(override("word/document.xml", WORD_MAIN) + override("word/vbaProject.bin", VBA)),
    ),
    "macro default extension": (
        "bao-cao.docx",
        package(
            override("word/document.xml", WORD_MAIN)
            + f'<Default Extension="bin" ContentType="{VBA}"/>'
        ),
    ),
    "vbaProject.bin part, undeclared": (
        "bao-cao.docx",
        package(
            override("word/document.xml", WORD_MAIN),
            parts=("word/document.xml", "word/vbaProject.bin"),
        ),
    ),
    "macro-enabled workbook renamed": (
        "so-lieu.xlsx",
        package(override("xl/workbook.xml", EXCEL_MACRO), parts=("xl/workbook.xml",)),
    ),
    "not xml": ("bao-cao.docx", package("<Override")),
    "dtd": (
        "bao-cao.docx",
        package(override("word/document.xml", WORD_MAIN)).replace(
            b'<?xml version="1.0" encoding="UTF-8"?>',
            b'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE Types>',
        ),
    ),
}


@pytest.mark.parametrize(("kind", "expected"), [("docx", DOCX), ("xlsx", XLSX)])
def test_good_packages_are_accepted(kind, expected):
    name, data = GOOD[kind]
    assert check_evidence(name=name, size=len(data), max_bytes=10**6, stream=io.BytesIO(data)) is (
        expected
    )


@pytest.mark.parametrize("case", REFUSED.keys())
def test_smuggled_or_macro_packages_are_refused(case):
    name, data = REFUSED[case]
    with pytest.raises(EvidenceRejected) as caught:
        check_evidence(name=name, size=len(data), max_bytes=10**6, stream=io.BytesIO(data))
    assert caught.value.problem == "content"
