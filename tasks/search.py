"""The search form of Vietnamese text: what a user types matches what a plan says.

Users type without diacritics ("ra soat"), in another case ("ĐÁNH GIÁ") or with the
letters their keyboard produced (NFD from some Word files, "Ð" U+00D0 for "Đ"); SQLite's
LIKE folds only ASCII case. Both sides are therefore compared in one form: no diacritics,
"đ" written "d", case folded, invisible characters dropped, one space between words.

No Django here: the data migration and the Task manager both call it.
"""

from __future__ import annotations

import unicodedata

__all__ = ["search_key"]

# Letters that do not decompose into a base letter plus marks, and characters Word leaves
# inside words without showing them (soft hyphen, zero-width spaces and joiners, BOM).
_TRANSLATION = str.maketrans(
    {"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"}
    | dict.fromkeys(["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"])
)


def search_key(text: str) -> str:
    """Return ``text`` lower-case and without diacritics: "Rà soát  ĐỀ ÁN" -> "ra soat de an"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_TRANSLATION))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())
