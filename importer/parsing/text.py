"""Text helpers shared by the plan parsers.

Plans arrive from Word and Excel files typed on many machines: the same words come as NFC or
NFD, with non-breaking or zero-width spaces, en dashes, curly quotes and the two tone-placement
styles ("hoà"/"hòa", "uỷ"/"ủy"). Every parser compares text through these helpers so that such
differences never decide whether a cell is understood.

No Django here: the parsing package stays importable and testable on its own.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "casefold_vi",
    "fold_spaces",
    "match_key",
    "nfc",
    "simplify_punctuation",
    "strip_diacritics",
    "unify_tone_placement",
]

# Characters that are invisible in Word but break regular expressions and equality.
_INVISIBLE_RE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_SPACES_RE = re.compile(r"\s+")

# NFD combining marks that carry the tone (not the vowel quality: circumflex, breve, horn).
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
# Old-style tone placement on the second vowel of an open "oa", "oe", "uy" syllable
# ("hoà", "khoẻ", "uỷ") moved to the first vowel ("hòa", "khỏe", "ủy"). Only at the end of a
# word: "hoàng", "tuyển" have one correct placement. "qu" + y is left alone ("quý").
_OLD_TONE_RE = re.compile(rf"(?<!q)([ou])([aey])([{_TONE_MARKS}])(?![a-z\u0300-\u036f])")
_WORD_TONE_RE = re.compile(r"[^\W\d_]+")

_PUNCTUATION_MAP = str.maketrans(
    {
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\uff0f": "/",
        "\u2044": "/",
    }
)


def nfc(text: str) -> str:
    """Return `text` in NFC so that precomposed and decomposed diacritics compare equal."""
    return unicodedata.normalize("NFC", text)


def fold_spaces(text: str) -> str:
    """Collapse every run of whitespace (tabs, newlines, NBSP) to one space and trim.

    Zero-width characters and soft hyphens are removed outright: Word leaves them inside
    words ("năm\u200b2026") where they are invisible to the reader but not to a regex.
    """
    return _SPACES_RE.sub(" ", _INVISIBLE_RE.sub("", text)).strip()


def unify_tone_placement(text: str) -> str:
    """Rewrite old-style tone placement ("hoà", "uỷ") to the style of Nghị định 30 ("hòa", "ủy").

    Expects lower-case input (see `casefold_vi`); returns NFC.
    """
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _OLD_TONE_RE.sub(r"\1\3\2", decomposed))


def casefold_vi(text: str) -> str:
    """Comparison form of Vietnamese text: NFC, folded spaces, casefolded, one tone style.

    Two spellings a reader would call the same word ("Uỷ ban", "ỦY BAN", "Ủy  ban") get the
    same result; diacritics that change meaning are kept ("hàng" and "hằng" stay different).
    """
    return unify_tone_placement(fold_spaces(nfc(text)).casefold())


def simplify_punctuation(text: str) -> str:
    """Replace typographic dashes, slashes and quotes with their ASCII forms, one for one.

    The result has the same length as the input, so positions found in it point at the same
    characters of the original text.
    """
    return text.translate(_PUNCTUATION_MAP)


def _strip_char(char: str) -> str:
    if char in "đĐ":
        return "d" if char == "đ" else "D"
    base = unicodedata.normalize("NFD", char)[0]
    return base if len(base) == 1 else char


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese diacritics ("Quý" -> "Quy", "đồng" -> "dong") keeping the length.

    Callers match keywords on the stripped text, which makes "Quí"/"Quý" and "hàng"/"hằng"
    interchangeable, and then cut the original (NFC) text at the same positions. The input
    must already be NFC for the one-to-one mapping to hold.
    """
    return "".join(_strip_char(char) for char in text)


def match_key(text: str) -> str:
    """Lower-case, diacritic-free, ASCII-punctuation form of `text`, for keyword matching.

    `text` must already be NFC. The result has the same length (characters whose lower-case
    form is longer are left as they are), so a match at position i in the key is at position
    i in `text`, and parsers can quote the original words.
    """
    folded = simplify_punctuation(strip_diacritics(text))
    return "".join(char.lower() if len(char.lower()) == 1 else char for char in folded)
