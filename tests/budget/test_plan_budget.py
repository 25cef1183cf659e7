"""A plan's budget page: the tree with totals, per source, the stated total, entries, export."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
import time_machine
from django.urls import reverse

from budget.models import BudgetEntry, BudgetLine, EntryKind, FundingSource
from budget.selectors import budget_tree
from tests.factories import TaskFactory, assign
from tests.query_counts import assert_flat_queries

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 7, 10)


@pytest.fixture(autouse=True)
def frozen_day():
    with time_machine.travel(dt.datetime(2026, 7, 10, 9, 0), tick=False):
        yield


@pytest.fixture
def plan(world):
    """1. (no own amount) = 1.1 (60) + 1.2 (40, task_a's); 2. 100 from another source."""
    plan = world.task_a.plan
    plan.budget_total_stated = 250
    plan.save()
    head = BudgetLine.objects.create(
        plan=plan,
        code="1",
        content="Tuyên truyền",
        position=1,
        funding_source=FundingSource.PROVINCE,
    )
    first = BudgetLine.objects.create(
        plan=plan, parent=head, code="1.1", content="Tin bài", planned_amount=60, position=2
    )
    second = BudgetLine.objects.create(
        plan=plan,
        parent=head,
        code="1.2",
        content="Hội nghị",
        planned_amount=40,
        position=3,
        task=world.task_a,
    )
    BudgetLine.objects.create(
        plan=plan,
        code="2",
        content='=HYPERLINK("x")',
        planned_amount=100,
        position=4,
        funding_source=FundingSource.OTHER,
    )
    BudgetEntry.objects.create(line=first, kind=EntryKind.ALLOCATION, amount=60, date=TODAY)
    BudgetEntry.objects.create(line=first, kind=EntryKind.DISBURSEMENT, amount=30, date=TODAY)
    BudgetEntry.objects.create(line=second, kind=EntryKind.ALLOCATION, amount=40, date=TODAY)
    return plan


def test_tree_totals_rates_and_the_stated_total_check(world, plan):
    tree = budget_tree(plan=plan, lines=BudgetLine.objects.all())
    figures = [
        (n.line.code, n.depth, n.planned, n.allocated, n.disbursed, n.remaining, n.rate_label)
        for n in tree.rows
    ]
    assert figures == [
        ("1", 0, 100, 100, 30, 70, "30,0%"),
        ("1.1", 1, 60, 60, 30, 30, "50,0%"),
        ("1.2", 1, 40, 40, 0, 40, "0,0%"),
        ("2", 0, 100, 0, 0, 0, "0,0%"),
    ]
    assert (tree.planned, tree.allocated, tree.disbursed, tree.remaining) == (200, 100, 30, 70)
    assert tree.rate_label == "15,0%" and tree.not_disbursed == 170
    assert tree.stated_matches is False and tree.difference == 50
    assert [(s.label, s.planned, s.disbursed) for s in tree.sources] == [
        ("Ngân sách tỉnh", 100, 30),
        ("Nguồn khác", 100, 0),
    ]


def test_the_page_shows_the_difference_when_the_stated_total_fails(client, world, plan):
    client.force_login(world.users["accountant"])
    body = client.get(reverse("budget:plan", args=[plan.pk])).content.decode()
    assert "chênh lệch 50 đồng" in body
    assert 'id="entry-heading"' in body  # the accountant records entries here


def test_leaders_read_but_do_not_get_the_entry_form(client, world, plan):
    client.force_login(world.users["leader"])
    response = client.get(reverse("budget:plan", args=[plan.pk]))
    assert response.status_code == 200 and response.context["form"] is None
    post = client.post(reverse("budget:entry", args=[plan.pk]), {})
    assert post.status_code == 403


def test_unit_staff_see_only_the_lines_of_tasks_their_unit_leads(client, world, plan):
    client.force_login(world.users["staff_a"])
    tree = client.get(reverse("budget:plan", args=[plan.pk])).context["tree"]
    assert [node.line.code for node in tree.rows] == ["1.2"]
    client.force_login(world.users["staff_b"])
    assert client.get(reverse("budget:plan", args=[plan.pk])).context["tree"].rows == []


@pytest.mark.parametrize(
    ("amount", "stored"),
    [("4.415.800.000", 4_415_800_000), ("4415800000", 4_415_800_000), ("4,4 tỷ", 4_400_000_000)],
)
def test_the_accountant_records_amounts_typed_the_vietnamese_way(
    client, world, plan, amount, stored
):
    line = BudgetLine.objects.get(plan=plan, code="2")
    client.force_login(world.users["accountant"])
    data = {
        "line": line.pk,
        "kind": "disbursement",
        "amount": amount,
        "date": "01/07/2026",
        "document_number": "12/QĐ-STP",
    }
    response = client.post(reverse("budget:entry", args=[plan.pk]), data)
    assert response.status_code == 302
    entry = BudgetEntry.objects.get(line=line)
    assert (entry.amount, entry.document_number, entry.created_by) == (
        stored,
        "12/QĐ-STP",
        world.users["accountant"],
    )


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-5.000", "Số tiền không được âm."),
        ("0", "Số tiền phải lớn hơn 0."),
        ("abc", "Không đọc được số tiền"),
        ("9.999.999 tỷ", "Số tiền quá lớn"),
        ("4,4", "không có phần lẻ"),
    ],
)
def test_bad_amounts_are_refused_in_vietnamese(client, world, plan, amount, message):
    line = BudgetLine.objects.get(plan=plan, code="2")
    client.force_login(world.users["coordinator"])
    data = {"line": line.pk, "kind": "allocation", "amount": amount, "date": "01/07/2026"}
    response = client.post(reverse("budget:entry", args=[plan.pk]), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not BudgetEntry.objects.filter(line=line).exists()


def test_a_future_date_is_refused(client, world, plan):
    line = BudgetLine.objects.get(plan=plan, code="2")
    client.force_login(world.users["accountant"])
    data = {"line": line.pk, "kind": "allocation", "amount": "5 triệu", "date": "01/08/2026"}
    response = client.post(reverse("budget:entry", args=[plan.pk]), data)
    assert "Ngày không được ở tương lai." in response.content.decode()


def test_a_line_of_another_agency_cannot_be_chosen(client, world, plan):
    other = BudgetLine.objects.create(plan=world.task_other.plan, content="Khác", planned_amount=5)
    client.force_login(world.users["accountant"])
    data = {"line": other.pk, "kind": "allocation", "amount": "5", "date": "01/07/2026"}
    response = client.post(reverse("budget:entry", args=[plan.pk]), data)
    assert response.status_code == 200 and not BudgetEntry.objects.filter(line=other).exists()


def test_the_accountant_names_a_lines_source_and_task_and_its_unit_then_sees_it(
    client, world, plan
):
    line = BudgetLine.objects.get(plan=plan, code="2")
    client.force_login(world.users["accountant"])
    data = {"line": line.pk, "funding_source": "other", "task": world.task_b.pk}
    assert client.post(reverse("budget:line", args=[plan.pk]), data).status_code == 302
    line.refresh_from_db()
    assert (line.funding_source, line.task) == ("other", world.task_b)
    client.force_login(world.users["staff_b"])
    tree = client.get(reverse("budget:plan", args=[plan.pk])).context["tree"]
    assert [node.line.code for node in tree.rows] == ["2"]


def test_a_task_of_another_plan_cannot_be_given_to_a_line(client, world, plan):
    line = BudgetLine.objects.get(plan=plan, code="2")
    client.force_login(world.users["coordinator"])
    data = {"line": line.pk, "funding_source": "", "task": world.task_other.pk}
    client.post(reverse("budget:line", args=[plan.pk]), data)
    line.refresh_from_db()
    assert line.task is None


def test_export_writes_numbers_as_numbers_and_text_formula_safe(client, world, plan):
    client.force_login(world.users["accountant"])
    response = client.get(reverse("budget:export", args=[plan.pk]))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert rows[0][:6] == ("1", "Tuyên truyền", "Ngân sách tỉnh", 100, 100, 30)
    assert rows[0][6] == pytest.approx(0.3)
    assert rows[3][1] == '\'=HYPERLINK("x")'
    assert rows[4][1:6] == ("Cộng", None, 200, 100, 30)
    assert all(isinstance(v, int) for v in rows[1][3:6])


def test_query_count_of_the_budget_page_does_not_grow(
    client, world, plan, django_assert_num_queries
):
    client.force_login(world.users["accountant"])

    def grow():
        for i in range(10):
            task = TaskFactory(plan=plan)
            assign(task, world.unit_a)
            line = BudgetLine.objects.create(
                plan=plan,
                code=f"3.{i}",
                content="Thêm",
                planned_amount=5,
                position=10 + i,
                task=task,
            )
            BudgetEntry.objects.create(line=line, kind=EntryKind.ALLOCATION, amount=5, date=TODAY)

    assert_flat_queries(
        client,
        reverse("budget:plan", args=[plan.pk]),
        expected=QUERIES,
        grow=grow,
        django_assert_num_queries=django_assert_num_queries,
    )


# session, user, memberships, the plan, the lines with their entry sums (one grouped query),
# whether the user may write any line, the entry form's line choices (rendered and checked),
# the line form's line choices (likewise) and task choices, the recent entries.
QUERIES = 12
