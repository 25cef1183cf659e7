"""A known-answer agency for the Quý I/2026 report (15/12/2025 – 14/03/2026).

The figures every report test checks, worked out by hand:

* due by 14/03: T1 (done on time), T2 (done late), T3 (overdue, 4 days late), T4 (original
  deadline passed, extended to 30/04: pending within its extension), T7 (done on the cut-off
  day, on time) → "Đã hoàn thành 3/5 nhiệm vụ đến hạn, đạt 60% (đúng hạn 2, quá hạn 1);
  chưa hoàn thành 2 nhiệm vụ (trong hạn 1, quá hạn 1)";
* T5 due 10/06 (in the next period, 6 tháng, cut off 14/06), T6 "Thường xuyên" (counted apart);
* indicators: 97,5% against "từ 97% trở lên" (Đạt), 5 tin, bài against 7 (Chưa đạt), one
  without a value (Chưa có số liệu);
* budget: 25.000.000 + 4.390.800.000 = 4.415.800.000 planned, 10.000.000 disbursed by the
  cut-off (a later 5.000.000 is not counted), 0,2%.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from budget.models import BudgetEntry, BudgetLine, EntryKind
from indicators.models import Comparator, Indicator, IndicatorValue
from organizations.models import Agency, Role
from periods.models import PeriodSubmission, ReportingPeriod
from plans.models import Plan
from tasks.models import Area, Extension, ExtensionStatus, Task, TaskProgress, TaskStatus
from tests.factories import (
    AgencyFactory,
    PlanFactory,
    TaskFactory,
    UnitFactory,
    assign,
    make_member,
    make_periods,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CUTOFF = dt.date(2026, 3, 14)
AFTER_CUTOFF = dt.datetime(2026, 3, 20, 9, 0, tzinfo=VN)  # Q1 locked
BEFORE_CUTOFF = dt.datetime(2026, 3, 2, 9, 0, tzinfo=VN)  # Q1 still open
EXPECTED_SENTENCE = (
    "Đã hoàn thành 3/5 nhiệm vụ đến hạn, đạt 60% (đúng hạn 2, quá hạn 1); "
    "chưa hoàn thành 2 nhiệm vụ (trong hạn 1, quá hạn 1)"
)


@dataclass
class KnownAgency:
    agency: Agency
    plan: Plan
    q1: ReportingPeriod
    periods: dict
    tasks: dict[str, Task]
    coordinator: object
    leader: object
    staff: object


def _task(plan, unit, key: str, area_code: str | None, **fields) -> Task:
    area = Area.objects.get(code=area_code) if area_code else None
    due = fields.get("due_date")
    if due is not None:
        fields.setdefault("deadline_text", f"Trước {due:%d/%m/%Y}")
        fields.setdefault("deadline_kind", "date")
    task = TaskFactory(plan=plan, area=area, content=f"Nhiệm vụ {key}", **fields)
    assign(task, unit)
    return task


def _entry(task: Task, period, status: str, progress: int, result: str = "", **fields) -> None:
    TaskProgress.objects.create(
        task=task, period=period, status=status, progress=progress, result=result, **fields
    )
    Task.objects.filter(pk=task.pk).update(
        status=status, progress=progress, result=result, **fields
    )


@pytest.fixture
def known(db) -> KnownAgency:
    agency = AgencyFactory(
        code="STP-KA",
        name="Sở Tư pháp tỉnh Thái Nguyên",
        parent_name="UBND TỈNH THÁI NGUYÊN",
        header_name="SỞ TƯ PHÁP",
        symbol="STP",
        place_name="Thái Nguyên",
    )
    office = UnitFactory(agency=agency, name="Văn phòng Sở")
    drafting = UnitFactory(agency=agency, name="Phòng Xây dựng và Kiểm tra văn bản QPPL")
    periods = make_periods(agency)
    q1, h1 = periods["q1"], periods["h1"]
    plan = PlanFactory(
        agency=agency,
        number="12",
        symbol="KH-STP",
        title="Cải cách hành chính năm 2026 của Sở Tư pháp",
        issued_on=dt.date(2026, 1, 5),
    )
    t = {
        "T1": _task(plan, drafting, "T1", "the-che", due_date=dt.date(2026, 2, 28)),
        "T2": _task(plan, drafting, "T2", "the-che", due_date=dt.date(2026, 1, 31)),
        "T3": _task(plan, drafting, "T3", "the-che", due_date=dt.date(2026, 3, 10)),
        "T4": _task(plan, office, "T4", "tthc", due_date=dt.date(2026, 2, 15)),
        "T5": _task(plan, office, "T5", "tthc", due_date=dt.date(2026, 6, 10)),
        "T6": _task(
            plan,
            office,
            "T6",
            "tthc",
            due_date=None,
            deadline_text="Thường xuyên",
            deadline_kind="continuous",
        ),
        "T7": _task(plan, office, "T7", None, due_date=CUTOFF),
    }
    done = TaskStatus.DONE
    _entry(
        t["T1"],
        q1,
        done,
        100,
        "Đã ban hành Kế hoạch số 05/KH-STP",
        completed_on=dt.date(2026, 2, 20),
    )
    _entry(t["T2"], q1, done, 100, "Đã rà soát 120 văn bản", completed_on=dt.date(2026, 2, 10))
    _entry(
        t["T3"],
        q1,
        TaskStatus.IN_PROGRESS,
        50,
        "Đang tổng hợp ý kiến",
        difficulties="Chưa có hướng dẫn của Bộ Tư pháp",
    )
    _entry(t["T4"], q1, TaskStatus.IN_PROGRESS, 30)
    _entry(
        t["T5"], q1, TaskStatus.IN_PROGRESS, 10, proposals="Đề nghị bổ sung kinh phí số hóa hồ sơ"
    )
    _entry(t["T6"], q1, TaskStatus.IN_PROGRESS, 0, "Duy trì tiếp nhận hồ sơ trực tuyến")
    _entry(t["T7"], q1, done, 100, "Đã công khai thủ tục", completed_on=CUTOFF)
    Extension.objects.create(
        task=t["T4"],
        reason="Chờ ý kiến",
        requested_date=dt.date(2026, 4, 30),
        previous_due_date=dt.date(2026, 2, 15),
        status=ExtensionStatus.APPROVED,
        decided_at=dt.datetime(2026, 2, 10, 9, 0, tzinfo=VN),
    )
    Task.objects.filter(pk=t["T4"].pk).update(extended_due_date=dt.date(2026, 4, 30))
    # A later period's entry must not leak into the Q1 report.
    TaskProgress.objects.create(
        task=t["T3"],
        period=h1,
        status=done,
        progress=100,
        result="Xong",
        completed_on=dt.date(2026, 5, 2),
    )
    rate = Indicator.objects.create(
        plan=plan,
        name="Tỷ lệ hồ sơ giải quyết đúng hạn",
        text="Tỷ lệ hồ sơ giải quyết đúng hạn đạt từ 97% trở lên",
        comparator=Comparator.GTE,
        target_value=Decimal("97"),
        unit="%",
        position=1,
    )
    news = Indicator.objects.create(
        plan=plan,
        name="Số tin, bài tuyên truyền CCHC mỗi tháng",
        text="mỗi tháng có từ 07 tin, bài trở lên",
        comparator=Comparator.GTE,
        target_value=Decimal("7"),
        unit="tin, bài",
        position=2,
    )
    Indicator.objects.create(
        plan=plan,
        name="Tỷ lệ thủ tục trực tuyến toàn trình",
        text="100% thủ tục đủ điều kiện",
        comparator=Comparator.EQ,
        target_value=Decimal("100"),
        unit="%",
        position=3,
    )
    IndicatorValue.objects.create(indicator=rate, period=q1, value=Decimal("97.5"))
    IndicatorValue.objects.create(indicator=news, period=q1, value=Decimal("5"))
    promo = BudgetLine.objects.create(
        plan=plan,
        code="1",
        content="Chi phục vụ tuyên truyền CCHC",
        planned_amount=25_000_000,
        position=1,
    )
    BudgetLine.objects.create(
        plan=plan, code="2", content="Chi số hóa hồ sơ", planned_amount=4_390_800_000, position=2
    )
    BudgetEntry.objects.create(
        line=promo, kind=EntryKind.DISBURSEMENT, amount=10_000_000, date=dt.date(2026, 2, 1)
    )
    BudgetEntry.objects.create(
        line=promo, kind=EntryKind.DISBURSEMENT, amount=5_000_000, date=dt.date(2026, 4, 1)
    )
    coordinator = make_member(Role.COORDINATOR, agency=agency, unit=office, username="ka.vp")
    leader = make_member(Role.LEADER, agency=agency, username="ka.lanhdao")
    staff = make_member(Role.STAFF, agency=agency, unit=drafting, username="ka.canbo")
    for user, email in ((coordinator, "vp@stp.example.vn"), (leader, "gd@stp.example.vn")):
        user.email = email
        user.save(update_fields=["email"])
    PeriodSubmission.objects.create(
        period=q1,
        unit=drafting,
        submitted_by=staff,
        submitted_at=dt.datetime(2026, 3, 15, tzinfo=VN),
    )
    return KnownAgency(agency, plan, q1, periods, t, coordinator, leader, staff)
