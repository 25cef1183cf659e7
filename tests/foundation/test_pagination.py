"""``page_of_rows``: the page's ids by the ordered query, then only those rows, in order."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from common.pagination import PAGE_SIZE, page_of_rows
from tasks.models import Task
from tests.factories import PlanFactory, TaskFactory

pytestmark = pytest.mark.django_db


def test_the_page_keeps_the_order_and_reads_only_its_rows():
    plan = PlanFactory()
    tasks = [TaskFactory(plan=plan, position=i) for i in range(PAGE_SIZE + 5)]
    ordered = Task.objects.filter(plan=plan).order_by("-position")
    asked = []

    def rows(ids):
        asked.append(list(ids))
        return Task.objects.filter(pk__in=ids).order_by("pk")  # any order: put back in place

    page = page_of_rows(RequestFactory().get("/", {"page": "2"}), ordered, rows=rows)
    expected = [t.pk for t in sorted(tasks, key=lambda t: -t.position)][PAGE_SIZE:]
    assert [t.pk for t in page] == expected
    assert asked == [expected]
    assert page.paginator.count == PAGE_SIZE + 5 and page.number == 2


def test_a_row_gone_between_the_two_reads_is_left_out():
    plan = PlanFactory()
    kept, gone = TaskFactory(plan=plan, position=1), TaskFactory(plan=plan, position=2)
    ordered = Task.objects.filter(plan=plan).order_by("position")
    page = page_of_rows(
        RequestFactory().get("/"), ordered, rows=lambda ids: Task.objects.filter(pk=kept.pk)
    )
    assert list(page) == [kept] and gone.pk not in [t.pk for t in page]


def test_a_known_count_spares_the_count_query(django_assert_num_queries):
    plan = PlanFactory()
    for i in range(3):
        TaskFactory(plan=plan, position=i)
    ordered = Task.objects.filter(plan=plan).order_by("position")
    request = RequestFactory().get("/")
    with django_assert_num_queries(2):  # the page's ids, its rows: no COUNT(*)
        page = page_of_rows(request, ordered, count=3, rows=lambda ids: ordered.filter(pk__in=ids))
    assert page.paginator.count == 3 and len(page) == 3
