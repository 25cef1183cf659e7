"""``PlainCount``: the same numbers as Django's ``Count``, without a converter per value."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Count, Q

from common.aggregates import PlainCount
from tasks.models import Task, TaskStatus
from tests.factories import TaskFactory

pytestmark = pytest.mark.django_db


def test_counts_as_count_does_and_skips_the_converter(world):
    done = {"status": TaskStatus.DONE, "completed_on": dt.date(2026, 3, 1)}
    TaskFactory.create_batch(3, plan=world.task_a.plan, **done)

    def grouped(count):
        return list(
            Task.objects.order_by("plan_id")
            .values("plan_id")
            .annotate(n=count("pk"), done=count("pk", filter=Q(status=TaskStatus.DONE)))
            .values_list("plan_id", "n", "done")
        )

    plain, counted = grouped(PlainCount), grouped(Count)
    assert plain == counted and any(done == 3 for _plan, _n, done in plain)
    assert all(type(n) is int and type(done) is int for _plan, n, done in plain)
    assert PlainCount("pk").get_db_converters(connection) == []
    assert Count("pk").get_db_converters(connection) != []
