"""Every signed-in user changes their own password, under Django's password validators."""

from __future__ import annotations

from django.urls import reverse

from organizations.models import Role
from tests.factories import make_member

OLD = "pw-for-tests-1"
NEW = "Cai-cach-hanh-chinh-2026"


def change(client, *, old: str, new: str):
    data = {"old_password": old, "new_password1": new, "new_password2": new}
    return client.post(reverse("password_change"), data)


def test_the_user_menu_offers_it(client, world):
    client.force_login(world.users["staff_a"])
    page = client.get(reverse("tasks:mine")).content.decode()
    assert reverse("password_change") in page and "Đổi mật khẩu" in page


def test_unit_staff_change_their_password(client, world):
    user = world.users["staff_a"]
    client.force_login(user)
    response = change(client, old=OLD, new=NEW)
    assert response.status_code == 302 and response["Location"] == reverse("password_change_done")
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert client.get(reverse("tasks:mine")).status_code == 200  # still signed in


def test_weak_passwords_are_refused_in_vietnamese(client, world):
    user = make_member(Role.STAFF, agency=world.agency, unit=world.unit_a, username="tran.thi.b")
    client.force_login(user)
    for weak in ("12345678", "matkhau", "tran.thi.b1"):
        response = change(client, old=OLD, new=weak)
        assert response.status_code == 200, weak
        assert response.context["form"].errors["new_password2"], weak
    page = response.content.decode()
    assert "Mật khẩu" in page
    user.refresh_from_db()
    assert user.check_password(OLD)


def test_a_wrong_old_password_changes_nothing(client, world):
    user = world.users["staff_a"]
    client.force_login(user)
    response = change(client, old="sai", new=NEW)
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password(OLD)
