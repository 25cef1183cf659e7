"""Password reset by e-mail: a Vietnamese subject/text/html triplet and a one-time link."""

from __future__ import annotations

import re

from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory

NEW = "Cai-cach-hanh-chinh-2026"


def test_the_login_page_links_to_it(client, db):
    page = client.get(reverse("login")).content.decode()
    assert reverse("password_reset") in page and "Quên mật khẩu?" in page


def test_reset_by_email_end_to_end(client, db):
    user = UserFactory(username="le.van.c", email="le.van.c@stp.example.gov.vn")
    user.first_name, user.last_name = "Lê Văn", "C"
    user.save()
    response = client.post(reverse("password_reset"), {"email": user.email})
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "[CCHC] Đặt lại mật khẩu"
    assert message.to == [user.email]
    assert "tài khoản le.van.c." in message.body and "Kính gửi Lê Văn C," in message.body
    html, mime = message.alternatives[0]
    assert mime == "text/html" and "Đặt mật khẩu mới" in html
    link = re.search(r"http://testserver(/tai-khoan/dat-lai-mat-khau/\S+/)", message.body)[1]
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200 and form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW}
    )
    assert done["Location"] == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert not client.get(link, follow=True).context["validlink"]  # one use only


def test_an_unknown_address_is_answered_the_same_and_sends_nothing(client, db):
    response = client.post(reverse("password_reset"), {"email": "khong-co@example.gov.vn"})
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_a_bad_link_says_so_in_vietnamese(client, db):
    url = reverse("password_reset_confirm", args=["MQ", "sai-ma"])
    page = client.get(url).content.decode()
    assert "không hợp lệ" in page
