"""The Celery job, its beat schedule and the send_reminders command all reach one service."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from django_celery_beat.models import PeriodicTask

from reminders.jobs import send_deadline_reminders
from reminders.models import ReminderDelivery
from tests.reminders.conftest import DAY

pytestmark = pytest.mark.django_db


def test_beat_entry_is_registered_by_migration():
    entry = PeriodicTask.objects.select_related("crontab").get(name="Nhắc hạn nhiệm vụ")
    assert entry.task == "reminders.send_deadline_reminders" == send_deadline_reminders.name
    assert entry.enabled
    assert (entry.crontab.hour, entry.crontab.minute) == ("7", "30")
    assert str(entry.crontab.timezone) == "Asia/Ho_Chi_Minh"


def test_job_uses_the_vietnamese_calendar_day(mail_world):
    # 17:30 UTC on 24/06 is already 00:30 on 25/06 in Hà Nội.
    with time_machine.travel(dt.datetime(2026, 6, 24, 17, 30, tzinfo=dt.UTC), tick=False):
        counts = send_deadline_reminders.apply().get()
    assert counts["sent"] == len(mail.outbox) == 4
    assert set(ReminderDelivery.objects.values_list("day", flat=True)) == {DAY}


def test_command_sends_for_the_given_date(mail_world):
    out = StringIO()
    call_command("send_reminders", "--date", DAY.isoformat(), stdout=out)
    assert len(mail.outbox) == 4
    assert "Ngày 25/06/2026: đã gửi 4, lỗi 0, bỏ qua 0." in out.getvalue()


def test_command_dry_run_prints_and_writes_nothing(mail_world):
    out = StringIO()
    call_command("send_reminders", "--date", DAY.isoformat(), "--dry-run", stdout=out)
    text = out.getvalue()
    assert "Phòng Xây dựng và Kiểm tra văn bản QPPL: 0 quá hạn, 2 sắp đến hạn" in text
    assert "staff_a@stp.example.vn" in text
    assert "không gửi, không ghi gì" in text
    assert mail.outbox == [] and not ReminderDelivery.objects.exists()


def test_command_rejects_a_bad_date(db):
    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        call_command("send_reminders", "--date", "01/04/2026")
