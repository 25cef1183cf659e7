"""The embedded mode's file e-mail backend receives the digests the beat job sends."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from reminders.jobs import send_deadline_reminders

pytestmark = pytest.mark.django_db


def test_beat_job_writes_digests_to_the_mail_folder(mail_world, settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    # 08:00 on Thursday 25/06/2026 in Hà Nội: past the default 07:30 send time.
    with time_machine.travel(dt.datetime(2026, 6, 25, 1, 0, tzinfo=dt.UTC), tick=False):
        counts = send_deadline_reminders.apply().get()
    assert counts["sent"] == 5
    written = "".join(path.read_text() for path in tmp_path.iterdir())
    assert written.count("\nSubject: ") == 5
    assert "To: staff_a@stp.example.vn" in written
