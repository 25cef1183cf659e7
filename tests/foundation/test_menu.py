"""The menu bar: each role's entries, the Văn phòng's tools folded into one drop-down, and
the account actions (profile, password, sign-out) under the user's name."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

TOOLS = ["Nhập kế hoạch", "Thùng rác", "Nhắc hạn"]


def _menu(client, user):
    client.force_login(user)
    response = client.get(reverse("plans:list"))
    assert response.status_code == 200
    return response


def _labels(items) -> list[str]:
    return [str(item.label) for item in items]


def test_the_coordinators_tools_are_in_the_drop_down_not_the_bar(client, world):
    response = _menu(client, world.users["coordinator"])
    menu = response.context["menu"]
    assert _labels(menu.tools) == TOOLS
    assert not set(TOOLS) & set(_labels(menu.bar))
    assert "Tổng quan" in _labels(menu.bar) and "Kế hoạch" in _labels(menu.bar)
    html = response.content.decode()
    dropdown = re.search(r'aria-labelledby="nav-tools">(.*?)</ul>', html, re.S).group(1)
    for url in (reverse("importer:upload"), reverse("plans:trash"), reverse("reminders:home")):
        assert f'href="{url}"' in dropdown
    # Every entry the role may open is still on the page, once.
    assert len(menu.bar) + len(menu.tools) == len(response.context["nav_items"])


def test_staff_have_no_tools_drop_down(client, world):
    response = _menu(client, world.users["staff_a"])
    assert response.context["menu"].tools == []
    assert 'id="nav-tools"' not in response.content.decode()


def test_the_account_menu_holds_profile_password_and_sign_out(client, world):
    html = _menu(client, world.users["staff_a"]).content.decode()
    account = re.search(r'aria-labelledby="nav-account">(.*?)</ul>', html, re.S).group(1)
    assert f'href="{reverse("reminders:profile")}"' in account
    assert f'href="{reverse("password_change")}"' in account
    assert f'action="{reverse("logout")}"' in account and 'method="post"' in account
