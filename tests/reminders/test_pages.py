"""The bell, the notices page, the profile opt-out, and the coordinators' settings and log."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from reminders.models import DeliveryStatus, Digest, DigestOptOut, ReminderItem, ReminderSettings
from reminders.services import sweep
from tests.query_counts import assert_flat_queries
from tests.reminders.conftest import DAY

pytestmark = pytest.mark.django_db


def test_the_bell_counts_only_the_users_own_unread_notices(client, mail_world):
    sweep(on=DAY)
    client.force_login(mail_world.users["staff_a"])
    html = client.get(reverse("reminders:bell")).content.decode()
    assert '<span class="badge text-bg-danger" id="bell-count">2</span>' in html
    client.force_login(mail_world.users["leader"])  # nothing was said to the leader
    assert 'id="bell-count"' not in client.get(reverse("reminders:bell")).content.decode()


def test_every_page_loads_the_bell_by_htmx_without_inline_script(client, mail_world):
    client.force_login(mail_world.users["staff_a"])
    html = client.get(reverse("reminders:notices")).content.decode()
    assert f'hx-get="{reverse("reminders:bell")}" hx-trigger="load"' in html
    assert "<script>" not in html


def test_notices_page_lists_mine_and_marks_them_read(client, mail_world):
    sweep(on=DAY)
    staff_a = mail_world.users["staff_a"]
    client.force_login(staff_a)
    html = client.get(reverse("reminders:notices")).content.decode()
    assert html.count("còn 3 ngày làm việc") == 2
    assert mail_world.task_b.content not in html  # unit B's task was said to unit B only
    first = ReminderItem.objects.filter(user=staff_a).first()
    response = client.post(reverse("reminders:mark_read", args=[first.pk]))
    assert response.status_code == 302
    assert ReminderItem.objects.filter(user=staff_a).unread().count() == 1
    client.post(reverse("reminders:mark_all_read"))
    assert not ReminderItem.objects.filter(user=staff_a).unread().exists()


def test_someone_elses_notice_cannot_be_marked(client, mail_world):
    sweep(on=DAY)
    theirs = ReminderItem.objects.filter(user=mail_world.users["staff_b"]).first()
    client.force_login(mail_world.users["staff_a"])
    assert client.post(reverse("reminders:mark_read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_notices_page_query_count_is_flat(client, mail_world, django_assert_num_queries):
    client.force_login(mail_world.users["staff_a"])
    sweep(on=DAY)
    # session, user, memberships (menu), the count for the pager, one page of items.
    assert_flat_queries(
        client,
        reverse("reminders:notices"),
        expected=6,
        grow=lambda: sweep(on=dt.date(2026, 6, 29)),
        django_assert_num_queries=django_assert_num_queries,
    )


def test_profile_opt_out_and_back(client, mail_world):
    user = mail_world.users["staff_a"]
    client.force_login(user)
    response = client.get(reverse("reminders:profile"))
    assert "Thư báo nhiệm vụ quá hạn lâu" in response.content.decode()
    assert response.context["form"].initial == {"digests": "on"}
    client.post(reverse("reminders:profile"), {"digests": "off"})
    assert DigestOptOut.objects.filter(user=user).exists()
    assert "staff_a@stp.example.vn" not in {r.recipient for r in sweep(on=DAY).sent}
    response = client.get(reverse("reminders:profile"))
    assert response.context["form"].initial == {"digests": "off"}
    client.post(reverse("reminders:profile"), {"digests": "on"})
    assert not DigestOptOut.objects.filter(user=user).exists()


def test_profile_refuses_a_missing_choice_in_vietnamese(client, mail_world):
    client.force_login(mail_world.users["staff_a"])
    response = client.post(reverse("reminders:profile"), {"digests": "abc"})
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert not DigestOptOut.objects.exists()


def _settings_url(world) -> str:
    return reverse("reminders:settings", args=[world.agency.pk])


def test_coordinator_edits_the_agencys_settings(client, mail_world):
    client.force_login(mail_world.users["coordinator"])
    page = client.get(_settings_url(mail_world)).content.decode()
    assert 'value="7, 3, 1"' in page and 'value="07:30"' in page  # the defaults
    data = {
        "lead_days": "5;2",
        "overdue_repeat_days": "3",
        "escalate_after_days": "8",
        "period_lead_days": "2",
        "send_time": "08:15",
        "send_on_days_off": "on",
    }
    assert client.post(_settings_url(mail_world), data).status_code == 302
    saved = ReminderSettings.objects.get(agency=mail_world.agency)
    assert saved.lead_day_list() == (5, 2) and saved.lead_days == "5, 2"
    assert saved.send_time == dt.time(8, 15) and saved.send_on_days_off
    assert [line.reason for r in sweep(on=DAY).sent for line in r.items][:1] == [
        "còn 3 ngày làm việc"  # 3 left is within the 5-day threshold now
    ]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("lead_days", "bảy", "Nhập các số ngày làm việc từ 1 đến 60"),
        ("lead_days", "0, 3", "Nhập các số ngày làm việc từ 1 đến 60"),
        ("send_time", "7h30", "Nhập giờ dạng HH:MM, ví dụ 07:30."),
        ("overdue_repeat_days", "0", "Đảm bảo giá trị này lớn hơn hoặc bằng với 1"),
    ],
)
def test_bad_settings_are_refused_in_vietnamese(client, mail_world, field, value, message):
    client.force_login(mail_world.users["coordinator"])
    data = {
        "lead_days": "7, 3, 1",
        "overdue_repeat_days": "5",
        "escalate_after_days": "10",
        "period_lead_days": "3",
        "send_time": "07:30",
        field: value,
    }
    response = client.post(_settings_url(mail_world), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not ReminderSettings.objects.exists()


def test_send_log_shows_failures_and_only_the_agencys_digests(client, mail_world):
    sweep(on=DAY)
    Digest.objects.filter(recipient="staff_a@stp.example.vn").update(
        status=DeliveryStatus.FAILED, error="SMTPServerDisconnected: mất kết nối", attempts=5
    )
    client.force_login(mail_world.users["coordinator"])
    html = client.get(reverse("reminders:log", args=[mail_world.agency.pk])).content.decode()
    assert "SMTPServerDisconnected: mất kết nối" in html and "đã ngừng thử lại" in html
    assert "staff_b@stp.example.vn" in html
    assert "vp@stp-cb.example.vn" not in html  # the other agency's log
    failed_only = client.get(reverse("reminders:log", args=[mail_world.agency.pk]) + "?failed=1")
    assert "staff_b@stp.example.vn" not in failed_only.content.decode()


def test_send_log_query_count_is_flat(client, mail_world, django_assert_num_queries):
    client.force_login(mail_world.users["coordinator"])
    sweep(on=DAY)
    assert_flat_queries(
        client,
        reverse("reminders:log", args=[mail_world.agency.pk]),
        expected=6,
        grow=lambda: sweep(on=dt.date(2026, 6, 29)),
        django_assert_num_queries=django_assert_num_queries,
    )
