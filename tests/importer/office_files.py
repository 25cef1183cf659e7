"""PDF and .doc versions of test documents, made with LibreOffice during the test run.

Agencies' .doc and PDF plans are Word documents saved in another format, so the tests make
theirs the same way from the .docx they already have (the samples, or documents built by
`docx_builders`). Conversions are cached per test session by content hash. Without
LibreOffice the tests that need it are skipped with the reason; CI installs it (.ci/run).
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None,
    reason="cần LibreOffice (soffice) để tạo tệp .doc/PDF từ .docx; .ci/run cài "
    "libreoffice-writer-nogui",
)
_CACHE = Path(tempfile.gettempdir()) / "cchc-test-office-files"
_FILTERS = {"pdf": "pdf:writer_pdf_Export", "doc": "doc:MS Word 97"}


def convert_docx(data: bytes, to: str) -> bytes:
    """`data` (.docx bytes) saved by LibreOffice as "pdf" or "doc"."""
    if SOFFICE is None:
        pytest.skip("cần LibreOffice (soffice) để tạo tệp .doc/PDF từ .docx")
    digest = hashlib.sha256(data).hexdigest()[:24]
    target = _CACHE / f"{digest}.{to}"
    if target.is_file():
        return target.read_bytes()
    _CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cchc-test-soffice-") as work:
        source = Path(work) / f"{digest}.docx"
        source.write_bytes(data)
        subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation={(Path(work) / 'profile').as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                _FILTERS[to],
                "--outdir",
                work,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        produced = Path(work) / f"{digest}.{to}"
        produced.replace(target)
    return target.read_bytes()
