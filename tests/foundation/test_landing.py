"""Each demo role lands on its own page after login."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    """The demo agencies and users, without the sample plans (test_load_demo covers those)."""
    from django.conf import settings

    from cchc.demo import AGENCIES, USERS
    from cchc.demo_loading import load_demo_agency, load_demo_user

    agencies = {spec.code: load_demo_agency(spec) for spec in AGENCIES}
    for spec in USERS:
        load_demo_user(spec, agency=agencies[spec.agency_code], password=settings.DEMO_PASSWORD)


@pytest.mark.parametrize(
    ("username", "landing"),
    [
        ("admin", "admin:index"),
        ("vanphong", "dashboard"),
        ("lanhdao", "dashboard"),
        ("ketoan", "budget:list"),
        ("truongphong.xdkt", "tasks:mine"),
        ("canbo.xdkt", "tasks:mine"),
        ("canbo.vp", "tasks:mine"),
        ("canbo.bttp", "tasks:mine"),
    ],
)
def test_login_sends_each_role_to_its_place(client, demo, username, landing):
    response = client.post(
        reverse("login"), {"username": username, "password": "cchc-demo-2026"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse(landing)
    assert response.status_code == 200


def test_login_page_is_vietnamese(client, db):
    page = client.get(reverse("login")).content.decode()
    assert "Đăng nhập" in page and "Mật khẩu" in page


def test_wrong_password_is_explained_in_vietnamese(client, demo):
    response = client.post(reverse("login"), {"username": "vanphong", "password": "sai"})
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_anonymous_users_are_sent_to_login(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_user_without_role_is_told_plainly(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get(reverse("home"))
    assert response.status_code == 403
    assert "chưa được phân quyền" in response.content.decode()


def test_static_assets_are_vendored_not_from_a_cdn(client, demo):
    client.post(reverse("login"), {"username": "canbo.xdkt", "password": "cchc-demo-2026"})
    page = client.get(reverse("tasks:mine")).content.decode()
    assert "/static/vendor/bootstrap/bootstrap.min.css" in page
    assert "/static/vendor/htmx/htmx.min.js" in page
    assert "cdn" not in page.lower() and "https://" not in page
