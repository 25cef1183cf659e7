"""AUDIT_RETENTION_DAYS and TRUSTED_PROXY_COUNT: read from the environment, checked at start-up."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings

NAMES = ("AUDIT_RETENTION_DAYS", "TRUSTED_PROXY_COUNT")
SHOW = "print(settings.AUDIT_RETENTION_DAYS, settings.TRUSTED_PROXY_COUNT)"


def _settings_with(**env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in NAMES}
    code = f"import django; django.setup(); from django.conf import settings; {SHOW}"
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**base, "DJANGO_SETTINGS_MODULE": "cchc.settings", "DEBUG": "true", **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=120,
    )


def test_defaults():
    result = _settings_with()
    assert result.stdout.split() == ["365", "0"], result.stderr


def test_values_from_the_environment():
    result = _settings_with(AUDIT_RETENTION_DAYS="90", TRUSTED_PROXY_COUNT="1")
    assert result.stdout.split() == ["90", "1"], result.stderr


@pytest.mark.parametrize(
    "env",
    [
        {"AUDIT_RETENTION_DAYS": "0"},
        {"AUDIT_RETENTION_DAYS": "một năm"},
        {"TRUSTED_PROXY_COUNT": "-1"},
    ],
)
def test_bad_values_fail_loudly(env):
    result = _settings_with(**env)
    assert result.returncode != 0 and "ImproperlyConfigured" in result.stderr
