"""Which national reform area (lĩnh vực) a heading names, and which kind of plan a title is.

Pure text rules, no Django: the importer maps the codes to ``tasks.Area`` rows and
``plans.PlanKind`` values. The codes are those seeded by ``tasks/migrations/0002``.
"""

from __future__ import annotations

import re

from importer.parsing.text import fold_spaces, match_key, nfc

# First match wins, so the more specific phrases come first ("chỉ đạo, điều hành kiểm soát
# TTHC" is about direction, not about TTHC).
_AREA_RULES: tuple[tuple[str, str], ...] = (
    ("chi-dao-dieu-hanh", r"\bchi dao\b|\bdieu hanh\b"),
    ("tac-dong", r"\btac dong\b"),
    ("tuyen-truyen", r"\btuyen truyen\b|\btruyen thong\b"),
    ("the-che", r"\bthe che\b|\bvan ban (?:quy pham|qppl)|\bvbqppl\b"),
    ("tthc", r"\bthu tuc hanh chinh\b|\btthc\b|\bmot cua\b|\bdich vu cong\b"),
    ("to-chuc-bo-may", r"\bto chuc bo may\b|\bbo may\b"),
    ("cong-vu", r"\bcong vu\b|\bcong chuc\b|\bvien chuc\b"),
    ("tai-chinh-cong", r"\btai chinh cong\b|\btu chu\b"),
    ("chinh-quyen-so", r"\bchinh quyen (?:dien tu|so)\b|\bchuyen doi so\b|\bso hoa\b"),
)
_AREA_RES = tuple((code, re.compile(pattern)) for code, pattern in _AREA_RULES)

_KIND_RULES: tuple[tuple[str, str], ...] = (
    ("remediation", r"\bkhac phuc\b"),
    ("par_index", r"\bchi so\b"),
    ("tthc_control", r"\bkiem soat (?:thu tuc hanh chinh|tthc)\b"),
    ("annual_cchc", r"\bcai cach hanh chinh\b|\bcchc\b"),
)
_KIND_RES = tuple((code, re.compile(pattern)) for code, pattern in _KIND_RULES)


def _key(text: str) -> str:
    # match_key expects NFC, space-folded text; Word files bring NFD and odd spaces.
    return match_key(fold_spaces(nfc(text or "")))


def area_code_for(text: str) -> str:
    """The area code a heading such as "Cải cách thủ tục hành chính" names, or ""."""
    key = _key(text)
    for code, pattern in _AREA_RES:
        if pattern.search(key):
            return code
    return ""


def plan_kind_for(title: str) -> str:
    """The plan kind a title suggests ("annual_cchc", "tthc_control", ...), "other" if none."""
    key = _key(title)
    for code, pattern in _KIND_RES:
        if pattern.search(key):
            return code
    return "other"


def title_key(title: str) -> str:
    """Comparison form of a plan title: re-imports match on it when the number is blank."""
    return re.sub(r"[^\w]+", " ", _key(title)).strip()
