"""`import_plan` and `parse_deadline`: the JSON other checks rely on, dry runs, exit codes."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from plans.models import Plan
from tests.importer.integration.conftest import (
    CAO_BANG_PLAN,
    CCHC,
    KSTTHC,
    KSTTHC_XLSX,
    sample_path,
    snapshot,
)

pytestmark = pytest.mark.django_db

ROW_KEYS = {
    "code",
    "content",
    "is_section",
    "lead",
    "coordinating",
    "deadline_text",
    "deadline_kind",
    "due_date",
    "requirement",
}


def run(*args) -> dict:
    out = io.StringIO()
    call_command("import_plan", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.parametrize(
    ("name", "agency", "sections", "tasks"),
    [(KSTTHC, "STP-TN", 7, 28), (CCHC, "STP-TN", 0, 9), (KSTTHC_XLSX, "STP-TN", 7, 28)],
)
def test_json_shape_and_counts(demo, name, agency, sections, tasks):
    data = run(str(sample_path(name)), "--agency", agency, "--dry-run")
    assert (data["sections"], data["tasks"]) == (sections, tasks)
    assert set(data["plan"]) >= {"number", "title", "year", "issued_on", "basis", "signer"}
    assert len(data["rows"]) == sections + tasks
    assert all(set(row) >= ROW_KEYS for row in data["rows"])
    assert data["units_unmatched"] == [] and data["errors"] == []
    assert {"indicators", "budget_lines", "budget_total_stated", "warnings"} <= set(data)


def test_json_rows_in_document_order_with_units_and_deadlines(demo):
    data = run(str(sample_path(KSTTHC)), "--agency", "STP-TN", "--dry-run")
    row = next(row for row in data["rows"] if row["code"] == "1.2")
    assert row["lead"] == ["Văn phòng Sở"]
    assert row["coordinating"] == ["Các phòng, đơn vị thuộc Sở"]
    assert (row["deadline_kind"], row["due_date"]) == ("date", "2026-01-31")
    assert [r["code"] for r in data["rows"][:3]] == ["1.", "1.1", "1.2"]


def test_json_budget_and_indicators(demo):
    data = run(str(sample_path(CCHC)), "--agency", "STP-TN", "--dry-run")
    assert data["budget_total_stated"] == 4_415_800_000
    assert sum(line["amount"] for line in data["budget_lines"] if "." not in line["code"]) == (
        4_415_800_000
    )
    assert data["indicators"][0]["comparator"] == "gte" and data["indicators"][0]["value"] == 100
    cao_bang = run(str(sample_path(CAO_BANG_PLAN)), "--agency", "STP-CB", "--dry-run")
    assert {"text", "comparator", "value", "unit"} <= set(cao_bang["indicators"][0])
    assert any(i["value"] == 97 and i["comparator"] == "gte" for i in cao_bang["indicators"])


def test_unmatched_units_are_listed_as_written(demo):
    from organizations.models import UnitAlias

    UnitAlias.objects.filter(name="Phòng Hỗ trợ - HCTP").delete()
    data = run(str(sample_path(KSTTHC)), "--agency", "STP-TN", "--dry-run")
    assert data["units_unmatched"] == ["Phòng Hỗ trợ - HCTP"]
    row = next(row for row in data["rows"] if row["code"] == "1.7")
    assert row["lead"] == ["Phòng Hỗ trợ - HCTP", "Văn phòng Sở"]


def test_dry_run_writes_nothing_and_a_real_run_imports(demo):
    before = snapshot()
    run(str(sample_path(CCHC)), "--agency", "STP-TN", "--dry-run")
    assert snapshot() == before
    data = run(str(sample_path(CCHC)), "--agency", "STP-TN")
    assert Plan.objects.get().pk == data["result"]["plan_id"]


def test_unknown_agency_is_one_line(demo):
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_plan", str(sample_path(CCHC)), "--agency", "KHONG-CO", stderr=err)
    assert exit_info.value.code == 1
    assert err.getvalue().strip() == "Không có cơ quan mã “KHONG-CO”."


@pytest.mark.parametrize(
    ("text", "year", "kind", "due"),
    [
        ("Quý II/2026 (sau khi UBND tỉnh ban hành Kế hoạch)", None, "quarter", "2026-06-30"),
        ("Trước 01/6", 2026, "date", "2026-06-01"),
        ("Thường xuyên", None, "continuous", None),
        ("Định kỳ hàng quý, năm", None, "recurring", None),
        ("Khi có yêu cầu", None, "event", None),
        ("abc xyz", None, "unknown", None),
    ],
)
def test_parse_deadline_json(text, year, kind, due):
    out = io.StringIO()
    args = [text, "--json"] + (["--year", str(year)] if year else [])
    call_command("parse_deadline", *args, stdout=out)
    data = json.loads(out.getvalue())
    assert (data["kind"], data["due_date"]) == (kind, due)
    if kind == "unknown":
        assert data["warnings"]


def test_parse_deadline_text_output():
    out = io.StringIO()
    call_command("parse_deadline", "Tháng 3, tháng 4 năm 2026", stdout=out)
    assert out.getvalue().strip() == (
        "Tháng 3, tháng 4 năm 2026 → Khoảng thời gian · từ 01/03/2026 · hạn 30/04/2026"
    )
