"""`make run` (scripts/run-embedded): its address and the e-mail links follow HOST and PORT."""

import os
import subprocess
from pathlib import Path

from django.conf import settings

SCRIPT = Path(settings.BASE_DIR) / "scripts" / "run-embedded"


def _settings_lines() -> str:
    """The script's variable lines (HOST=, PORT=, export SITE_URL=): no servers, no trap."""
    lines = SCRIPT.read_text(encoding="utf-8").splitlines()
    wanted = ("HOST=", "PORT=", "export SITE_URL=")
    return "\n".join(line for line in lines if line.startswith(wanted))


def _site_url(**env: str) -> str:
    script = "set -eu\n" + _settings_lines() + '\necho "$SITE_URL"\n'
    clean = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "HOST", "PORT")}
    result = subprocess.run(
        ["bash", "-c", script], env=clean | env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_site_url_follows_host_and_port():
    assert _site_url(HOST="0.0.0.0", PORT="8123") == "http://0.0.0.0:8123"
    assert _site_url() == "http://127.0.0.1:8000"


def test_an_explicit_site_url_wins():
    assert _site_url(PORT="8123", SITE_URL="https://cchc.example.gov.vn") == (
        "https://cchc.example.gov.vn"
    )


def test_the_printed_address_uses_host_and_port_and_the_worker_logs_it_is_alive():
    text = SCRIPT.read_text(encoding="utf-8")
    assert "http://${HOST}:${PORT}/" in text and 'runserver "${HOST}:${PORT}"' in text
    assert "-l info" in text  # "beat: Starting..." and "celery@... ready." are INFO lines
