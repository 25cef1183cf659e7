"""Events older than AUDIT_RETENTION_DAYS go: by the daily beat job and by purge_audit_log."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django_celery_beat.models import PeriodicTask

from audit.jobs import purge_audit_log
from audit.models import AuditAction, AuditEvent
from audit.services import purge_expired_events, record_event

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2026, 12, 1, 2, 15, tzinfo=VN)


def _event_at(moment: dt.datetime, name: str) -> None:
    with time_machine.travel(moment, tick=False):
        record_event(action=AuditAction.LOGIN_FAILED, username=name)


@pytest.fixture
def aged_events(settings):
    settings.AUDIT_RETENTION_DAYS = 30
    _event_at(NOW - dt.timedelta(days=30, seconds=1), "just-too-old")
    _event_at(NOW - dt.timedelta(days=30), "exactly-30-days")
    _event_at(NOW - dt.timedelta(days=2), "recent")
    _event_at(NOW - dt.timedelta(days=400), "ancient")


def _kept() -> list[str]:
    return sorted(AuditEvent.objects.values_list("username", flat=True))


@time_machine.travel(NOW, tick=False)
def test_purge_keeps_exactly_the_retention_window(aged_events):
    assert purge_expired_events() == 2
    assert _kept() == ["exactly-30-days", "recent"]
    assert purge_expired_events() == 0  # running again (or on another worker) is harmless


@time_machine.travel(NOW, tick=False)
def test_the_retention_setting_decides(aged_events, settings):
    settings.AUDIT_RETENTION_DAYS = 365
    assert purge_expired_events() == 1 and "ancient" not in _kept()


@time_machine.travel(NOW, tick=False)
def test_the_purge_is_one_delete_statement(aged_events, django_assert_num_queries):
    with django_assert_num_queries(1) as context:
        purge_expired_events()
    assert context.captured_queries[0]["sql"].startswith("DELETE")


@time_machine.travel(NOW, tick=False)
def test_the_daily_job_purges(aged_events):
    assert purge_audit_log.apply().get() == 2
    assert _kept() == ["exactly-30-days", "recent"]


@time_machine.travel(NOW, tick=False)
def test_the_command_purges_and_dry_run_only_counts(aged_events):
    out = io.StringIO()
    call_command("purge_audit_log", "--dry-run", stdout=out)
    assert "2 sự kiện cũ hơn 30 ngày sẽ bị xoá" in out.getvalue() and len(_kept()) == 4
    call_command("purge_audit_log", stdout=out)
    assert "Đã xoá 2 sự kiện nhật ký cũ hơn 30 ngày" in out.getvalue()
    assert _kept() == ["exactly-30-days", "recent"]


def test_a_migration_schedules_the_daily_purge():
    entry = PeriodicTask.objects.get(name="Xoá nhật ký truy cập cũ")
    assert entry.task == "audit.purge_audit_log" and entry.enabled
    assert (entry.crontab.hour, entry.crontab.minute) == ("2", "15")
    assert str(entry.crontab.timezone) == "Asia/Ho_Chi_Minh"
