"""Security headers: a CSP without 'unsafe-inline', a Permissions-Policy, private downloads.

The CSP only works because no template needs inline code: the last tests scan templates/
for inline scripts, style attributes and on* handlers (the browser test in tests/e2e loads
the pages and watches for CSP violations).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse

from common.downloads import private_download
from tasks.models import Evidence
from tests.factories import evidence_upload

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# E-mails are read by mail clients, which know nothing of the site's CSP.
PAGE_TEMPLATES = sorted(p for p in TEMPLATES.rglob("*.html") if "emails" not in p.parts)


def _policy(response) -> dict[str, list[str]]:
    parts = [part.strip().split() for part in response["Content-Security-Policy"].split(";")]
    return {part[0]: part[1:] for part in parts if part}


def test_pages_carry_a_strict_content_security_policy(client, world):
    client.force_login(world.users["staff_a"])
    response = client.get(reverse("tasks:mine"))
    policy = _policy(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


def test_the_login_page_and_the_admin_carry_it_too(client, db):
    for url in (reverse("login"), reverse("admin:login")):
        response = client.get(url)
        assert "script-src 'self'" in response["Content-Security-Policy"], url


def test_permissions_policy_turns_off_powerful_features(client, db):
    header = client.get(reverse("login"))["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in header


def test_evidence_downloads_are_never_cached(client, world, private_media):
    evidence = Evidence(
        task=world.task_a, original_name="a.pdf", content_type="application/pdf", size=10
    )
    evidence.file.save("a.pdf", evidence_upload("a.pdf"), save=False)
    evidence.save()
    client.force_login(world.users["staff_a"])
    response = client.get(reverse("tasks:evidence", args=[evidence.pk]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_plan_exports_are_never_cached(client, world):
    client.force_login(world.users["coordinator"])
    url = reverse("importer:export", kwargs={"pk": world.task_a.plan.pk, "fmt": "xlsx"})
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_private_download_is_a_reusable_decorator():
    from django.http import HttpResponse

    view = private_download(lambda request: HttpResponse("báo cáo"))
    assert view(RequestFactory().get("/"))["Cache-Control"] == "private, no-store"


INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
JS_URL = re.compile(r"javascript:", re.IGNORECASE)


def test_templates_are_found():
    assert len(PAGE_TEMPLATES) > 15


@pytest.mark.parametrize(
    "pattern", [INLINE_SCRIPT, STYLE_ATTRIBUTE, STYLE_ELEMENT, HANDLER, JS_URL], ids=str
)
def test_no_template_needs_inline_code(pattern):
    found = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in PAGE_TEMPLATES
        for match in pattern.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not found
