"""Production settings fail loudly on missing values and pass Django's deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "a-very-long-production-secret-key-with-enough-entropy-1234567890-abcdef",
    "ALLOWED_HOSTS": "cchc.example.gov.vn",
    "CSRF_TRUSTED_ORIGINS": "https://cchc.example.gov.vn",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {
        k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS")
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_refuses_to_start_without_secret_key_when_debug_is_off():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_refuses_to_start_without_allowed_hosts_when_debug_is_off():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "ALLOWED_HOSTS"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is required" in result.stderr


def test_rejects_a_malformed_boolean():
    result = run_manage("check", env={**PRODUCTION_ENV, "DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_deploy_checks_are_clean_with_production_values():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_static_files_collect_with_hashed_names(tmp_path):
    """Whitenoise's manifest storage must resolve every vendored asset reference."""
    env = {**PRODUCTION_ENV, "STATIC_ROOT": str(tmp_path / "static"), "VAR_DIR": str(tmp_path)}
    result = run_manage("collectstatic", "--no-input", env=env)
    assert result.returncode == 0, result.stderr
    manifest = (tmp_path / "static" / "staticfiles.json").read_text()
    assert "vendor/bootstrap/bootstrap.min.css" in manifest
    assert "vendor/htmx/htmx.min.js" in manifest


def test_manage_py_defaults_to_development_mode_for_newcomers():
    result = run_manage("check", env={})
    assert result.returncode == 0, result.stderr


def _options_for(database_url: str, **extra: str) -> str:
    code = (
        "from django.conf import settings;"
        "print(settings.DATABASES['default'].get('OPTIONS', {}).get('options', '-'))"
    )
    env = {**PRODUCTION_ENV, "DATABASE_URL": database_url, **extra}
    base = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DATABASE_URL")}
    result = subprocess.run(
        [sys.executable, "-c", f"import django;django.setup();{code}"],
        cwd=ROOT,
        env={**base, **env, "DJANGO_SETTINGS_MODULE": "cchc.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_postgresql_connections_price_index_lookups_for_ssd():
    url = "postgres://u:p@127.0.0.1:5432/x"
    assert _options_for(url) == "-c random_page_cost=1.1"
    assert _options_for(url, DB_RANDOM_PAGE_COST="2") == "-c random_page_cost=2.0"
    assert _options_for(url, DB_RANDOM_PAGE_COST="") == "-"  # the server's own value
    assert _options_for("sqlite:////tmp/x.sqlite3") == "-"


@pytest.mark.django_db
def test_the_live_postgresql_connection_uses_it():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL on PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"
