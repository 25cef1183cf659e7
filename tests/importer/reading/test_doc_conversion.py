"""Word 97-2003 (.doc) plans: converted by LibreOffice in a fenced subprocess, then read as .docx.

The fence is tested with stand-in converters (small scripts named as soffice): one that never
ends, one that asks for more memory than the limit, one that writes nothing. The real
conversion is tested on the samples saved as .doc by LibreOffice (skipped without it).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from importer.parsing import doc_converter
from importer.parsing.doc_converter import convert_doc_to_docx
from importer.parsing.document import ImportFileError
from importer.parsing.docx_reader import read_docx
from importer.parsing.safety import KIND_DOC, OLE2_SIGNATURE, check_upload
from tests.importer.office_files import convert_docx, needs_soffice

MB = 1024 * 1024
SAMPLES = [
    "thai-nguyen-stp-kstthc-2026.docx",
    "thai-nguyen-stp-cchc-2026.docx",
    "cao-bang-stp-cchc-2026.docx",
]


def _fake_soffice(tmp_path: Path, body: str) -> str:
    script = tmp_path / "soffice"
    script.write_text(f"#!{sys.executable}\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def test_without_libreoffice_the_message_says_how_to_go_on(monkeypatch):
    monkeypatch.setattr(doc_converter, "soffice_path", lambda: None)
    with pytest.raises(ImportFileError) as error:
        convert_doc_to_docx(OLE2_SIGNATURE + bytes(600))
    message = str(error.value)
    assert "LibreOffice" in message and ".docx" in message


def test_a_converter_that_hangs_is_killed_at_the_timeout(tmp_path):
    pid_file = tmp_path / "pid"
    soffice = _fake_soffice(
        tmp_path,
        f"import os, time\nopen({str(pid_file)!r}, 'w').write(str(os.getpid()))\ntime.sleep(60)",
    )
    started = time.monotonic()
    with pytest.raises(ImportFileError) as error:
        convert_doc_to_docx(OLE2_SIGNATURE, soffice=soffice, timeout=1.5)
    assert time.monotonic() - started < 10
    assert "quá thời gian" in str(error.value)
    pid = int(pid_file.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_a_converter_over_the_memory_limit_fails_cleanly(tmp_path):
    soffice = _fake_soffice(tmp_path, f"bytearray({doc_converter.MEMORY_LIMIT_BYTES * 2})")
    with pytest.raises(ImportFileError) as error:
        convert_doc_to_docx(OLE2_SIGNATURE, soffice=soffice)
    assert "Không chuyển được tệp .doc" in str(error.value)


def test_a_converter_that_writes_nothing_is_a_refusal(tmp_path):
    soffice = _fake_soffice(tmp_path, "pass")
    with pytest.raises(ImportFileError, match=r"Không chuyển được tệp \.doc"):
        convert_doc_to_docx(OLE2_SIGNATURE, soffice=soffice)


def test_the_converter_gets_no_proxy_and_a_private_profile(tmp_path):
    seen = tmp_path / "seen"
    soffice = _fake_soffice(
        tmp_path,
        f"import os, sys\nopen({str(seen)!r}, 'w').write(repr((sorted(os.environ), sys.argv[1:])))",
    )
    os.environ["HTTP_PROXY"] = "http://proxy.invalid:3128"
    try:
        with pytest.raises(ImportFileError):
            convert_doc_to_docx(OLE2_SIGNATURE, soffice=soffice)
    finally:
        del os.environ["HTTP_PROXY"]
    names, argv = eval(seen.read_text())
    assert not any("proxy" in name.casefold() for name in names)
    assert argv[0].startswith("-env:UserInstallation=file:///") and "--headless" in argv


def test_check_upload_accepts_a_doc_only_where_allowed():
    fake = OLE2_SIGNATURE + "WordDocument".encode("utf-16-le") + bytes(600)
    assert check_upload(fake, filename="a.doc", max_bytes=MB, allowed=(KIND_DOC,)) == KIND_DOC
    with pytest.raises(ImportFileError, match=r"\.docx"):
        check_upload(fake, filename="a.doc", max_bytes=MB)  # the default: .docx/.xlsx/.csv
    with pytest.raises(ImportFileError, match="không phải văn bản Word 97-2003"):
        check_upload(OLE2_SIGNATURE + bytes(600), filename="a.doc", max_bytes=MB, allowed=("doc",))


@needs_soffice
@pytest.mark.parametrize("name", SAMPLES)
def test_sample_saved_as_doc_reads_like_the_docx(sample_bytes, name):
    docx = sample_bytes(name)
    converted = convert_doc_to_docx(convert_docx(docx, "doc"))
    expected = read_docx(docx, require_tasks=False)
    found = read_docx(converted, require_tasks=False)
    fields = ("path", "code", "content", "is_section", "lead_text", "coordinating_text")
    fields += ("deadline_text", "requirement", "area_hint")

    def rows(document):
        return [tuple(getattr(row, f) for f in fields) for row in document.rows]

    assert rows(found) == rows(expected)
    assert found.metadata == expected.metadata
    assert found.target_sentences == expected.target_sentences
    assert found.budget_lines == expected.budget_lines


def test_a_doc_is_converted_once_for_the_preview_and_the_confirmation(
    monkeypatch, sample_bytes, private_media
):
    """The preview and the confirmation read the same staged bytes: LibreOffice runs once,
    and discarding the upload removes the conversion with it."""
    from importer import preview
    from importer.staging import stage_upload, staging_dir

    docx = sample_bytes(SAMPLES[0])
    calls = []

    def fake_convert(raw):
        calls.append(raw)
        return docx

    monkeypatch.setattr(preview, "convert_doc_to_docx", fake_convert)
    doc = OLE2_SIGNATURE + bytes(600)
    monkeypatch.setattr(preview, "check_upload", lambda data, **kwargs: preview.KIND_DOC)
    staged = stage_upload(chunks=[doc], size=len(doc), filename="a.doc", agency_id=1, user_id=1)
    first = preview.read_plan_file(staged.read_bytes(), filename="a.doc")[1]
    second = preview.read_plan_file(staged.read_bytes(), filename="a.doc")[1]
    assert len(calls) == 1 and [r.content for r in first.rows] == [r.content for r in second.rows]
    assert any(p.name.endswith("-docx") for p in staging_dir().iterdir())
    staged.discard()
    assert list(staging_dir().iterdir()) == []


def test_a_failed_conversion_keeps_nothing(monkeypatch, private_media):
    from importer import preview
    from importer.staging import staging_dir

    def failing(raw):
        raise ImportFileError("hỏng")

    monkeypatch.setattr(preview, "convert_doc_to_docx", failing)
    monkeypatch.setattr(preview, "check_upload", lambda data, **kwargs: preview.KIND_DOC)
    with pytest.raises(ImportFileError, match="hỏng"):
        preview.read_plan_file(OLE2_SIGNATURE + bytes(600), filename="a.doc")
    assert not any(p.name.endswith("-docx") for p in staging_dir().iterdir())
