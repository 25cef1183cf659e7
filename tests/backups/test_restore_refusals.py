"""Restore refuses a tampered, incomplete or foreign backup, and a database already in use."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from cchc.backup import BackupError, verify_backup
from plans.models import Plan

pytestmark = pytest.mark.django_db(transaction=True)


def _manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def _save_manifest(folder: Path, data: dict) -> None:
    (folder / "manifest.json").write_text(json.dumps(data), encoding="utf-8")


def _media_file(folder: Path) -> Path:
    return next(p for p in (folder / "media").rglob("*") if p.is_file())


def _database_file(folder: Path) -> Path:
    return folder / _manifest(folder)["database"]["file"]


def test_an_intact_backup_verifies(backup):
    assert verify_backup(backup).engine == connection.vendor


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda b: _media_file(b).write_bytes(b"%PDF-1.4 sua noi dung"), "SHA-256"),
        (lambda b: _database_file(b).write_bytes(_database_file(b).read_bytes()[:-1]), "SHA-256"),
        (lambda b: _media_file(b).unlink(), "Thiếu tệp"),
        (lambda b: (b / "manifest.json").unlink(), "không đầy đủ"),
        (lambda b: (b / "manifest.json").write_text("{không phải json"), "manifest.json hỏng"),
        (lambda b: (b / "media" / "them.exe").write_bytes(b"MZ"), "không có trong manifest"),
    ],
    ids=["media-edited", "database-truncated", "file-missing", "no-manifest", "bad-json", "extra"],
)
def test_a_tampered_or_incomplete_backup_is_refused_before_anything_is_written(
    backup, damage, message, tmp_path
):
    damage(backup)
    plans_before = Plan.objects.count()
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(backup), "--force")
    assert Plan.objects.count() == plans_before
    assert Path(settings.MEDIA_ROOT).is_dir() and any(Path(settings.MEDIA_ROOT).rglob("*.pdf"))


def test_a_manifest_path_outside_the_backup_is_refused(backup, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("x")
    data = _manifest(backup)
    data["files"].append({"path": "../secret.txt", "size": 1, "sha256": "0" * 64})
    _save_manifest(backup, data)
    with pytest.raises(BackupError, match="Đường dẫn không hợp lệ"):
        verify_backup(backup)


def test_a_database_in_use_is_not_overwritten_without_force(backup):
    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(backup))


def test_a_backup_of_another_engine_is_refused(backup, sqlite_only):
    database = _database_file(backup)
    shutil.move(database, backup / "database.dump")
    data = _manifest(backup)
    data["database"] = {"engine": "postgresql", "file": "database.dump"}
    for entry in data["files"]:
        if entry["path"] == database.name:
            entry["path"] = "database.dump"
    _save_manifest(backup, data)
    with pytest.raises(CommandError, match="Bản sao lưu là của postgresql"):
        call_command("restore", str(backup), "--force")
