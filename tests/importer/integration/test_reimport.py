"""Re-importing a revised plan updates it by STT path, keeps reports, and reports changes."""

from __future__ import annotations

import datetime as dt

import pytest

from importer.apply import apply_import
from importer.preview import build_preview
from plans.models import Plan
from tasks.models import Task, TaskStatus
from tests.importer.integration.conftest import KSTTHC, sample, snapshot
from tests.importer.reading.docx_builders import P, T, build_docx, task_row

pytestmark = pytest.mark.django_db

HEADER = [
    "STT",
    "Nội dung công việc",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian hoàn thành",
]


def plan_docx(*rows) -> bytes:
    return build_docx(
        P("Số: 12/KH-STP"),
        P("KẾ HOẠCH", bold=True),
        P("Cải cách hành chính năm 2026 của Sở Tư pháp", bold=True),
        T([HEADER, *rows], header_rows=1),
    )


VERSION_1 = plan_docx(
    task_row("1", "Rà soát văn bản QPPL", lead="Phòng Xây dựng và Kiểm tra văn bản QPPL"),
    task_row("2", "Tuyên truyền CCHC", deadline="Quý II/2026"),
    task_row("3", "Kiểm tra công tác CCHC", deadline="Quý III/2026"),
    task_row("4", "Tổng kết năm", deadline="Trước 15/12/2026"),
)
VERSION_2 = plan_docx(
    task_row("1", "Rà soát văn bản QPPL", lead="Phòng Xây dựng và Kiểm tra văn bản QPPL"),
    task_row("2", "Tuyên truyền CCHC trên Cổng thông tin", deadline="Quý III/2026"),
    task_row("4", "Tổng kết năm", deadline="Trước 15/12/2026"),
    task_row("5", "Khảo sát sự hài lòng", lead="Văn phòng Sở; Thanh tra Sở"),
)


def _import(agency, data, name="ke-hoach.docx"):
    return apply_import(preview=build_preview(agency=agency, data=data, filename=name))


def test_same_file_twice_changes_nothing(demo):
    first = _import(demo.thai_nguyen, sample(KSTTHC), KSTTHC)
    before = snapshot()
    again = _import(demo.thai_nguyen, sample(KSTTHC), KSTTHC)
    assert again.plan.pk == first.plan.pk and not again.changed_anything
    assert snapshot() == before
    assert Plan.objects.count() == 1


def test_revised_version_updates_in_place_and_keeps_status(demo):
    first = _import(demo.thai_nguyen, VERSION_1)
    tasks = {task.code: task for task in Task.objects.filter(plan=first.plan)}
    Task.objects.filter(pk=tasks["2"].pk).update(
        status=TaskStatus.IN_PROGRESS, progress=40, result="Đã đăng 3 tin bài"
    )
    preview = build_preview(agency=demo.thai_nguyen, data=VERSION_2, filename="ke-hoach.docx")
    assert preview.existing_plan == first.plan
    assert (preview.changes.added, preview.changes.changed, preview.changes.removed) == (
        ["5"],
        ["2", "4"],  # "4" moved from position 4 to 3
        ["3"],
    )
    result = apply_import(preview=preview)
    assert result.plan.pk == first.plan.pk and not result.created
    assert (result.added, result.removed, result.kept) == (["5"], ["3"], [])
    updated = Task.objects.get(pk=tasks["2"].pk)  # same row, updated in place
    assert updated.content == "Tuyên truyền CCHC trên Cổng thông tin"
    assert updated.due_date == dt.date(2026, 9, 30)
    assert (updated.status, updated.progress, updated.result) == (
        "in_progress",
        40,
        "Đã đăng 3 tin bài",
    )
    assert not Task.objects.filter(pk=tasks["3"].pk).exists()
    assert [t.name for t in Task.objects.get(plan=first.plan, code="5").lead_units] == [
        "Văn phòng Sở",
        "Thanh tra Sở",
    ]
    assert Plan.objects.count() == 1


def test_removed_row_with_reports_is_kept_and_marked(demo):
    first = _import(demo.thai_nguyen, VERSION_1)
    reported = Task.objects.get(plan=first.plan, code="3")
    reported.status, reported.completed_on = TaskStatus.DONE, dt.date(2026, 3, 1)
    reported.save()
    result = _import(demo.thai_nguyen, VERSION_2)
    assert result.kept == ["3"] and result.removed == []
    reported.refresh_from_db()
    assert reported.notes.startswith("Không còn trong bản kế hoạch nhập lại ngày")
    assert reported.status == TaskStatus.DONE
    before = snapshot()
    again = _import(demo.thai_nguyen, VERSION_2)  # marking twice changes nothing
    assert again.kept == ["3"] and snapshot() == before


def test_plans_without_number_match_on_title_and_year(demo):
    untitled = build_docx(
        P("KẾ HOẠCH", bold=True),
        P("Kiểm soát TTHC năm 2026", bold=True),
        T([HEADER, task_row("1", "Rà soát TTHC")], header_rows=1),
    )
    other = build_docx(
        P("KẾ HOẠCH", bold=True),
        P("Tuyên truyền CCHC năm 2026", bold=True),
        T([HEADER, task_row("1", "Rà soát TTHC")], header_rows=1),
    )
    first = _import(demo.thai_nguyen, untitled)
    assert _import(demo.thai_nguyen, untitled).plan == first.plan
    assert _import(demo.thai_nguyen, other).plan != first.plan
    assert _import(demo.cao_bang, untitled).plan != first.plan  # another agency's plan
