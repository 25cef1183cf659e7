from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from indicators.models import Indicator

# Inside Quý III/2026 (15/6 – 14/9): the open period for staff.
FROZEN = dt.datetime(2026, 7, 10, 9, 0)


@pytest.fixture(autouse=True)
def frozen_day():
    with time_machine.travel(FROZEN, tick=False):
        yield


@pytest.fixture
def indicator(world, periods) -> Indicator:
    """A per-month target of task_a (led by unit_a), so staff_a and head_a report it."""
    return Indicator.objects.create(
        plan=world.task_a.plan,
        task=world.task_a,
        name="Chuyên mục CCHC",
        text="Chuyên mục CCHC mỗi tháng có từ 07 tin, bài trở lên",
        comparator="gte",
        target_value=Decimal(7),
        unit="tin, bài",
        per="month",
        position=1,
    )
