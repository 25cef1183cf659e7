"""The plan page: metadata with parent-plan links, the task tree with per-section progress,
indicators, budget with the stated-total check, and links for those who may use them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from budget.models import BudgetEntry, BudgetLine, EntryKind
from indicators.models import Indicator, IndicatorValue
from plans.models import PlanReference
from plans.selectors import build_tree, plan_rows
from tasks.models import TaskStatus
from tests.factories import PlanFactory, TaskFactory, assign, make_periods

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 7, 10)


@pytest.fixture(autouse=True)
def frozen_day():
    with time_machine.travel(dt.datetime(2026, 7, 10, 9, 0), tick=False):
        yield


def _page(client, user, plan) -> str:
    client.force_login(user)
    response = client.get(plan.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def tree_plan(world):
    """I. (one done, one overdue, heading task 1. with one late child); II. (one continuous)."""
    plan = world.task_a.plan
    sec1 = TaskFactory(
        plan=plan, code="I", content="CẢI CÁCH THỂ CHẾ", is_section=True, position=100
    )
    done = TaskFactory(
        plan=plan,
        parent=sec1,
        position=101,
        path="p101",
        content="Rà soát văn bản",
        status=TaskStatus.DONE,
        completed_on=dt.date(2026, 6, 1),
        result="Xong",
    )
    late = TaskFactory(
        plan=plan,
        parent=sec1,
        position=102,
        path="p102",
        content="Kiểm tra văn bản",
        due_date=dt.date(2026, 6, 30),
    )
    heading = TaskFactory(
        plan=plan,
        parent=sec1,
        position=103,
        path="p103",
        code="1",
        content="Theo dõi thi hành pháp luật",
        due_date=dt.date(2026, 12, 31),
    )
    child = TaskFactory(
        plan=plan,
        parent=heading,
        position=104,
        path="p104",
        code="1.1",
        content="Báo cáo thi hành",
        due_date=dt.date(2026, 6, 1),
    )
    sec2 = TaskFactory(plan=plan, code="II", content="CẢI CÁCH TTHC", is_section=True, position=200)
    recurring = TaskFactory(
        plan=plan,
        parent=sec2,
        position=201,
        path="p201",
        content="Công khai TTHC",
        deadline_kind="continuous",
        deadline_text="Thường xuyên",
        due_date=None,
    )
    for task in (done, late, heading, child, recurring):
        assign(task, world.unit_a)
    return plan


def test_sections_roll_up_done_total_and_overdue(world, tree_plan):
    rows = list(plan_rows(plan=tree_plan, user=world.users["coordinator"], on=TODAY))
    tree = build_tree(rows)
    by_code = {node.task.code: node for node in tree.roots}
    first, second = by_code["I"], by_code["II"]
    # I. holds done + late + the heading task "1" + its child "1.1" (overdue since 01/06).
    assert (first.progress.done, first.progress.total, first.progress.overdue) == (1, 4, 2)
    heading = next(n for n in first.children if n.task.code == "1")
    assert (heading.progress.done, heading.progress.total, heading.progress.overdue) == (0, 2, 1)
    # A continuous task is never counted late: it shows "Thường xuyên", not a timeliness.
    assert (second.progress.done, second.progress.total, second.progress.overdue) == (0, 1, 0)
    # The world's three top-level tasks count in the plan's total too.
    assert (tree.progress.done, tree.progress.total) == (1, 8)


def test_tree_is_collapsible_sections_with_badges(client, world, tree_plan):
    page = _page(client, world.users["coordinator"], tree_plan)
    assert page.count('<details class="plan-section">') == 3  # I., 1. (heading task), II.
    assert "1/4 hoàn thành" in page and "2 quá hạn" in page
    assert '<span class="badge kind-badge kind-continuous">Thường xuyên</span>' in page
    assert '<span class="badge tl-overdue">Quá hạn</span>' in page
    assert "Chưa xác định hạn" not in page
    assert "<script" not in page.split("</nav>", 1)[1].split("</main>")[0]


def test_extension_is_one_note_and_no_bucket(client, world, tree_plan):
    world.task_a.due_date = dt.date(2026, 6, 30)
    world.task_a.extended_due_date = dt.date(2026, 9, 30)
    world.task_a.save()
    page = _page(client, world.users["coordinator"], tree_plan)
    assert "Đã gia hạn đến 30/09/2026" in page
    assert "Chưa hoàn thành, quá hạn" not in page  # the report bucket is for report contexts


def test_staff_see_their_tasks_without_the_hidden_headings(client, world, tree_plan):
    page = _page(client, world.users["staff_b"], tree_plan)
    assert world.task_b.content in page and world.task_a.content in page  # coordinates task_a
    assert "Rà soát văn bản" not in page and "CẢI CÁCH THỂ CHẾ" not in page


def test_accountant_reads_the_plan_and_budget_but_no_task(client, world, tree_plan):
    BudgetLine.objects.create(
        plan=tree_plan, code="1", content="Chi tuyên truyền", planned_amount=5
    )
    page = _page(client, world.users["accountant"], tree_plan)
    assert "Chi tuyên truyền" in page
    assert "Rà soát văn bản" not in page and world.task_a.content not in page
    assert "Kế hoạch chưa có nhiệm vụ nào bạn được xem." in page


def test_parent_plans_are_linked_only_when_visible(client, world):
    plan = world.task_a.plan
    parent = PlanFactory(agency=world.agency, title="Kế hoạch CCHC của UBND tỉnh")
    hidden = world.task_other.plan
    PlanReference.objects.create(plan=plan, text="Kế hoạch số 188/KH-UBND", referenced_plan=parent)
    PlanReference.objects.create(plan=plan, text="Kế hoạch số 9/KH-STP-CB", referenced_plan=hidden)
    PlanReference.objects.create(plan=plan, text="Quyết định số 1/QĐ-UBND")
    page = _page(client, world.users["leader"], plan)
    assert f'<a href="{parent.get_absolute_url()}">Kế hoạch số 188/KH-UBND</a>' in page
    assert "Kế hoạch số 9/KH-STP-CB" in page and hidden.get_absolute_url() not in page
    assert "Quyết định số 1/QĐ-UBND" in page


def test_indicators_show_latest_value_and_verdict(client, world):
    plan = world.task_a.plan
    periods = make_periods(world.agency)
    met = Indicator.objects.create(
        plan=plan,
        name="a",
        text="Tỷ lệ đúng hạn đạt từ 97% trở lên",
        target_value=Decimal(97),
        unit="%",
        position=1,
    )
    IndicatorValue.objects.create(indicator=met, period=periods["q1"], value=Decimal(90))
    IndicatorValue.objects.create(indicator=met, period=periods["h1"], value=Decimal("98.5"))
    missed = Indicator.objects.create(
        plan=plan,
        name="b",
        text="Tối thiểu 90% hồ sơ trực tuyến",
        target_value=Decimal(90),
        unit="%",
        position=2,
    )
    IndicatorValue.objects.create(indicator=missed, period=periods["q1"], value=Decimal(80))
    Indicator.objects.create(
        plan=plan, name="c", text="Mỗi tháng 07 tin bài", target_value=Decimal(7), position=3
    )
    page = _page(client, world.users["leader"], plan)
    assert "98,5 %" in page and "80 %" in page  # the latest period's value, Vietnamese decimals
    assert page.count(">Đạt</span>") == 1 and page.count(">Chưa đạt</span>") == 1
    assert page.count(">Chưa có số liệu</span>") == 1


@pytest.mark.parametrize(
    ("stated", "expected"),
    [
        (300, "Khớp với tổng kinh phí ghi trong kế hoạch: 300 đồng."),
        (1_000, "Tổng kinh phí ghi trong kế hoạch là 1.000 đồng nhưng các dòng cộng lại 300 đồng"),
        (None, "Kế hoạch không ghi tổng kinh phí để đối chiếu."),
    ],
)
def test_budget_totals_and_stated_total_check(client, world, stated, expected):
    plan = world.task_a.plan
    plan.budget_total_stated = stated
    plan.save()
    parent = BudgetLine.objects.create(plan=plan, code="1", content="Tuyên truyền", position=1)
    BudgetLine.objects.create(
        plan=plan, parent=parent, code="1.1", content="In ấn", planned_amount=120, position=2
    )
    BudgetLine.objects.create(
        plan=plan, parent=parent, code="1.2", content="Hội nghị", planned_amount=80, position=3
    )
    line = BudgetLine.objects.create(
        plan=plan, code="2", content="Khen thưởng", planned_amount=100, position=4
    )
    BudgetEntry.objects.create(line=line, kind=EntryKind.ALLOCATION, amount=60, date=TODAY)
    BudgetEntry.objects.create(line=line, kind=EntryKind.DISBURSEMENT, amount=25, date=TODAY)
    page = _page(client, world.users["coordinator"], plan)
    assert expected in page
    footer = page.split("<tfoot>")[1].split("</tfoot>")[0]
    assert [cell.split(">")[-1] for cell in footer.split("</td>")[2:5]] == ["300", "60", "25"]


def test_budget_panel_hidden_from_who_may_not_read_budget(client, world):
    BudgetLine.objects.create(plan=world.task_a.plan, content="Chi tuyên truyền", planned_amount=5)
    page = _page(client, world.users["staff_a"], world.task_a.plan)
    assert "Chi tuyên truyền" not in page and 'id="budget-heading"' not in page


@pytest.mark.parametrize(
    ("who", "offered"),
    [
        ("coordinator", True),
        ("admin", True),
        ("leader", False),
        ("accountant", False),
        ("staff_a", False),
    ],
)
def test_export_and_import_links_for_those_who_may(client, world, who, offered):
    page = _page(client, world.users[who], world.task_a.plan)
    assert (reverse("importer:upload") in page) is offered
    export = reverse("importer:export", kwargs={"pk": world.task_a.plan_id, "fmt": "xlsx"})
    assert (export in page) is offered


@pytest.mark.parametrize(
    ("who", "offered"),
    [("coordinator", True), ("leader", True), ("accountant", True), ("staff_a", False)],
)
def test_the_dashboard_of_this_plan_is_offered_to_who_may_open_it(client, world, who, offered):
    plan = world.task_a.plan
    page = _page(client, world.users[who], plan)
    link = f"{reverse('dashboard')}?plan={plan.pk}&amp;year={plan.year}&amp;period="
    assert (link in page) is offered
    if offered:
        response = client.get(link.replace("&amp;", "&"))
        assert response.status_code == 200
        board = response.context["board"]
        assert list(board.filter.form.cleaned_data["plan"]) == [plan] and board.period is None
