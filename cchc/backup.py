"""Backups: the database and the media folder in one directory, with a checksummed manifest.

A backup is a directory ``cchc-backup-YYYYmmdd-HHMMSS/`` holding ``manifest.json``,
the database (``database.sqlite3`` from SQLite's online backup API, or
``database.dump`` from ``pg_dump --format=custom``) and ``media/``, a copy of
MEDIA_ROOT. It is written under a hidden ``.partial`` name and renamed at the end,
so an interrupted run never looks like a backup.

Restoring verifies every file against the manifest (size and SHA-256, nothing
missing, nothing extra) before it touches anything, and refuses to overwrite a
database that already holds users or agencies unless forced. Checksums catch
corruption, truncation and edited files; they do not stop someone who can rewrite
the manifest too, so keep backups where the application cannot write.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import Any

from django.contrib.auth import get_user_model
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = "cchc-backup"
MANIFEST_VERSION = 1
MEDIA_DIR = "media"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup that cannot be made or a restore that must not go ahead (message in Vietnamese)."""


@dataclass(frozen=True)
class FileEntry:
    path: str  # relative to the backup directory, "/"-separated
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    created_at: str
    engine: str
    database_file: str
    app_version: str
    migrations: dict[str, list[str]]
    files: list[FileEntry]

    def as_json(self) -> dict[str, Any]:
        return {
            "format": MANIFEST_FORMAT,
            "version": MANIFEST_VERSION,
            "created_at": self.created_at,
            "database": {"engine": self.engine, "file": self.database_file},
            "app_version": self.app_version,
            "migrations": self.migrations,
            "files": [entry.__dict__ for entry in self.files],
        }

    @property
    def media_files(self) -> list[FileEntry]:
        return [entry for entry in self.files if entry.path.startswith(f"{MEDIA_DIR}/")]


# --- Making a backup ----------------------------------------------------------------


def create_backup(
    *,
    connection: BaseDatabaseWrapper,
    media_root: Path,
    destination: Path,
    now: dt.datetime | None = None,
) -> Path:
    """Back up the database behind ``connection`` and ``media_root`` into ``destination``."""
    engine = _engine(connection)
    if connection.in_atomic_block:
        # SQLite would wait forever on our own write lock; pg_dump would miss our writes.
        raise BackupError(_("Không thể sao lưu khi đang trong một giao dịch cơ sở dữ liệu."))
    moment = now or timezone.now()
    final = destination / f"cchc-backup-{moment:%Y%m%d-%H%M%S}"
    if final.exists():
        raise BackupError(_("Đã có bản sao lưu %(path)s.") % {"path": final})
    partial = destination / f".{final.name}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    # Backups hold every evidence file: readable by the service account only.
    partial.mkdir(parents=True, mode=0o700)
    try:
        entries = [_dump_database(connection, engine, partial / DATABASE_FILES[engine])]
        entries += _copy_media(media_root, partial / MEDIA_DIR)
        manifest = Manifest(
            created_at=moment.isoformat(),
            engine=engine,
            database_file=DATABASE_FILES[engine],
            app_version=_app_version(),
            migrations=_applied_migrations(connection),
            files=entries,
        )
        _write_manifest(partial, manifest)
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return final


def _engine(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(
            _("Chưa hỗ trợ sao lưu cơ sở dữ liệu %(vendor)s.") % {"vendor": connection.vendor}
        )
    return connection.vendor


def _dump_database(connection: BaseDatabaseWrapper, engine: str, target: Path) -> FileEntry:
    if engine == "sqlite":
        _sqlite_backup(connection, target)
    else:
        _pg_dump(connection.settings_dict, target)
    return _entry(target, target.name)


def _sqlite_backup(connection: BaseDatabaseWrapper, target: Path) -> None:
    # The online backup API copies a consistent snapshot while the app and the worker
    # keep writing; the copy leaves WAL mode so it is one self-contained file.
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")
    finally:
        copy.close()


def _pg_dump(settings_dict: dict[str, Any], target: Path) -> None:
    args = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"]
    _run_pg(args, settings_dict, action=_("sao lưu"))


def _copy_media(media_root: Path, target: Path) -> list[FileEntry]:
    target.mkdir()
    if not media_root.is_dir():
        return []
    entries = []
    for source in _regular_files(media_root):
        relative = source.relative_to(media_root)
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        entries.append(_copy_and_hash(source, destination, f"{MEDIA_DIR}/{relative.as_posix()}"))
    return entries


def _regular_files(root: Path) -> list[Path]:
    """Files under ``root`` in a stable order; symlinks are not followed (nor copied)."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        found += [Path(folder) / name for name in sorted(files)]
    return [path for path in found if path.is_file() and not path.is_symlink()]


def _app_version() -> str:
    try:
        return metadata.version("cchc-tracker")
    except metadata.PackageNotFoundError:
        return "unknown"


def _applied_migrations(connection: BaseDatabaseWrapper) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _write_manifest(folder: Path, manifest: Manifest) -> None:
    text = json.dumps(manifest.as_json(), ensure_ascii=False, indent=2)
    (folder / MANIFEST_NAME).write_text(text + "\n", encoding="utf-8")


# --- Checking a backup --------------------------------------------------------------


def verify_backup(source: Path) -> Manifest:
    """The backup's manifest, once every file matches it; BackupError otherwise."""
    manifest = read_manifest(source)
    listed = set()
    for entry in manifest.files:
        listed.add(entry.path)
        _check_file(source, entry)
    present = {
        path.relative_to(source).as_posix()
        for path in _regular_files(source)
        if path.name != MANIFEST_NAME or path.parent != source
    }
    extra = sorted(present - listed)
    if extra:
        raise BackupError(
            _("Bản sao lưu có tệp không có trong manifest (có thể đã bị sửa): %(files)s")
            % {"files": ", ".join(extra[:5])}
        )
    return manifest


def read_manifest(source: Path) -> Manifest:
    path = source / MANIFEST_NAME
    if not path.is_file():
        raise BackupError(
            _("Không tìm thấy %(name)s trong %(dir)s: bản sao lưu không đầy đủ.")
            % {"name": MANIFEST_NAME, "dir": source}
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        manifest = _parse_manifest(data)
    except (ValueError, KeyError, TypeError) as error:
        raise BackupError(_("Tệp manifest.json hỏng hoặc không đúng định dạng.")) from error
    return manifest


def _parse_manifest(data: dict[str, Any]) -> Manifest:
    if data["format"] != MANIFEST_FORMAT or data["version"] != MANIFEST_VERSION:
        raise ValueError("unknown manifest format")
    engine = data["database"]["engine"]
    database_file = data["database"]["file"]
    if DATABASE_FILES.get(engine) != database_file:
        raise ValueError("unknown database engine")
    files = [FileEntry(str(f["path"]), int(f["size"]), str(f["sha256"])) for f in data["files"]]
    if database_file not in {entry.path for entry in files}:
        raise ValueError("the database file is not listed")
    return Manifest(
        created_at=str(data["created_at"]),
        engine=engine,
        database_file=database_file,
        app_version=str(data["app_version"]),
        migrations={str(app): list(names) for app, names in data["migrations"].items()},
        files=files,
    )


def _check_file(source: Path, entry: FileEntry) -> None:
    relative = PurePosixPath(entry.path)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise BackupError(_("Đường dẫn không hợp lệ trong manifest: %(p)s") % {"p": entry.path})
    path = source.joinpath(*relative.parts)
    if not path.is_file() or path.is_symlink():
        raise BackupError(_("Thiếu tệp %(p)s: bản sao lưu không đầy đủ.") % {"p": entry.path})
    if path.stat().st_size != entry.size or _sha256(path) != entry.sha256:
        raise BackupError(
            _("Tệp %(p)s không khớp mã kiểm tra SHA-256: bản sao lưu đã bị hỏng hoặc bị sửa.")
            % {"p": entry.path}
        )


# --- Restoring ----------------------------------------------------------------------


@dataclass(frozen=True)
class RestoreResult:
    manifest: Manifest
    media_files: int


def restore_backup(
    *, source: Path, connection: BaseDatabaseWrapper, media_root: Path, force: bool = False
) -> RestoreResult:
    """Replace the database and MEDIA_ROOT with the backup in ``source``, after checking it."""
    manifest = verify_backup(source)
    engine = _engine(connection)
    if manifest.engine != engine:
        raise BackupError(
            _("Bản sao lưu là của %(saved)s, hệ thống đang dùng %(current)s.")
            % {"saved": manifest.engine, "current": engine}
        )
    if not force and (database_has_data(connection) or _has_files(media_root)):
        raise BackupError(
            _(
                "Cơ sở dữ liệu hoặc thư mục tệp đính kèm đang có dữ liệu. Khôi phục sẽ ghi đè "
                "toàn bộ; nếu chắc chắn, chạy lại với --force."
            )
        )
    _restore_database(connection, source / manifest.database_file, engine)
    _restore_media(source, manifest, media_root)
    return RestoreResult(manifest=manifest, media_files=len(manifest.media_files))


def database_has_data(connection: BaseDatabaseWrapper) -> bool:
    """True once anyone has used the database: it holds user accounts or agencies.

    A freshly migrated database holds only what migrations seed (areas, beat entries).
    """
    from organizations.models import Agency

    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for model in (get_user_model(), Agency):
            table = model._meta.db_table
            if table not in tables:
                continue
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
            if cursor.fetchone():
                return True
    return False


def _has_files(folder: Path) -> bool:
    return folder.is_dir() and any(path.is_file() for path in folder.rglob("*"))


def _restore_database(connection: BaseDatabaseWrapper, dump: Path, engine: str) -> None:
    # Nothing of ours may hold the database open while it is replaced.
    connection.close()
    if engine == "sqlite":
        _sqlite_restore(connection.settings_dict["NAME"], dump)
    else:
        _pg_restore(connection.settings_dict, dump)


def _sqlite_restore(database: str | Path, dump: Path) -> None:
    # Opened read-only and immutable so the backup directory is left exactly as it was.
    source = sqlite3.connect(f"file:{dump}?mode=ro&immutable=1", uri=True)
    target = sqlite3.connect(database)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def _pg_restore(settings_dict: dict[str, Any], dump: Path) -> None:
    args = [
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
    ]
    _run_pg([*args, str(dump)], settings_dict, action=_("khôi phục"))


def _restore_media(source: Path, manifest: Manifest, media_root: Path) -> None:
    media_root.mkdir(parents=True, exist_ok=True)
    # Emptied in place rather than swapped: MEDIA_ROOT is often a mounted volume.
    for child in media_root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    for entry in manifest.media_files:
        relative = PurePosixPath(entry.path).relative_to(MEDIA_DIR)
        destination = media_root.joinpath(*relative.parts)
        destination.parent.mkdir(parents=True, exist_ok=True)
        copied = _copy_and_hash(
            source.joinpath(*PurePosixPath(entry.path).parts), destination, entry.path
        )
        if copied.sha256 != entry.sha256:
            raise BackupError(_("Ghi tệp %(p)s bị lỗi khi khôi phục.") % {"p": entry.path})


# --- Shared helpers -----------------------------------------------------------------


def _run_pg(args: list[str], settings_dict: dict[str, Any], *, action: str) -> None:
    """Run pg_dump / pg_restore against the configured database; password via the env."""
    connection_args = [f"--dbname={settings_dict['NAME']}"]
    if settings_dict.get("HOST"):
        connection_args.append(f"--host={settings_dict['HOST']}")
    if settings_dict.get("PORT"):
        connection_args.append(f"--port={settings_dict['PORT']}")
    if settings_dict.get("USER"):
        connection_args.append(f"--username={settings_dict['USER']}")
    env = {**os.environ, "PGPASSWORD": str(settings_dict.get("PASSWORD") or "")}
    try:
        result = subprocess.run(
            [*args, *connection_args], env=env, capture_output=True, text=True, check=False
        )
    except FileNotFoundError as error:
        raise BackupError(
            _("Không tìm thấy %(tool)s: cài gói postgresql-client cùng phiên bản với máy chủ.")
            % {"tool": args[0]}
        ) from error
    if result.returncode != 0:
        raise BackupError(
            _("%(tool)s báo lỗi khi %(action)s: %(error)s")
            % {"tool": args[0], "action": action, "error": result.stderr.strip()[-2000:]}
        )


def _copy_and_hash(source: Path, destination: Path, name: str) -> FileEntry:
    digest = hashlib.sha256()
    size = 0
    with source.open("rb") as reader, destination.open("wb") as writer:
        while chunk := reader.read(CHUNK):
            digest.update(chunk)
            writer.write(chunk)
            size += len(chunk)
    shutil.copystat(source, destination)
    return FileEntry(name, size, digest.hexdigest())


def _entry(path: Path, name: str) -> FileEntry:
    return FileEntry(name, path.stat().st_size, _sha256(path))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as reader:
        while chunk := reader.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
