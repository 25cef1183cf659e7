"""A dashboard world with known counts on a frozen day (20/5/2026, inside "6 tháng").

The plan "KH dashboard" holds, judged on 20/5/2026 (period 6 tháng: 15/12/2025-14/6/2026):

=====  ==========  ======  ==========  ==================  ===============================
task   lead        area    deadline    state               bucket
=====  ==========  ======  ==========  ==================  ===============================
t1     unit_a      A1      31/3        done 20/3           done on time
t2     unit_a      A1      31/3        done 10/4           done late
t3     unit_a      A2      30/4        in progress         overdue (13 working days late)
t4     unit_b      A2      31/5        not started         in progress (due within 14 days)
t5     unit_b      A1      28/2→1/6    in progress         overdue (55 w. days), extended, due soon
t6     unit_b      —       recurring   in progress         recurring
t7     unit_a      A1      30/9        not started         outside the period
t8     (none)      A2      15/1        not started         overdue (81 working days)
=====  ==========  ======  ==========  ==================  ===============================

plus a section row (never counted) and the shared world's tasks (due 30/6: outside the
period). Unit A sent the period report; the Văn phòng and unit B did not.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
import time_machine

from budget.models import BudgetEntry, BudgetLine, EntryKind
from indicators.models import Indicator, IndicatorValue
from periods.models import PeriodSubmission
from tasks.models import Area, AssignmentRole, Task, TaskProgress, TaskStatus
from tests.factories import PlanFactory, TaskFactory, assign

FROZEN = dt.datetime(2026, 5, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
TODAY = FROZEN.date()


@dataclass
class Board:
    world: object
    periods: dict
    plan: object
    areas: dict
    tasks: dict


@pytest.fixture
def frozen():
    with time_machine.travel(FROZEN, tick=False):
        yield


def _task(plan, code: str, *, lead=None, area=None, **fields) -> Task:
    task = TaskFactory(plan=plan, code=code, path=code, area=area, **fields)
    if lead is not None:
        assign(task, lead, AssignmentRole.LEAD)
    return task


@pytest.fixture
def board(world, periods, frozen) -> Board:
    a1 = Area.objects.create(code="dash-a1", name="Lĩnh vực thử A1", order=901)
    a2 = Area.objects.create(code="dash-a2", name="Lĩnh vực thử A2", order=902)
    plan = PlanFactory(
        agency=world.agency, number="99", symbol="KH-TQ", title="KH dashboard", year=2026
    )
    ua, ub = world.unit_a, world.unit_b
    done = {"status": TaskStatus.DONE, "progress": 100, "result": "Xong"}
    d = dt.date
    tasks = {
        "t1": _task(plan, "1", lead=ua, area=a1, due_date=d(2026, 3, 31),
                    completed_on=d(2026, 3, 20), **done),
        "t2": _task(plan, "2", lead=ua, area=a1, due_date=d(2026, 3, 31),
                    completed_on=d(2026, 4, 10), **done),
        "t3": _task(plan, "3", lead=ua, area=a2, due_date=d(2026, 4, 30),
                    status=TaskStatus.IN_PROGRESS, progress=40),
        "t4": _task(plan, "4", lead=ub, area=a2, due_date=d(2026, 5, 31)),
        "t5": _task(plan, "5", lead=ub, area=a1, due_date=d(2026, 2, 28),
                    extended_due_date=d(2026, 6, 1), status=TaskStatus.IN_PROGRESS),
        "t6": _task(plan, "6", lead=ub, deadline_kind="recurring", deadline_text="Thường xuyên",
                    due_date=None, status=TaskStatus.IN_PROGRESS),
        "t7": _task(plan, "7", lead=ua, area=a1, due_date=d(2026, 9, 30)),
        "t8": _task(plan, "8", area=a2, due_date=d(2026, 1, 15), lead_text="Các sở, ngành"),
    }  # fmt: skip
    _task(plan, "I", is_section=True, due_date=d(2026, 1, 1), lead=ua)
    coordinator = world.users["coordinator"]
    for key in ("t1", "t3"):
        TaskProgress.objects.create(
            task=tasks[key], period=periods["h1"], progress=50, updated_by=coordinator,
            status=TaskStatus.IN_PROGRESS,
        )  # fmt: skip
    PeriodSubmission.objects.create(
        period=periods["h1"], unit=ua, submitted_by=world.users["head_a"], submitted_at=FROZEN
    )
    _indicators(plan, periods)
    _budget(plan)
    return Board(world, periods, plan, {"a1": a1, "a2": a2}, tasks)


def _indicators(plan, periods) -> None:
    met = Indicator.objects.create(plan=plan, name="Đúng hạn", text="Đạt từ 97% trở lên",
                                   target_value=97, unit="%", position=1)  # fmt: skip
    not_met = Indicator.objects.create(plan=plan, name="Số hóa", text="Tối thiểu 90%",
                                       target_value=90, unit="%", position=2)  # fmt: skip
    Indicator.objects.create(plan=plan, name="Tin bài", text="=7 tin bài mỗi tháng",
                             target_value=7, position=3)  # fmt: skip
    IndicatorValue.objects.create(indicator=met, period=periods["q1"], value=98)
    IndicatorValue.objects.create(indicator=not_met, period=periods["q1"], value=80)


def _budget(plan) -> None:
    top = BudgetLine.objects.create(plan=plan, code="1", content="Tuyên truyền",
                                    planned_amount=100_000_000, position=1)  # fmt: skip
    parent = BudgetLine.objects.create(plan=plan, code="2", content="Hội nghị", position=2)
    child = BudgetLine.objects.create(plan=plan, parent=parent, content="Tập huấn",
                                      planned_amount=30_000_000, position=3)  # fmt: skip
    BudgetLine.objects.create(plan=plan, parent=parent, content="Khen thưởng",
                              planned_amount=20_000_000, position=4)  # fmt: skip
    BudgetEntry.objects.create(line=top, kind=EntryKind.DISBURSEMENT, amount=45_000_000,
                               date=dt.date(2026, 4, 1))  # fmt: skip
    BudgetEntry.objects.create(line=child, kind=EntryKind.DISBURSEMENT, amount=15_000_000,
                               date=dt.date(2026, 6, 1))  # after the as-of day  # fmt: skip
    BudgetEntry.objects.create(line=child, kind=EntryKind.ALLOCATION, amount=30_000_000,
                               date=dt.date(2026, 3, 1))  # fmt: skip
