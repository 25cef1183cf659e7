"""What `manage.py backup` writes: a timestamped directory, the database, media, a manifest."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from cchc.backup import BackupError, create_backup

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_manifest_lists_every_file_with_size_and_sha256(backup):
    manifest = json.loads((backup / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == "cchc-backup" and manifest["version"] == 1
    assert manifest["database"]["engine"] == connection.vendor
    assert manifest["app_version"] == "0.1.0"
    assert "0002_schedule_daily_audit_purge" in manifest["migrations"]["audit"]
    assert dt.datetime.fromisoformat(manifest["created_at"]).tzinfo is not None
    on_disk = {
        p.relative_to(backup).as_posix(): p
        for p in backup.rglob("*")
        if p.is_file() and p.name != "manifest.json"
    }
    assert sorted(entry["path"] for entry in manifest["files"]) == sorted(on_disk)
    for entry in manifest["files"]:
        data = on_disk[entry["path"]].read_bytes()
        assert entry["size"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    media = [entry["path"] for entry in manifest["files"] if entry["path"].startswith("media/")]
    assert len(media) == 1 and media[0].endswith(".pdf")


def test_the_directory_is_timestamped_and_private(world, tmp_path):
    moment = dt.datetime(2026, 12, 1, 1, 30, 5, tzinfo=dt.UTC)
    folder = create_backup(
        connection=connection,
        media_root=tmp_path / "no-media-yet",
        destination=tmp_path,
        now=moment,
    )
    assert folder.name == "cchc-backup-20261201-013005"
    assert folder.stat().st_mode & 0o077 == 0
    assert not list(tmp_path.glob(".*partial"))
    with pytest.raises(BackupError, match="Đã có bản sao lưu"):
        create_backup(connection=connection, media_root=tmp_path, destination=tmp_path, now=moment)


def test_the_command_writes_to_backup_dir_and_says_where(world, evidence, settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    out = io.StringIO()
    call_command("backup", stdout=out)
    (folder,) = (tmp_path / "backups").iterdir()
    assert f"Đã sao lưu vào {folder}" in out.getvalue() and "1 tệp đính kèm" in out.getvalue()
    other = tmp_path / "elsewhere"
    call_command("backup", "--output", str(other), stdout=out)
    assert len(list(other.iterdir())) == 1


def test_a_failed_backup_leaves_nothing_behind(world, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("cchc.backup._write_manifest", broken)
    with pytest.raises(OSError, match="disk full"):
        create_backup(
            connection=connection, media_root=Path(settings.MEDIA_ROOT), destination=tmp_path
        )
    assert list(tmp_path.iterdir()) == []


def test_a_backup_inside_a_transaction_is_refused(world, tmp_path):
    with transaction.atomic(), pytest.raises(CommandError, match="giao dịch"):
        call_command("backup", "--output", str(tmp_path))
