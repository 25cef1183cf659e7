"""On PostgreSQL: pg_dump (custom format) and pg_restore put the same rows back."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from cchc.backup import restore_backup, verify_backup
from organizations.models import Membership
from plans.models import Plan
from tasks.models import Evidence, Task

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in (Plan, Task, Evidence, Membership)}


def test_dump_and_restore_round_trip(backup):
    manifest = verify_backup(backup)
    assert manifest.engine == "postgresql"
    assert (backup / "database.dump").read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
    before = _counts()
    Plan.objects.all().delete()
    Membership.objects.all().delete()
    assert _counts() != before
    restore_backup(
        source=backup, connection=connection, media_root=Path(settings.MEDIA_ROOT), force=True
    )
    assert _counts() == before
