"""The .xlsx export: a sheet per table, same numbers as the page, audited, never cached."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from audit.models import AuditAction, AuditEvent
from tasks.models import TaskProgress
from tests.query_counts import assert_flat_queries

pytestmark = pytest.mark.django_db

# The dashboard's reads (tests/dashboard/test_query_counts.py), every indicator and
# budget row in place of the few the page draws, and the audit event it writes.
EXPORT_QUERIES = 32


@pytest.fixture
def exported(client, board):
    client.force_login(board.world.users["coordinator"])
    response = client.get(reverse("dashboard_export"))
    assert response.status_code == 200
    return response


def _rows(book, title: str) -> list[tuple]:
    return [tuple(row) for row in book[title].iter_rows(values_only=True)]


def test_sheets_and_numbers(exported, board):
    book = load_workbook(io.BytesIO(exported.content))
    assert book.sheetnames == [
        "Tổng hợp", "Đơn vị × lĩnh vực", "Quá hạn", "Đến hạn trong 14 ngày", "Cập nhật gần đây",
        "Chỉ tiêu", "Kinh phí", "Chỉ số CCHC",
    ]  # fmt: skip
    summary = dict(_rows(book, "Tổng hợp")[1:])
    assert summary["Tổng số nhiệm vụ"] == 7
    assert summary["Chưa hoàn thành, quá hạn"] == 3
    assert summary["Tỷ lệ hoàn thành đúng hạn"] == "20,0%"
    assert summary["Đơn vị chưa gửi báo cáo kỳ"] == 2
    matrix = _rows(book, "Đơn vị × lĩnh vực")
    assert matrix[0][:3] == ("Đơn vị chủ trì", "Lĩnh vực thử A1", "Lĩnh vực thử A1 — quá hạn")
    assert matrix[1] == (board.world.unit_b.name, 1, 1, 1, 0, 1, 0, 3, 1)
    overdue = _rows(book, "Quá hạn")
    # Working days: Tết, 27/4, 30/4, 1/5 and weekends are not counted.
    assert [row[-1] for row in overdue[1:]] == [81, 55, 13]
    assert len(_rows(book, "Đến hạn trong 14 ngày")) == 3
    budget = _rows(book, "Kinh phí")
    assert budget[1][1:] == (150_000_000, 45_000_000, "30,0%")


def test_text_cells_cannot_run_as_formulas(exported):
    book = load_workbook(io.BytesIO(exported.content))
    texts = [row[1] for row in _rows(book, "Chỉ tiêu")[1:]]
    assert "'=7 tin bài mỗi tháng" in texts


def test_it_is_private_and_audited(exported, board):
    assert "no-store" in exported["Cache-Control"]
    assert exported["Content-Disposition"] == 'attachment; filename="tong-quan-20260520.xlsx"'
    event = AuditEvent.objects.get(action=AuditAction.DASHBOARD_EXPORT)
    assert event.user == board.world.users["coordinator"]


def test_a_province_viewer_gets_the_agency_sheet(client, board):
    from organizations.models import Role
    from tests.factories import AgencyFactory, make_member

    top = AgencyFactory(code="UBND-X", name="UBND tỉnh")
    board.world.agency.parent = top
    board.world.agency.save()
    client.force_login(make_member(Role.PROVINCE_VIEWER, agency=top))
    book = load_workbook(io.BytesIO(client.get(reverse("dashboard_export")).content))
    (header, *rows) = _rows(book, "Theo cơ quan")
    assert header[0] == "Cơ quan" and [row[0] for row in rows] == [board.world.agency.name]


def test_the_par_sheet_has_each_lĩnh_vực_and_the_total(client, board):
    from tests.par.known_set import scored_set

    world = board.world
    scored_set(agency=world.agency, user=world.users["coordinator"])
    client.force_login(world.users["coordinator"])
    book = load_workbook(io.BytesIO(client.get(reverse("dashboard_export")).content))
    assert book.sheetnames[-1] == "Chỉ số CCHC"
    (header, *rows) = _rows(book, "Chỉ số CCHC")
    assert header == ("Cơ quan", "Bộ tiêu chí", "Lĩnh vực", "Điểm tối đa", "Điểm tự chấm",
                      "Điểm thẩm định", "Tỷ lệ tự chấm")  # fmt: skip
    # The same totals as the page's PAR card (tests/dashboard/test_par_panel.py).
    assert [(row[2].split(".")[0], row[4], row[6]) for row in rows] == [
        ("I", 4.5, "75,0%"), ("II", 2.0, "50,0%"), ("Tổng điểm", 6.5, "65,0%"),
    ]  # fmt: skip
    assert rows[-1][3] == 10.0 and rows[-1][5] == 6.0
    assert {row[0] for row in rows} == {world.agency.name}


def test_the_accountant_gets_no_par_sheet(client, board):
    client.force_login(board.world.users["accountant"])
    book = load_workbook(io.BytesIO(client.get(reverse("dashboard_export")).content))
    assert "Chỉ số CCHC" not in book.sheetnames and book.sheetnames == ["Chỉ tiêu", "Kinh phí"]


def test_the_export_sends_as_many_queries_for_more_rows(client, board, django_assert_num_queries):
    """The light reads (indicators, budget plans, the lists) draw nothing that is not read:
    more indicators, budget plans and recent updates add no query to the workbook."""
    from budget.models import BudgetLine
    from indicators.models import Indicator, IndicatorValue
    from tests.factories import PlanFactory

    def grow():
        for n in range(3):
            plan = PlanFactory(agency=board.world.agency, year=2026, number=f"7{n}")
            indicator = Indicator.objects.create(
                plan=plan, name=f"c{n}", text=f"Chỉ tiêu thêm {n}", target_value=90, position=n
            )
            IndicatorValue.objects.create(indicator=indicator, period=board.periods["h1"], value=95)
            BudgetLine.objects.create(plan=plan, code="1", content="Chi", planned_amount=1_000)
            TaskProgress.objects.create(
                task=board.tasks[("t4", "t5", "t7")[n]],
                period=board.periods["h1"],
                updated_by=board.world.users["leader"],
            )

    client.force_login(board.world.users["coordinator"])
    response = assert_flat_queries(
        client, reverse("dashboard_export"), expected=EXPORT_QUERIES, grow=grow,
        django_assert_num_queries=django_assert_num_queries,
    )  # fmt: skip
    book = load_workbook(io.BytesIO(response.content))
    assert "Chỉ tiêu thêm 2" in [row[1] for row in _rows(book, "Chỉ tiêu")]
    assert "70/" in "".join(str(row[0]) for row in _rows(book, "Kinh phí"))
