"""Cells the product writes into spreadsheets it exports (.xlsx, .csv) never run as formulas.

Excel and LibreOffice treat a CSV cell, and openpyxl an .xlsx string, that starts with ``=``,
``+``, ``-`` or ``@`` as a formula; a leading tab or carriage return lets the same payload
slip past naive filters. Unit staff control result text and coordinators open the exports,
so every text cell that starts with one of these gets a leading apostrophe (the OWASP
"CSV injection" advice): the cell then shows the text, apostrophe included, and computes
nothing. Plain numbers ("-5", "+84 912") are not formulas and stay as they are.

The importers call :func:`unescape_cell` on every cell they read, so exporting a plan and
importing the file again gives back the same text: "- Rà soát văn bản" is written as
"'- Rà soát văn bản" and read back as "- Rà soát văn bản". The one loss: a text that really
starts with an apostrophe followed by one of these characters loses the apostrophe on import.

Every export goes through here: the plan export (``importer.resources``) and every
django-import-export resource of the admin (through ``common.resources.FormulaSafeResource``).
This module is plain Python so the pure readers in ``importer/parsing`` can use it.
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
_PLAIN_NUMBER = re.compile(r"[+-]?\d[\d.,\s]*")


def escape_cell(value: Any) -> Any:
    """``value`` made inert for a spreadsheet; anything that is not text is returned as is."""
    if not isinstance(value, str) or not value.startswith(FORMULA_TRIGGERS):
        return value
    if _PLAIN_NUMBER.fullmatch(value):
        return value
    return ESCAPE + value


def unescape_cell(value: Any) -> Any:
    """The text :func:`escape_cell` was given (for importers reading our own exports)."""
    if isinstance(value, str) and value.startswith(ESCAPE) and value[1:2] in FORMULA_TRIGGERS:
        return value[1:]
    return value
