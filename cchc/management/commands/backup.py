"""Back up the database and the media folder into a timestamped, checksummed directory."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils.translation import gettext as _

from cchc.backup import BackupError, create_backup, read_manifest


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và thư mục tệp đính kèm (MEDIA_ROOT) kèm manifest.json."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--output", help="Thư mục chứa bản sao lưu (mặc định: BACKUP_DIR, var/backups)"
        )

    def handle(self, *args, **options) -> None:
        destination = Path(options["output"] or settings.BACKUP_DIR)
        try:
            folder = create_backup(
                connection=connections["default"],
                media_root=Path(settings.MEDIA_ROOT),
                destination=destination,
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = read_manifest(folder)
        size = sum(entry.size for entry in manifest.files)
        summary = _(
            "Đã sao lưu vào %(folder)s: cơ sở dữ liệu %(engine)s và %(files)d tệp đính kèm, "
            "tổng %(mb).1f MB."
        )
        values = {
            "folder": folder,
            "engine": manifest.engine,
            "files": len(manifest.media_files),
            "mb": size / 1024 / 1024,
        }
        self.stdout.write(self.style.SUCCESS(summary % values))
