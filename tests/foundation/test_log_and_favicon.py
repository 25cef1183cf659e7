"""The log prints each line once, and the site has a favicon at /favicon.ico and in every page."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

EMIT = """
import logging, django
django.setup()
logging.getLogger("django.request").warning("ONE-REQUEST-LINE")
logging.getLogger("tasks.jobs").warning("ONE-APP-LINE")
logging.getLogger("django.server").info("ONE-SERVER-LINE")
"""


@pytest.mark.parametrize("debug", ["true", "false"])
def test_each_log_line_is_printed_once(debug):
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "cchc.settings",
        "DEBUG": debug,
        "SECRET_KEY": "test-only-" + "x" * 50,
        "ALLOWED_HOSTS": "localhost",
    }
    result = subprocess.run(
        [sys.executable, "-c", EMIT],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    for line in ("ONE-REQUEST-LINE", "ONE-APP-LINE", "ONE-SERVER-LINE"):
        assert result.stderr.count(line) == 1, result.stderr
    # runserver's access log keeps its timestamped format
    assert "] ONE-SERVER-LINE" in result.stderr


def test_favicon_ico_answers_at_the_root(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body[:4] == b"\x00\x00\x01\x00"  # an ICO header


@pytest.mark.django_db
def test_every_page_links_the_favicon(client):
    page = client.get(reverse("login")).content.decode()
    assert '<link rel="icon" href="/static/root/favicon.ico"' in page
