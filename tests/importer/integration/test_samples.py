"""Each sample plan imports into the database with the right counts and links.

Counts for the two Thái Nguyên plans are derived by hand from shared/seeds (see
tests/importer/reading/test_docx_samples.py); the Cao Bằng plan has no task table, its tasks
come from the narrative reader and its targets from the "Mục tiêu" bullets.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from budget.models import BudgetLine
from importer.apply import apply_import
from importer.preview import build_preview
from indicators.models import Indicator
from plans.models import Plan, PlanKind
from tasks.models import AssignmentRole, DeadlineKind, Task, TaskAssignment
from tests.importer.integration.conftest import CAO_BANG_PLAN, CCHC, KSTTHC, sample

pytestmark = pytest.mark.django_db


def _import(agency, name):
    preview = build_preview(agency=agency, data=sample(name), filename=name)
    return preview, apply_import(preview=preview)


def test_kstthc_sections_tasks_units_and_deadlines(demo):
    preview, result = _import(demo.thai_nguyen, KSTTHC)
    plan = result.plan
    tasks = Task.objects.filter(plan=plan)
    assert tasks.filter(is_section=True).count() == 7
    assert tasks.filter(is_section=False).count() == 28
    # "Phòng Hỗ trợ - HCTP" is a demo alias; "... và cá nhân có liên quan" is split in two.
    assert preview.units_unmatched == []
    kinds = dict.fromkeys(DeadlineKind.values, 0)
    for kind in tasks.filter(is_section=False).values_list("deadline_kind", flat=True):
        kinds[kind] += 1
    assert kinds["continuous"] == 22
    assert (kinds["event"], kinds["date"], kinds["window"], kinds["recurring"], kinds["year"]) == (
        1,
        1,
        1,
        1,
        1,
    )
    assert kinds["unknown"] == 1  # 1.9: "Theo Kế hoạch riêng ..." is a note, no deadline
    assert plan.year == 2026 and plan.kind == PlanKind.TTHC_CONTROL
    assert plan.signer == "Vũ Thị Lệ Hằng"
    assert plan.references.get().text == "182/KH-UBND ngày 25/12/2025"


def test_kstthc_continuation_rows_are_merged_and_heading_rows_with_units_are_tasks(demo):
    _preview, result = _import(demo.thai_nguyen, KSTTHC)
    rows = {task.code: task for task in Task.objects.filter(plan=result.plan)}
    assert rows["1.3"].content.endswith("và thực hiện TTHC trên môi trường điện tử")
    assert "1.3" in rows and not any(code == "" for code in rows)  # no empty-STT rows left
    assert rows["2.4"].is_section is False and rows["2.5"].is_section is False
    assert rows["2.5"].deadline_kind == DeadlineKind.RECURRING
    assert rows["2.5"].recurrence == "quarterly,yearly"
    assert rows["2.1.1"].parent == rows["2.1"] and rows["2.1"].parent == rows["2."]
    assert rows["2.1.1"].area.code == "tthc"
    assert rows["1.1"].area.code == "chi-dao-dieu-hanh"


def test_kstthc_units_and_groups_are_assigned(demo):
    _preview, result = _import(demo.thai_nguyen, KSTTHC)
    task = Task.objects.get(plan=result.plan, code="2.3.2")
    lead = [a.unit.name for a in task.assignments.filter(role=AssignmentRole.LEAD)]
    coordinating = [a.unit.name for a in task.assignments.filter(role=AssignmentRole.COORDINATING)]
    assert lead == ["Các phòng, đơn vị thuộc Sở", "Văn phòng Sở"]
    assert coordinating == ["Văn phòng UBND tỉnh", "Sở Khoa học và Công nghệ"]
    task = Task.objects.get(plan=result.plan, code="1.7")
    assert task.lead_units[0].name == "Phòng Bổ trợ - Hành chính tư pháp"  # "Phòng Hỗ trợ - HCTP"
    assert task.lead_text.startswith("- Phòng Hỗ trợ - HCTP")  # the words are kept


def test_cchc_tasks_budget_and_total_cross_check(demo):
    preview, result = _import(demo.thai_nguyen, CCHC)
    plan = result.plan
    assert Task.objects.filter(plan=plan, is_section=False).count() == 9
    assert Task.objects.filter(plan=plan, is_section=True).count() == 0
    assert preview.units_unmatched == []
    assert TaskAssignment.objects.filter(task__plan=plan).count() == 19
    fourth = Task.objects.get(plan=plan, code="4")
    assert (fourth.deadline_kind, str(fourth.due_date)) == ("quarter", "2026-06-30")
    assert fourth.event_note == "sau khi UBND tỉnh ban hành Kế hoạch"
    lines = BudgetLine.objects.filter(plan=plan)
    assert lines.count() == 12 and lines.filter(parent__isnull=True).count() == 8
    assert sum(line.planned_amount for line in lines.filter(parent__isnull=True)) == 4_415_800_000
    assert preview.budget.total_stated == 4_415_800_000 and not preview.budget_mismatch
    plan.refresh_from_db()
    assert plan.budget_total_stated == 4_415_800_000  # kept for the plan page's cross-check
    assert lines.get(code="7.1").parent == lines.get(code="7")
    indicator = Indicator.objects.get(plan=plan)
    assert (indicator.comparator, indicator.target_value, indicator.unit) == ("gte", 100, "%")


def test_budget_total_mismatch_is_a_preview_warning(demo):
    from tests.importer.reading.docx_builders import P, T, build_docx, task_row

    data = build_docx(
        P("KẾ HOẠCH", bold=True),
        P("Cải cách hành chính năm 2026", bold=True),
        T(
            [
                [
                    "STT",
                    "Nội dung công việc",
                    "Cơ quan chủ trì",
                    "Cơ quan phối hợp",
                    "Thời gian hoàn thành",
                ],
                task_row("1", "Rà soát văn bản"),
            ],
            header_rows=1,
        ),
        P("IV. KINH PHÍ THỰC HIỆN", bold=True),
        P("1. Chi tuyên truyền CCHC: 25.000.000 đồng"),
        P("2. Chi đầu tư ứng dụng công nghệ thông tin: 50.000.000 đồng"),
        P("- Tổng số kinh phí dự kiến: 80.000.000 đồng"),
    )
    preview = build_preview(agency=demo.thai_nguyen, data=data, filename="kinh-phi.docx")
    assert preview.budget_mismatch
    assert any("80.000.000" in warning for warning in preview.warnings)


def test_cao_bang_targets_become_indicators(demo):
    preview, result = _import(demo.cao_bang, CAO_BANG_PLAN)
    plan = result.plan
    assert plan.agency == demo.cao_bang and plan.signer == "Đoàn Trọng Hùng"
    indicators = Indicator.objects.filter(plan=plan)
    assert indicators.count() == len(preview.targets) >= 20
    on_time = indicators.get(name__startswith="Tỷ lệ giải quyết hồ sơ TTHC đúng hạn")
    assert (on_time.comparator, on_time.target_value) == ("gte", Decimal("97"))
    assert "97%" in on_time.text
    online = indicators.filter(comparator="gte", target_value=60, unit="%")
    assert online.exists()
    # The narrative reader's tasks are imported as they are (no units, no deadline in prose).
    assert Task.objects.filter(plan=plan).count() == len(preview.rows)
    assert Plan.objects.count() == 1
