"""``manage.py build_report``: builds synchronously, prints the path, clear Vietnamese errors."""

from __future__ import annotations

import io

import pytest
import time_machine
from django.core.management import CommandError, call_command
from docx import Document

from tests.reports.conftest import AFTER_CUTOFF


def test_builds_the_report_and_prints_its_path(known, tmp_path):
    out = tmp_path / "q1" / "bao-cao.docx"
    stdout = io.StringIO()
    with time_machine.travel(AFTER_CUTOFF, tick=False):
        call_command("build_report", agency="STP-KA", period="2026-Q1", out=str(out), stdout=stdout)
    assert stdout.getvalue().strip() == str(out.resolve())
    texts = [p.text for p in Document(str(out)).paragraphs]
    assert "Kết quả thực hiện công tác cải cách hành chính quý I năm 2026" in texts
    assert not list(out.parent.glob("*.part"))


def test_one_plan(known, tmp_path):
    out = tmp_path / "plan.docx"
    with time_machine.travel(AFTER_CUTOFF, tick=False):
        call_command(
            "build_report",
            agency="STP-KA",
            period="2026-Q1",
            plan=known.plan.pk,
            out=str(out),
            stdout=io.StringIO(),
        )
    assert out.stat().st_size > 0


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"agency": "KHONG-CO", "period": "2026-Q1"}, "Không có cơ quan mã KHONG-CO."),
        ({"agency": "STP-KA", "period": "2026-Q2"}, "Kỳ không hợp lệ: 2026-Q2"),
        ({"agency": "STP-KA", "period": "2026-9M"}, "Cơ quan STP-KA chưa có kỳ báo cáo 2026-9M."),
        ({"agency": "STP-KA", "period": "2026", "plan": 999999}, "không có kế hoạch mã số 999999"),
    ],
)
def test_unknown_agency_period_or_plan(known, tmp_path, options, message):
    with pytest.raises(CommandError, match=message):
        call_command("build_report", out=str(tmp_path / "x.docx"), **options)
    assert not (tmp_path / "x.docx").exists()
