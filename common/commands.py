"""The shape of a "purge now what the nightly job purges" management command."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import QuerySet

if TYPE_CHECKING:  # django-stubs-ext is a development dependency
    from django_stubs_ext import StrOrPromise


class RetentionPurgeCommand(BaseCommand):
    """``--dry-run`` counts what is past its retention setting; otherwise the purge runs.

    A subclass names the setting and the two messages (with ``%(n)d`` and ``%(days)d``)
    and implements :meth:`expired` and :meth:`purge` by calling its app's services.
    """

    retention_setting: str
    dry_run_help: str
    dry_run_message: StrOrPromise  # gettext_lazy: translated when the command runs
    done_message: StrOrPromise

    def expired(self) -> QuerySet:
        raise NotImplementedError

    def purge(self) -> int:
        raise NotImplementedError

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help=self.dry_run_help)

    def handle(self, *args, **options) -> None:
        if options["dry_run"]:
            count, message = self.expired().count(), self.dry_run_message
        else:
            count, message = self.purge(), self.done_message
        days = getattr(settings, self.retention_setting)
        self.stdout.write(self.style.SUCCESS(message % {"n": count, "days": days}))
