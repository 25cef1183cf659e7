"""The UI is Vietnamese whatever the browser says, English only when chosen."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
@pytest.mark.parametrize("accept_language", ["en-US,en;q=0.9", "fr", "", "vi"])
def test_browser_language_does_not_switch_the_ui(client, accept_language):
    response = client.get(reverse("login"), headers={"accept-language": accept_language})
    assert response["Content-Language"] == "vi"
    assert "Mật khẩu" in response.content.decode()


@pytest.mark.django_db
def test_a_chosen_language_is_kept(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get(reverse("login"))["Content-Language"] == "en"


@pytest.mark.django_db
def test_an_unknown_cookie_value_falls_back_to_vietnamese(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert client.get(reverse("login"))["Content-Language"] == "vi"
