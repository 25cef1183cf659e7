"""Repeated wrong passwords lock the username and the address for a cool-off, then it lifts."""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from tests.factories import UserFactory

PASSWORD = "pw-for-tests-1"  # UserFactory's
START = dt.datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
LOGIN = "login"
ADMIN_LOGIN = "admin:login"


@pytest.fixture
def user(db):
    return UserFactory(username="nguyen.van.a")


def attempt(client, url_name: str, username: str, password: str, ip: str = "10.0.0.5", **extra):
    return client.post(
        reverse(url_name),
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
        **extra,
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_twenty_wrong_passwords_then_the_right_one_is_refused(client, user, caplog):
    caplog.set_level(logging.WARNING, logger="cchc.security")
    with time_machine.travel(START, tick=False):
        statuses = [
            attempt(client, LOGIN, user.username, f"sai-{n}").status_code for n in range(20)
        ]
        response = attempt(client, LOGIN, user.username, PASSWORD)
        assert response.status_code == 429 and not signed_in(client)
    assert statuses[:9] == [200] * 9  # the form again, with its error
    assert set(statuses[10:]) == {429}
    page = response.content.decode()
    assert "Tạm khóa đăng nhập" in page and "15 phút" in page
    locked = [r for r in caplog.records if r.name == "cchc.security"]
    assert locked and "nguyen.van.a" in locked[0].getMessage()
    assert "10.0.0.5" in locked[0].getMessage()


def test_the_lock_lifts_after_the_cool_off(client, user):
    with time_machine.travel(START, tick=False) as clock:
        for n in range(12):
            attempt(client, LOGIN, user.username, f"sai-{n}")
        clock.shift(dt.timedelta(minutes=14))
        assert attempt(client, LOGIN, user.username, PASSWORD).status_code == 429
        clock.shift(dt.timedelta(minutes=16))
        response = attempt(client, LOGIN, user.username, PASSWORD)
        assert response.status_code == 302 and signed_in(client)


def test_the_admin_login_is_locked_too(client, db):
    admin = UserFactory(username="it.admin")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    with time_machine.travel(START, tick=False):
        for n in range(20):
            attempt(client, ADMIN_LOGIN, admin.username, f"sai-{n}")
        response = attempt(client, ADMIN_LOGIN, admin.username, PASSWORD)
        assert response.status_code == 429 and not signed_in(client)
    assert "Tạm khóa đăng nhập" in response.content.decode()


def test_one_address_trying_many_usernames_is_locked(client, user):
    with time_machine.travel(START, tick=False):
        for n in range(10):
            attempt(client, LOGIN, f"doan-{n}", "sai", ip="203.0.113.9")
        from_there = attempt(client, LOGIN, user.username, PASSWORD, ip="203.0.113.9")
        elsewhere = attempt(client, LOGIN, user.username, PASSWORD, ip="198.51.100.7")
    assert from_there.status_code == 429
    assert elsewhere.status_code == 302


def test_forwarded_for_is_ignored_without_a_trusted_proxy(client, user):
    """An attacker rotating X-Forwarded-For still comes from one REMOTE_ADDR."""
    with time_machine.travel(START, tick=False):
        for n in range(10):
            attempt(client, LOGIN, f"doan-{n}", "sai", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
        response = attempt(
            client, LOGIN, user.username, PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.200"
        )
    assert response.status_code == 429


def test_forwarded_for_is_honoured_behind_a_configured_proxy(client, user, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    with time_machine.travel(START, tick=False):
        for n in range(10):
            attempt(client, LOGIN, f"doan-{n}", "sai", ip=proxy, HTTP_X_FORWARDED_FOR="203.0.113.9")
        attacker = attempt(
            client, LOGIN, user.username, PASSWORD, ip=proxy, HTTP_X_FORWARDED_FOR="203.0.113.9"
        )
        colleague = attempt(
            client, LOGIN, user.username, PASSWORD, ip=proxy, HTTP_X_FORWARDED_FOR="198.51.100.7"
        )
    assert attacker.status_code == 429
    assert colleague.status_code == 302
