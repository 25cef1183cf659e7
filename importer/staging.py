"""Uploaded plan files waiting for the coordinator's confirmation.

A staged upload is two private files under ``MEDIA_ROOT/imports/``: the bytes, under a random
name with no extension (never served, never executed), and a small JSON record of who uploaded
it for which agency (and, for a .doc, its conversion to .docx: ``read_converted``). Only
its uploader may load it again (the preview shows the whole file,
and confirming it writes a plan). Nothing goes into the database until the import is
confirmed, so a preview leaves the database exactly as it was. Stale uploads are swept on the
next upload. This module only stores files; ``importer.preview.stage_checked_upload`` checks
and reads them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path, PurePath

from django.conf import settings
from django.utils.translation import gettext as _

from importer.parsing.document import ImportFileError

STAGING_SUBDIR = "imports"
MAX_AGE_SECONDS = 24 * 60 * 60
_TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True)
class StagedUpload:
    """One uploaded file and the agency it is being imported into."""

    token: str
    agency_id: int
    user_id: int | None
    filename: str

    @property
    def data_path(self) -> Path:
        return staging_dir() / self.token

    def read_bytes(self) -> bytes:
        return self.data_path.read_bytes()

    def discard(self) -> None:
        paths = [self.data_path, _record_path(self.token)]
        with contextlib.suppress(OSError):  # the bytes already gone: no conversion to find
            paths.append(_converted_path(_sha256_of(self.data_path)))
        for path in paths:
            path.unlink(missing_ok=True)


def max_upload_bytes() -> int:
    return int(settings.UPLOAD_MAX_MB) * 1024 * 1024


def staging_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / STAGING_SUBDIR
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def _record_path(token: str) -> Path:
    return staging_dir() / f"{token}.json"


def _converted_path(digest: str) -> Path:
    return staging_dir() / f"{digest}-docx"


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_converted(digest: str, convert: Callable[[], bytes]) -> bytes:
    """The conversion of the staged bytes whose SHA-256 is ``digest``, made once.

    A .doc is read at the preview and again at the confirmation, and LibreOffice takes
    seconds: its .docx is kept beside the staged uploads (no extension, swept with them).
    The same bytes always convert alike, so whoever staged them may read it.
    """
    path = _converted_path(digest)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    converted = convert()
    partial = path.with_name(f"{path.name}.part-{secrets.token_hex(4)}")
    partial.write_bytes(converted)
    os.replace(partial, path)  # a reader never sees half a file
    return converted


def stage_upload(
    *, chunks: Iterable[bytes], size: int, filename: str, agency_id: int, user_id: int | None
) -> StagedUpload:
    """Write the upload to the staging area; refuse it first when it is over the size limit."""
    limit = max_upload_bytes()
    if size > limit:
        raise ImportFileError(_too_large())
    _sweep()
    staged = StagedUpload(
        token=secrets.token_hex(16),
        agency_id=agency_id,
        user_id=user_id,
        filename=PurePath(filename).name[:200],
    )
    written = 0
    with staged.data_path.open("wb") as handle:
        for chunk in chunks:
            written += len(chunk)
            if written > limit:
                break
            handle.write(chunk)
    if written > limit:
        staged.discard()
        raise ImportFileError(_too_large())
    _write_record(staged)
    return staged


def restage(staged: StagedUpload, *, agency_id: int) -> StagedUpload:
    """The same staged file, now to be imported into `agency_id` (only its record changes)."""
    moved = replace(staged, agency_id=agency_id)
    _write_record(moved)
    return moved


def _write_record(staged: StagedUpload) -> None:
    # Written aside and moved in place, so a preview loading it never reads half a record.
    record = {"agency_id": staged.agency_id, "user_id": staged.user_id, "filename": staged.filename}
    path = _record_path(staged.token)
    partial = path.with_name(f"{path.name}.part")
    partial.write_text(json.dumps(record), encoding="utf-8")
    os.replace(partial, path)


def load_staged(
    token: str, *, user_id: int, agency_ids: Iterable[int] | None
) -> StagedUpload | None:
    """The upload `token` if `user_id` staged it for one of `agency_ids` (None: any agency).

    Anyone else gets None, even a user who may import into the same agency.
    """
    if not _TOKEN_RE.match(token or ""):
        return None
    try:
        record = json.loads(_record_path(token).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    staged = StagedUpload(
        token=token,
        agency_id=int(record["agency_id"]),
        user_id=record.get("user_id"),
        filename=str(record.get("filename", "")),
    )
    if staged.user_id != user_id:
        return None
    if agency_ids is not None and staged.agency_id not in set(agency_ids):
        return None
    if not staged.data_path.is_file():
        return None
    return staged


def _too_large() -> str:
    return _("Tệp quá lớn: dung lượng tối đa cho phép là %(mb)s MB.") % {
        "mb": settings.UPLOAD_MAX_MB
    }


def _sweep() -> None:
    cutoff = time.time() - MAX_AGE_SECONDS
    for path in staging_dir().iterdir():
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
        except OSError:
            continue
