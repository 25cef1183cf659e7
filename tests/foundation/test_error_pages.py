"""Error pages: Vietnamese, in the site layout, with a way back to the home page.

400, 500 and the CSRF 403 are rendered by Django without context processors, so their
templates must not need a request or the database (the 500 test runs with no database).
With DEBUG on (``make run``) ordinary users still get the project's 404; staff keep
Django's technical page.
"""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from tests.factories import UserFactory

MISSING_TASK = "/nhiem-vu/999999/"
NO_ROUTE = "/khong-co-trang-nay/"


def _assert_error_page(response, status: int, heading: str) -> str:
    body = response.content.decode()
    assert response.status_code == status
    assert heading in body
    assert 'class="navbar' in body  # the site layout
    assert f'href="{reverse("home")}"' in body and "Về trang chủ" in body
    return body


@pytest.mark.parametrize("path", [MISSING_TASK, NO_ROUTE])
def test_404_is_vietnamese_with_the_menu(client, world, path):
    client.force_login(world.users["staff_a"])
    body = _assert_error_page(client.get(path), 404, "Không tìm thấy trang")
    assert reverse("tasks:mine") in body  # the navigation of a signed-in user
    assert "Not Found" not in body


def test_404_for_an_anonymous_user_offers_the_login(client, db):
    body = _assert_error_page(client.get(NO_ROUTE), 404, "Không tìm thấy trang")
    assert reverse("login") in body


def test_the_importers_403_has_the_navigation(client, world):
    client.force_login(world.users["staff_a"])
    body = _assert_error_page(
        client.get(reverse("importer:upload")), 403, "Không có quyền truy cập"
    )
    assert reverse("tasks:mine") in body and reverse("plans:list") in body
    assert "Forbidden" not in body


def test_400_is_vietnamese(client, db):
    response = client.get(reverse("login"), HTTP_HOST="not-an-allowed-host.example")
    _assert_error_page(response, 400, "Yêu cầu không hợp lệ")


def test_500_renders_without_context_processors_or_database():
    # No db fixture: any query here fails the test.
    response = server_error(RequestFactory().get("/"))
    body = _assert_error_page(response, 500, "Lỗi hệ thống")
    assert "Server Error" not in body


@pytest.mark.django_db
def test_a_csrf_failure_explains_itself_in_vietnamese():
    response = Client(enforce_csrf_checks=True).post(
        reverse("login"), {"username": "x", "password": "y"}
    )
    body = _assert_error_page(response, 403, "Phiên làm việc đã hết hạn")
    assert "CSRF verification failed" not in body


@pytest.mark.parametrize("path", [MISSING_TASK, NO_ROUTE])
def test_with_debug_on_ordinary_users_get_the_project_404(client, world, settings, path):
    settings.DEBUG = True
    client.force_login(world.users["staff_a"])
    body = _assert_error_page(client.get(path), 404, "Không tìm thấy trang")
    assert "URLconf" not in body and "DEBUG = True" not in body


def test_with_debug_on_anonymous_users_get_the_project_404(client, db, settings):
    settings.DEBUG = True
    _assert_error_page(client.get(NO_ROUTE), 404, "Không tìm thấy trang")


@pytest.mark.parametrize("path", [MISSING_TASK, NO_ROUTE])
def test_with_debug_on_staff_keep_djangos_technical_page(client, db, settings, path):
    settings.DEBUG = True
    client.force_login(UserFactory(is_staff=True))
    response = client.get(path)
    assert response.status_code == 404
    assert "DEBUG = True" in response.content.decode()
    assert "Không tìm thấy trang" not in response.content.decode()


def test_with_debug_off_staff_get_the_project_404(client, db):
    client.force_login(UserFactory(is_staff=True))
    _assert_error_page(client.get(NO_ROUTE), 404, "Không tìm thấy trang")


def test_with_debug_on_the_missing_slash_still_redirects(client, world, settings):
    settings.DEBUG = True
    client.force_login(world.users["staff_a"])
    response = client.get(reverse("tasks:mine").rstrip("/"))
    assert response.status_code == 301
