"""Unit names as plans write them ("Văn phòng Sở", "VP", "Phòng Hỗ trợ - HCTP") -> unit ids.

Splitting a lead/coordinating cell into names: ";" and line breaks always separate names;
",", " và ", " hoặc ", "/" and " - " separate names only when the next word starts a unit
name (a capitalised "Phòng", "Văn phòng", "Sở", "Các", "UBND", "Trung tâm", "Thanh tra",
"Ban", "Chi cục", "Đơn vị", "Cơ quan", "Bộ", ... or a lower-case "các"). So "Phòng Xây dựng
và Kiểm tra văn bản QPPL", "Phòng Bổ trợ - Hành chính tư pháp", "Các phòng, đơn vị thuộc Sở"
and "Các Sở, ngành có liên quan" stay whole, while "- Văn phòng UBND tỉnh - Sở Khoa học và
Công nghệ" gives two names. Nothing inside brackets is split.

Matching never guesses: the exact key is tried first, then a loose key that drops the agency
qualifier ("Văn phòng Sở Tư pháp", "Văn phòng Sở" and "Văn phòng" all become "văn phòng");
either must point at exactly one unit. Names that match nothing or several units are returned
as unmatched so the importer can show them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from importer.parsing.text import casefold_vi, fold_spaces, nfc, simplify_punctuation

__all__ = ["UnitCandidate", "UnitMatcher", "normalize_unit_key", "split_unit_names"]

# Abbreviations used in plans, expanded in keys (already in `casefold_vi` form).
_ABBREVIATIONS = {
    "vp": "văn phòng",
    "vbqppl": "văn bản quy phạm pháp luật",
    "qppl": "quy phạm pháp luật",
    "hctp": "hành chính tư pháp",
    "tthc": "thủ tục hành chính",
    "kstthc": "kiểm soát thủ tục hành chính",
    "cchc": "cải cách hành chính",
    "ubnd": "ủy ban nhân dân",
    "hđnd": "hội đồng nhân dân",
    "stp": "sở tư pháp",
    "btp": "bộ tư pháp",
    "ttđt": "thông tin điện tử",
    "cntt": "công nghệ thông tin",
    "cbccvc": "cán bộ, công chức, viên chức",
    "khcn": "khoa học và công nghệ",
    "kh&cn": "khoa học và công nghệ",
    "tt&tt": "thông tin và truyền thông",
    "gd&đt": "giáo dục và đào tạo",
    "gdđt": "giáo dục và đào tạo",
    "tn&mt": "tài nguyên và môi trường",
    "tnmt": "tài nguyên và môi trường",
    "kh&đt": "kế hoạch và đầu tư",
    "khđt": "kế hoạch và đầu tư",
    "nn&ptnt": "nông nghiệp và phát triển nông thôn",
    "lđtbxh": "lao động - thương binh và xã hội",
    "lđ-tb&xh": "lao động - thương binh và xã hội",
    "tw": "trung ương",
}
_TOKEN_RE = re.compile(r"[\w&]+(?:[&-][\w]+)*")
_TRIM = " -+•*.,;:\"'"

# Words that start a unit name; a separator followed by one of them separates two names.
_UNIT_STARTS = (
    "văn phòng",
    "phòng",
    "sở",
    "các",
    "ubnd",
    "ủy ban",
    "hđnd",
    "hội đồng",
    "trung tâm",
    "thanh tra",
    "ban",
    "chi cục",
    "cục",
    "đơn vị",
    "cơ quan",
    "bộ phận",
    "bộ",
    "tòa án",
    "viện",
    "công an",
    "tỉnh ủy",
    "đảng ủy",
    "lãnh đạo",
    "giám đốc",
    "phó giám đốc",
    "kho bạc",
    "vp",
    "đoàn",
    "chi nhánh",
    "quỹ",
    "trường",
    "đài",
    "báo",
    "nhà",
    "tổng cục",
    "văn phòng ubnd",
    "stp",
)
_SEPARATOR_RE = re.compile(r"\s*[,/]\s*|\s+-\s*|\s+(?:và|hoặc)\s+", re.IGNORECASE)
_HARD_SEPARATOR_RE = re.compile(r"[;\n\r]+")
_LEADING_MARKER_RE = re.compile(r"^\s*(?:[-+•*–]+|\d+[.)]|[a-zđ][.)])\s+")
_UNIT_WORDS_RE = re.compile(
    r"^(?:văn phòng|phòng|thanh tra|trung tâm|chi cục|ban|bộ phận|đội|tổ)\b"
)
_QUALIFIER_RE = re.compile(r"\s+(?:thuộc\s+|của\s+)?sở(?:\s+(?P<rest>[^,;()]+))?$")


def _expand(match: re.Match[str]) -> str:
    token = match.group(0)
    return _ABBREVIATIONS.get(token, token)


def normalize_unit_key(name: str) -> str:
    """Matching key of a unit name, equal for every spelling plans use for the same unit.

    NFC, casefolded, spaces folded, one tone style ("uỷ"/"ủy"), typographic dashes and quotes
    made ASCII, "&" read as "và" outside abbreviations, surrounding punctuation and list markers
    trimmed, and abbreviations expanded (VP, QPPL, HCTP, TTHC, CCHC, UBND, STP, KH&CN, ...),
    so "VP Sở" and "Văn phòng Sở" share a key. "Sở" is kept: dropping the agency qualifier is
    the matcher's loose rule, not the key's.
    """
    key = simplify_punctuation(casefold_vi(name or ""))
    key = _LEADING_MARKER_RE.sub("", key)
    key = re.sub(r"\s*&\s*", "&", key)
    key = _TOKEN_RE.sub(_expand, key)
    key = key.replace("&", " và ")
    key = re.sub(r"\s*-\s*", " - ", key)
    key = re.sub(r"\s+([,;:)])", r"\1", key)
    key = re.sub(r"\(\s+", "(", key)
    return fold_spaces(key).strip(_TRIM)


def _starts_unit(rest: str) -> bool:
    """Whether `rest` begins with a unit-starting word written as a name would be."""
    if not rest:
        return False
    words = casefold_vi(rest[:40])  # unit-starting words are short; keeps splitting linear
    for start in _UNIT_STARTS:
        if words.startswith(start) and not words[len(start) : len(start) + 1].isalnum():
            return rest[0].isupper() or start == "các"
    return False


def _split_soft(piece: str) -> list[str]:
    names: list[str] = []
    depth = 0
    current_start = 0
    position = 0
    while position < len(piece):
        char = piece[position]
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            separator = _SEPARATOR_RE.match(piece, position)
            if separator and _starts_unit(piece[separator.end() :]):
                names.append(piece[current_start:position])
                current_start = separator.end()
                position = separator.end()
                continue
        position += 1
    names.append(piece[current_start:])
    return names


def _clean_name(name: str) -> str:
    name = _LEADING_MARKER_RE.sub("", fold_spaces(name))
    return name.strip(_TRIM)


def split_unit_names(text: str) -> list[str]:
    """Names written in one lead/coordinating cell, in order, as written (NFC, trimmed).

    Plans list several units in one cell with ";", line breaks, list dashes, commas and "và";
    the same punctuation also appears inside single names, so soft separators split only
    before a word that starts a unit name.
    """
    text = simplify_punctuation(nfc(text or "")).replace("\u00a0", " ")
    names: list[str] = []
    for piece in _HARD_SEPARATOR_RE.split(text):
        piece = _LEADING_MARKER_RE.sub("", fold_spaces(piece))
        for name in _split_soft(piece):
            cleaned = _clean_name(name)
            if cleaned:
                names.append(cleaned)
    return names


@dataclass(frozen=True)
class UnitCandidate:
    """A unit of the agency with every name it may be written under."""

    unit_id: int
    names: tuple[str, ...]


class UnitMatcher:
    """Resolve written unit names to unit ids, conservatively.

    `agency_names` ("Sở Tư pháp") lets "Văn phòng Sở Tư pháp" and "Sở Tư pháp - Văn phòng"
    match the unit called "Văn phòng Sở"; qualifiers also come from candidate names written
    that way ("Văn phòng Sở Tư pháp" teaches "tư pháp").
    """

    def __init__(
        self, candidates: Iterable[UnitCandidate], *, agency_names: Iterable[str] = ()
    ) -> None:
        self._candidates = list(candidates)
        self._agencies: set[str] = set()
        for agency in agency_names:
            key = normalize_unit_key(agency)
            self._agencies.add(re.sub(r"^sở\s*", "", key))
        for candidate in self._candidates:
            for written in candidate.names:
                key = normalize_unit_key(written)
                qualifier = _QUALIFIER_RE.search(key)
                if _UNIT_WORDS_RE.match(key) and qualifier and qualifier.group("rest"):
                    self._agencies.add(qualifier.group("rest").strip())
        self._exact: dict[str, set[int]] = {}
        self._loose: dict[str, set[int]] = {}
        for candidate in self._candidates:
            for written in candidate.names:
                key = normalize_unit_key(written)
                if not key:
                    continue
                self._exact.setdefault(key, set()).add(candidate.unit_id)
                self._loose.setdefault(self._loose_key(key), set()).add(candidate.unit_id)

    def _loose_key(self, key: str) -> str:
        for agency in self._agencies:
            for prefix in (f"sở {agency} - ", f"sở {agency} ("):
                if key.startswith(prefix):
                    key = key[len(prefix) :].rstrip(")").strip()
        if not _UNIT_WORDS_RE.match(key):
            return key
        qualifier = _QUALIFIER_RE.search(key)
        if qualifier is None:
            return key
        rest = (qualifier.group("rest") or "").strip()
        if rest and rest not in self._agencies:
            return key
        return key[: qualifier.start()].strip()

    def match(self, name: str) -> int | None:
        """The unit id `name` refers to, or None when it matches none or more than one."""
        key = normalize_unit_key(name)
        if not key:
            return None
        exact = self._exact.get(key)
        if exact:
            return next(iter(exact)) if len(exact) == 1 else None
        loose = self._loose.get(self._loose_key(key), set())
        return next(iter(loose)) if len(loose) == 1 else None

    def match_all(self, text: str) -> tuple[list[int], list[str]]:
        """Matched ids (in order, without repeats) and the names that matched nothing.

        Unknown names are returned, never dropped, so the importer can ask about them.
        """
        ids: list[int] = []
        unmatched: list[str] = []
        for name in split_unit_names(text):
            unit_id = self.match(name)
            if unit_id is None:
                if name not in unmatched:
                    unmatched.append(name)
            elif unit_id not in ids:
                ids.append(unit_id)
        return ids, unmatched
