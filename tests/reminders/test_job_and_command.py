"""The Celery job, its beat schedule and the send_reminders command all reach one sweep."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from django_celery_beat.models import PeriodicTask

from reminders.jobs import send_deadline_reminders
from reminders.models import Digest, ReminderItem, ReminderSettings
from tests.reminders.conftest import DAY

pytestmark = pytest.mark.django_db
RECIPIENTS = 5


def _run(*args) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_beat_entry_runs_the_sweep_every_quarter_hour_in_office_hours():
    entry = PeriodicTask.objects.select_related("crontab").get(name="Nhắc hạn nhiệm vụ")
    assert entry.task == "reminders.send_deadline_reminders" == send_deadline_reminders.name
    assert entry.enabled
    assert (entry.crontab.hour, entry.crontab.minute) == ("6-20", "*/15")
    assert str(entry.crontab.timezone) == "Asia/Ho_Chi_Minh"


def test_job_uses_the_vietnamese_day_and_each_agencys_send_time(mail_world):
    ReminderSettings.objects.create(agency=mail_world.other_agency, send_time=dt.time(9, 0))
    # 00:40 UTC on 25/06 is 07:40 in Hà Nội: past 07:30, before the other agency's 09:00.
    with time_machine.travel(dt.datetime(2026, 6, 25, 0, 40, tzinfo=dt.UTC), tick=False):
        counts = send_deadline_reminders.apply().get()
    assert counts == {"sent": RECIPIENTS - 1, "skipped": 0, "failed": 0}
    assert set(Digest.objects.values_list("day", flat=True)) == {DAY}
    with time_machine.travel(dt.datetime(2026, 6, 25, 2, 0, tzinfo=dt.UTC), tick=False):
        assert send_deadline_reminders.apply().get()["sent"] == 1  # 09:00 has come


def test_job_before_the_send_time_sends_nothing(mail_world):
    with time_machine.travel(dt.datetime(2026, 6, 25, 0, 15, tzinfo=dt.UTC), tick=False):
        assert send_deadline_reminders.apply().get()["sent"] == 0  # 07:15
    assert mail.outbox == []


def test_no_sweep_on_days_off_unless_the_agency_asks(mail_world):
    saturday = "2026-06-27"
    assert json.loads(_run("--date", saturday, "--json"))["sent"] == 0
    ReminderSettings.objects.create(agency=mail_world.agency, send_on_days_off=True)
    assert json.loads(_run("--date", saturday, "--json"))["sent"] == 4  # own agency only


def test_json_shape(mail_world):
    data = json.loads(_run("--date", DAY.isoformat(), "--json"))
    assert set(data) == {"date", "dry_run", "sent", "skipped", "failed", "digests"}
    assert (data["sent"], data["skipped"], data["failed"]) == (RECIPIENTS, 0, 0)
    staff_a = next(d for d in data["digests"] if d["recipient"] == "staff_a@stp.example.vn")
    assert staff_a["unit"] == "Phòng Xây dựng và Kiểm tra văn bản QPPL"
    assert [(i["task"], i["reason"]) for i in staff_a["items"]] == [
        (mail_world.task_a.code, "còn 3 ngày làm việc"),
        (mail_world.task_group.code, "còn 3 ngày làm việc"),
    ]
    again = json.loads(_run("--date", DAY.isoformat(), "--json"))
    assert (again["sent"], again["skipped"], again["digests"]) == (0, RECIPIENTS, [])


def test_agency_option_limits_the_sweep(mail_world):
    code = mail_world.other_agency.code
    data = json.loads(_run("--date", DAY.isoformat(), "--agency", code, "--json"))
    assert [d["recipient"] for d in data["digests"]] == ["vp@stp-cb.example.vn"]
    with pytest.raises(CommandError, match="Không có cơ quan mã"):
        _run("--agency", "KHONG-CO")


def test_text_output_and_dry_run(mail_world):
    text = _run("--date", DAY.isoformat(), "--dry-run")
    assert "staff_a@stp.example.vn (Phòng Xây dựng và Kiểm tra văn bản QPPL): 2 mục" in text
    assert "còn 3 ngày làm việc" in text
    assert "Chạy thử ngày 25/06/2026: 5 thư sẽ được gửi; không gửi, không ghi gì." in text
    assert mail.outbox == [] and not ReminderItem.objects.exists()
    assert "Ngày 25/06/2026: đã gửi 5, lỗi 0, bỏ qua 0." in _run("--date", DAY.isoformat())


def test_command_rejects_a_bad_date(db):
    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        _run("--date", "01/04/2026")
