"""Restore a backup made by `manage.py backup`, after checking every file's checksum."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _

from cchc.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Khôi phục cơ sở dữ liệu và thư mục tệp đính kèm từ một bản sao lưu; "
        "kiểm tra mã SHA-256 của mọi tệp trước khi ghi."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("source", help="Thư mục bản sao lưu (chứa manifest.json)")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ghi đè cả khi cơ sở dữ liệu hoặc thư mục tệp đang có dữ liệu",
        )

    def handle(self, *args, **options) -> None:
        connection = connections["default"]
        try:
            result = restore_backup(
                source=Path(options["source"]),
                connection=connection,
                media_root=Path(settings.MEDIA_ROOT),
                force=options["force"],
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        summary = _("Đã khôi phục bản sao lưu lúc %(at)s: cơ sở dữ liệu và %(files)d tệp.")
        self.stdout.write(
            self.style.SUCCESS(
                summary % {"at": result.manifest.created_at, "files": result.media_files}
            )
        )
        if self._pending_migrations(connection):
            self.stdout.write(
                self.style.WARNING(
                    _("Bản sao lưu cũ hơn mã nguồn: chạy `manage.py migrate` rồi khởi động lại.")
                )
            )

    def _pending_migrations(self, connection) -> bool:
        executor = MigrationExecutor(connection)
        return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
