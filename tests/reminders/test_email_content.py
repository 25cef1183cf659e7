"""The digest in Vietnamese: subject, plain text and HTML parts, grouped by plan, with links."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from plans.models import PlanStatus
from reminders.emails import DIGEST_ITEM_LIMIT
from reminders.services import sweep
from tests.factories import PlanFactory, TaskFactory, assign
from tests.reminders.conftest import DAY

pytestmark = pytest.mark.django_db


def _mail_to(address: str):
    return next(m for m in mail.outbox if address in m.to)


def test_subject_text_and_html_grouped_by_plan(mail_world):
    world = mail_world
    late = TaskFactory(
        plan=world.task_a.plan,
        code="2.1",
        content="Rà soát, đánh giá thủ tục hành chính " * 20,
        due_date=dt.date(2026, 6, 12),
    )
    assign(late, world.unit_a)
    other_plan = PlanFactory(agency=world.agency, status=PlanStatus.ACTIVE)
    today = TaskFactory(plan=other_plan, code="5", content="Tuyên truyền CCHC", due_date=DAY)
    assign(today, world.unit_a)
    sweep(on=DAY)
    message = _mail_to("staff_a@stp.example.vn")
    assert message.subject == "[CCHC] Nhắc hạn ngày 25/06/2026: 4 mục cần chú ý"
    body = message.body
    assert body.startswith("Tính đến ngày 25/06/2026")
    plan_a, plan_b = world.task_a.plan.short_label(), other_plan.short_label()
    assert body.index(plan_a.upper()) < body.index("[Mục 2.1]")
    assert plan_b.upper() in body
    assert "- [Mục 2.1] Rà soát, đánh giá thủ tục hành chính" in body and "…" in body
    assert "Lý do: quá hạn 9 ngày làm việc" in body
    assert "Lý do: đến hạn hôm nay" in body
    assert "Lý do: còn 3 ngày làm việc" in body
    assert "Đơn vị: Phòng Xây dựng và Kiểm tra văn bản QPPL" in body
    assert f"https://cchc.example.gov.vn/nhiem-vu/{late.pk}/" in body
    assert "https://cchc.example.gov.vn/thong-bao/ca-nhan/" in body  # the opt-out link
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f"<h3>{plan_a}</h3>" in html and f"<h3>{plan_b}</h3>" in html
    assert f'href="https://cchc.example.gov.vn/nhiem-vu/{late.pk}/"' in html
    assert "<td>quá hạn 9 ngày làm việc</td>" in html and "<th>Lý do</th>" in html


def test_escalation_is_flagged_in_subject_and_bold(mail_world):
    world = mail_world
    task = TaskFactory(plan=world.task_a.plan, code="7.7", due_date=dt.date(2026, 6, 1))
    assign(task, world.unit_a)
    sweep(on=DAY)
    message = _mail_to("coordinator@stp.example.vn")
    assert message.subject.startswith("[CCHC] Báo cáo quá hạn · Nhắc hạn ngày 25/06/2026")
    assert (
        "<strong>quá hạn 18 ngày làm việc, báo cáo Trưởng phòng và Văn phòng</strong>"
        in (message.alternatives[0][0])
    )


def test_a_long_digest_lists_the_first_items_and_links_to_the_rest(mail_world):
    world = mail_world
    for _ in range(DIGEST_ITEM_LIMIT + 3):
        assign(TaskFactory(plan=world.task_a.plan, due_date=dt.date(2026, 6, 29)), world.unit_b)
    sweep(on=DAY)
    body = _mail_to("staff_b@stp.example.vn").body
    total = DIGEST_ITEM_LIMIT + 3 + 2
    assert f"{total} mục cần chú ý" in _mail_to("staff_b@stp.example.vn").subject
    assert body.count("- [Mục") == DIGEST_ITEM_LIMIT
    assert "Và 5 mục khác: https://cchc.example.gov.vn/thong-bao/" in body


def test_nothing_to_say_sends_nothing(mail_world):
    result = sweep(on=dt.date(2026, 1, 5))
    assert mail.outbox == [] and result.sent == []
