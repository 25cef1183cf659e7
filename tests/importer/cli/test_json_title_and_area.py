"""`import_plan --json` rows carry the prose task's heading (`title`) and its lĩnh vực (`area`)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from tasks.models import Area, Task
from tests.importer.reading.docx_builders import build_docx
from tests.importer.reading.test_docx_prose_plans import PLAN

pytestmark = pytest.mark.django_db


def test_rows_carry_title_and_area(demo, tmp_path):
    path = tmp_path / "khac-phuc.docx"
    path.write_bytes(build_docx(*PLAN))
    out = io.StringIO()
    call_command("import_plan", str(path), "--agency", "STP-TN", "--json", stdout=out)
    data = json.loads(out.getvalue())
    areas = dict(Area.objects.values_list("code", "name"))
    tasks = [row for row in data["rows"] if not row["is_section"]]
    assert [(row["code"], row["title"], row["area"]) for row in tasks] == [
        ("1.1", "Công tác chỉ đạo, điều hành CCHC", areas["chi-dao-dieu-hanh"]),
        ("1.2", "Cải cách thủ tục hành chính", areas["tthc"]),
        ("1.3", "Tuyên truyền cải cách hành chính", areas["tuyen-truyen"]),
    ]
    assert data["sections"] == 2
    assert any("Chưa có đơn vị chủ trì" in w and w.startswith("1.2") for w in data["warnings"])
    # The task keeps its heading: the content starts with the title, then the bullets.
    task = Task.objects.get(plan__agency__code="STP-TN", code="1.1", path="II/1.1")
    assert task.content.startswith("Công tác chỉ đạo, điều hành CCHC\n- Ban hành")
