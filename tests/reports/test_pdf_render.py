"""LibreOffice opens the report: converted to PDF, pdftotext finds the motto and the title.

Needs ``soffice`` and ``pdftotext`` (CI installs libreoffice-writer-nogui and poppler-utils);
each run uses its own LibreOffice profile so parallel runs never share one.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
import time_machine

from reports.services import build_report
from tests.reports.conftest import AFTER_CUTOFF

pytestmark = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")),
    reason="cần LibreOffice (soffice) và poppler (pdftotext) để kiểm tra bản PDF",
)


def test_libreoffice_renders_the_report(known, tmp_path):
    with time_machine.travel(AFTER_CUTOFF, tick=False):
        built = build_report(period=known.q1, on=AFTER_CUTOFF.date())
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(built.docx)
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "bao-cao.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "BÁO CÁO" in text
    assert "Kết quả thực hiện công tác cải cách hành chính quý I năm 2026" in text
    assert "Phụ lục III" in text
