"""The reminder e-mail in Vietnamese: subject, sections, rows and absolute links."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from reminders.services import send_due_reminders
from tests.factories import TaskFactory, assign
from tests.reminders.conftest import DAY

pytestmark = pytest.mark.django_db


def _mail_to(address: str):
    return next(m for m in mail.outbox if address in m.to)


def test_subject_and_body_in_vietnamese(mail_world):
    world = mail_world
    late = TaskFactory(
        plan=world.task_a.plan,
        code="2.1",
        content="Rà soát, đánh giá thủ tục hành chính " * 20,
        deadline_text="Trước 15/6/2026",
        due_date=dt.date(2026, 6, 15),
    )
    assign(late, world.unit_a)
    send_due_reminders(on=DAY)
    message = _mail_to("staff_a@stp.example.vn")
    assert message.subject == (
        "[CCHC] Phòng Xây dựng và Kiểm tra văn bản QPPL: "
        "1 nhiệm vụ quá hạn, 2 nhiệm vụ sắp đến hạn (25/06/2026)"
    )
    body = message.body
    assert body.startswith("Kính gửi: Phòng Xây dựng và Kiểm tra văn bản QPPL")
    assert body.index("QUÁ HẠN (1)") < body.index("SẮP ĐẾN HẠN (2)")
    assert "1. [Mục 2.1] Rà soát, đánh giá thủ tục hành chính" in body
    assert "…" in body  # long content is truncated
    assert "Thời gian hoàn thành: Trước 15/6/2026" in body
    assert "Hạn: 15/06/2026" in body
    assert f"https://cchc.example.gov.vn/nhiem-vu/{late.pk}/" in body
    assert "Hạn: 30/06/2026" in body and "Thời gian hoàn thành: Quý II/2026" in body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "<h3>Quá hạn (1)</h3>" in html and "<h3>Sắp đến hạn (2)</h3>" in html
    assert f'href="https://cchc.example.gov.vn/nhiem-vu/{late.pk}/"' in html
    assert "<th>STT</th>" in html


def test_extended_deadline_shows_the_original_too(mail_world):
    world = mail_world
    world.task_a.due_date = dt.date(2026, 5, 31)
    world.task_a.extended_due_date = dt.date(2026, 6, 29)
    world.task_a.save()
    send_due_reminders(on=DAY)
    body = _mail_to("staff_a@stp.example.vn").body
    assert "Hạn: 29/06/2026 (hạn ban đầu 31/05/2026)" in body
    # The one badge rule (tasks/badges.py): timeliness plus a single extension note.
    assert "Tình trạng: Sắp đến hạn · Đã gia hạn đến 29/06/2026" in body
    html = _mail_to("staff_a@stp.example.vn").alternatives[0][0]
    assert "<small>Sắp đến hạn · Đã gia hạn đến 29/06/2026</small>" in html


def test_no_mail_when_nothing_is_due(mail_world):
    result = send_due_reminders(on=dt.date(2026, 1, 5))
    assert mail.outbox == [] and result.reminders == []
