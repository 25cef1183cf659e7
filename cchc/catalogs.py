"""Compile the committed .po catalogs into the .mo files Django reads, without GNU gettext.

Django's ``compilemessages`` shells out to msgfmt, which a fresh machine or the slim
Docker image may not have; Babel (pinned in pyproject.toml) is pure Python. Every
build path (``make run``, ``make test``, the Dockerfile, CI through ``make test``) uses
this one function, so what CI checks is what production serves. No Django imports:
the test session compiles before Django loads any translation.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

# %(name)s, %s, %d, %.1f ...; "%%" is a literal percent sign, not a placeholder.
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr]")


class CatalogError(Exception):
    """A catalog that would translate wrongly (e.g. a placeholder lost in a msgstr)."""


def compile_catalogs(*, locale_dirs: list[Path]) -> list[Path]:
    """Write ``django.mo`` next to every ``<lang>/LC_MESSAGES/django.po``; returns the .mo paths."""
    written = []
    for locale_dir in locale_dirs:
        for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/django.po")):
            written.append(compile_catalog(po_path=po_path))
    return written


def compile_catalog(*, po_path: Path) -> Path:
    catalog = read_catalog(po_path=po_path)
    problems = [
        f"{po_path}: {message.id!r}: {error}"
        for message, errors in catalog.check()
        for error in errors
    ]
    problems += [
        f"{po_path}: {message.id!r}: placeholders differ in {text!r}"
        for message in catalog
        if message.id and "python-format" in message.flags
        for text in _translations(message.string)
        if text and _placeholders(text) != _placeholders(_first(message.id))
    ]
    if problems:
        raise CatalogError("\n".join(problems))
    mo_path = po_path.with_suffix(".mo")
    with mo_path.open("wb") as mo_file:
        # Fuzzy entries are guesses awaiting review: like msgfmt, leave them out.
        write_mo(mo_file, catalog, use_fuzzy=False)
    return mo_path


def read_catalog(*, po_path: Path) -> Catalog:
    language = po_path.parent.parent.name
    with po_path.open("rb") as po_file:
        return read_po(po_file, locale=language)


def _placeholders(text: str) -> Counter[str]:
    # Babel accepts a msgstr that drops every placeholder; gettext users would then
    # read "Report submitted." with the period silently lost.
    return Counter(PLACEHOLDER.findall(text.replace("%%", "")))


def _first(msgid: str | Sequence[str]) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def _translations(msgstr: str | Sequence[str] | None) -> Sequence[str]:
    if msgstr is None:
        return ()
    return (msgstr,) if isinstance(msgstr, str) else msgstr
