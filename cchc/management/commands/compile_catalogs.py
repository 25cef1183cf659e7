"""Build the .mo translation files from locale/*/LC_MESSAGES/django.po (no msgfmt needed)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cchc.catalogs import CatalogError, compile_catalogs


class Command(BaseCommand):
    help = "Biên dịch các tệp bản dịch .po thành .mo (dùng Babel, không cần GNU gettext)."

    def handle(self, *args, **options) -> None:
        try:
            written = compile_catalogs(locale_dirs=[Path(p) for p in settings.LOCALE_PATHS])
        except CatalogError as error:
            raise CommandError(str(error)) from error
        for mo_path in written:
            self.stdout.write(f"{mo_path.relative_to(settings.BASE_DIR)}")
