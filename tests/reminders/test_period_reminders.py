"""Units that have not sent a period report are reminded; the Văn phòng gets the missing list."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from periods.models import PeriodSubmission
from reminders.services import sweep
from tests.factories import make_periods

pytestmark = pytest.mark.django_db
D = dt.date


def _told(result) -> dict[str, list[str]]:
    return {r.recipient: [line.reason for line in r.items] for r in result.sent}


@pytest.fixture
def q1(mail_world):
    """Quý I/2026: data cut off on Sat 14/03 (counted from Mon 16/03), due Fri 20/03."""
    period = make_periods(mail_world.agency)["q1"]
    assert (period.cutoff, period.due_date) == (D(2026, 3, 14), D(2026, 3, 20))
    PeriodSubmission.objects.create(
        period=period, unit=mail_world.unit_b, submitted_at=timezone.now()
    )
    return period


def test_units_without_a_report_are_reminded_before_cutoff_and_due_date(mail_world, q1):
    assert _told(sweep(on=D(2026, 3, 10))) == {}  # 4 working days before the cut-off
    before_cutoff = _told(sweep(on=D(2026, 3, 11)))
    reason = "còn 3 ngày làm việc đến ngày chốt số liệu 14/03/2026"
    assert before_cutoff["staff_a@stp.example.vn"] == [reason]
    assert before_cutoff["vanphong@stp.example.vn"] == [reason]  # the office is a unit too
    assert "staff_b@stp.example.vn" not in before_cutoff  # unit B sent its report
    assert _told(sweep(on=D(2026, 3, 12))) == {}  # once per window
    before_due = _told(sweep(on=D(2026, 3, 17)))
    assert before_due["head_a@stp.example.vn"] == [
        "còn 3 ngày làm việc đến hạn gửi báo cáo 20/03/2026"
    ]


def test_van_phong_gets_the_missing_units_on_the_due_date(mail_world, q1):
    sweep(on=D(2026, 3, 17))
    on_due = _told(sweep(on=D(2026, 3, 20)))
    assert on_due["coordinator@stp.example.vn"] == [
        "đến hạn gửi báo cáo 20/03/2026, các đơn vị chưa gửi: "
        "Phòng Xây dựng và Kiểm tra văn bản QPPL, Văn phòng Sở"
    ]
    assert "staff_a@stp.example.vn" not in on_due  # told within the window already
    assert _told(sweep(on=D(2026, 3, 23))) == {}


def test_a_sent_report_stops_the_reminders(mail_world, q1):
    for unit in (mail_world.unit_a, mail_world.office):
        PeriodSubmission.objects.create(period=q1, unit=unit, submitted_at=timezone.now())
    assert _told(sweep(on=D(2026, 3, 11))) == {}
    assert _told(sweep(on=D(2026, 3, 20))) == {}
