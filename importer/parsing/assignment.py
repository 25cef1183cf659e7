"""Suggest a lead unit per reform area from the "TỔ CHỨC THỰC HIỆN" duties of a plan.

Narrative plans (Cao Bằng) list their tasks per area with no unit, and say further down which
unit takes which area ("Văn phòng Sở Tư pháp: Chủ trì tham mưu thực hiện các nhiệm vụ về ...
cải cách thủ tục hành chính; cải cách chế độ công vụ; ..."). An area is suggested to the unit
whose duty names the area's heading, compared in one normalised form (case, tone placement,
punctuation). Among several such duties the best one wins:

1. a duty that starts with "Chủ trì" or "Tham mưu", or a sentence that assigns the unit as
   lead ("Giao X chủ trì, phối hợp với Y tham mưu ... cải cách thể chế"), over any other duty;
   duties that start with "Phối hợp" (the unit only helps) are never used;
2. the most specific duty: the one naming the fewest of the plan's areas;
3. the earliest in the document.

No Django here; the caller matches the suggested unit text to a real unit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from importer.parsing.document import UnitResponsibility
from importer.parsing.text import casefold_vi, simplify_punctuation

__all__ = ["AreaLeadSuggestion", "area_key", "suggest_area_leads"]

_PARENTHESES_RE = re.compile(r"\([^)]*\)")
_NUMBERING_RE = re.compile(r"^\s*(?:[ivxlcdm]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)/-]\s+", re.IGNORECASE)
_NON_WORD_RE = re.compile(r"[^\w]+")
_LEADING_DUTY_RE = re.compile(r"^(?:chủ trì|tham mưu)\b")
_HELPING_DUTY_RE = re.compile(r"^phối hợp\b")


@dataclass(frozen=True)
class AreaLeadSuggestion:
    """The unit (as written in the plan) suggested to lead an area, and the duty that says so."""

    unit_text: str
    duty: str


def area_key(text: str) -> str:
    """Comparison form of an area heading or a duty: words only, one case and tone style.

    "1. Cải cách thủ tục hành chính (TTHC)" -> "cải cách thủ tục hành chính".
    """
    text = _NUMBERING_RE.sub("", text or "")
    text = _PARENTHESES_RE.sub(" ", text)
    text = simplify_punctuation(casefold_vi(text))
    return _NON_WORD_RE.sub(" ", text).strip()


def _mentions(duty_key: str, title_key: str) -> bool:
    return bool(title_key) and f" {title_key} " in f" {duty_key} "


def suggest_area_leads(
    area_titles: Iterable[str],
    responsibilities: Sequence[UnitResponsibility],
    *,
    known: Callable[[str], bool] | None = None,
) -> dict[str, AreaLeadSuggestion]:
    """For each area title, the unit whose duty names it (titles without one are left out).

    `known` tells whether a unit text names a real unit; units it rejects are skipped so the
    next best duty can win (no unit at all: no suggestion).
    """
    titles = list(dict.fromkeys(title for title in area_titles if area_key(title)))
    title_keys = {title: area_key(title) for title in titles}
    candidates: list[tuple[int, int, int, str, str, frozenset[str]]] = []
    order = 0
    for responsibility in responsibilities:
        if known is not None and not known(responsibility.unit_text):
            order += len(responsibility.duties)
            continue
        for duty in responsibility.duties:
            order += 1
            key = area_key(duty)
            if _HELPING_DUTY_RE.match(key):
                continue
            named = frozenset(title for title in titles if _mentions(key, title_keys[title]))
            if not named:
                continue
            # A stated sentence ("Giao X chủ trì ...") says outright that its unit leads.
            leads = 0 if responsibility.stated or _LEADING_DUTY_RE.match(key) else 1
            candidates.append((leads, len(named), order, responsibility.unit_text, duty, named))
    suggestions: dict[str, AreaLeadSuggestion] = {}
    for _leads, _count, _order, unit_text, duty, named in sorted(candidates):
        for title in titles:
            if title in named and title not in suggestions:
                suggestions[title] = AreaLeadSuggestion(unit_text, duty)
    return suggestions
