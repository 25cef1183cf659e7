"""Lead and coordinating units stated in a sentence instead of labelled lines.

Plans assign work in running text and in "TỔ CHỨC THỰC HIỆN" in a few fixed forms:

- "Giao X chủ trì, phối hợp với Y, Z tham mưu ..."  → lead X, coordinating "Y, Z"
- "X chủ trì, phối hợp với Y tổ chức thực hiện ..." → lead X, coordinating Y
- "X: chủ trì ...; phối hợp với Y ..."               → lead X, coordinating Y
- "Các sở, ban, ngành ... có trách nhiệm ..."        → lead "Các sở, ban, ngành ..."
  (after a lead-in "Căn cứ Kế hoạch này, ...", which is not a unit)

The units are returned as written; matching them to real units is the preview's job.
Pure, no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from importer.parsing.document import match_key, one_line

# Words that end a list of units: the verb of the duty, or the start of its object.
_DUTY_START = (
    r"tham mưu|thực hiện|triển khai|tổ chức|xây dựng|hướng dẫn|theo dõi|đôn đốc|báo cáo"
    r"|rà soát|kiểm tra|ban hành|trình|đề xuất|tuyên truyền|cập nhật|công khai|chịu trách"
    r"|tổng hợp|đánh giá|giám sát"
    r"|để|trong|về|các nội dung|nội dung|nhiệm vụ"
)
_LIST_END = rf"(?=\s+(?:{_DUTY_START})\b|[;.:(]|$)"
_LEAD_COORD_RE = re.compile(
    rf"^(?:[-+•]\s*)?(?:giao\s+)?(?P<lead>.+?)\s+chủ trì\s*,?\s*(?:và\s+)?phối hợp\s+(?:với\s+)?"
    rf"(?P<coord>.+?){_LIST_END}"
)
_LEAD_ONLY_RE = re.compile(rf"^(?:[-+•]\s*)?giao\s+(?P<lead>.+?)\s+chủ trì{_LIST_END}")
_COLON_RE = re.compile(
    r"^(?:[-+•]\s*)?(?P<lead>[^:;]{3,120}?)\s*:\s*(?:là đơn vị\s+)?chủ trì\b"
    # "...; phối hợp với Y ..." names the helpers; "...; phối hợp báo cáo" names nobody.
    rf"(?:[^;]*;\s*phối hợp với\s+(?P<coord>.+?){_LIST_END})?"
)
# "Căn cứ Kế hoạch này, các phòng ... có trách nhiệm ...": the units follow the lead-in.
_RESPONSIBLE_RE = re.compile(
    r"^(?:[-+•]\s*)?(?:căn cứ [^,;:]{3,120},\s*)?"
    r"(?P<lead>[^;:]{3,160}?)\s+(?:có trách nhiệm|chịu trách nhiệm)\b"
)
_NOT_UNITS = ("kế hoạch", "nhiệm vụ", "việc", "công tác")


@dataclass(frozen=True)
class SentenceAssignment:
    """Units a sentence assigns, as written ("" when the sentence names none)."""

    lead: str
    coordinating: str = ""


def read_assignment(sentence: str) -> SentenceAssignment | None:
    """The lead and coordinating units `sentence` assigns, or None when it assigns none."""
    text = one_line(sentence).strip()
    key = match_key(text)
    for pattern in (_LEAD_COORD_RE, _LEAD_ONLY_RE, _COLON_RE, _RESPONSIBLE_RE):
        match = pattern.search(key)
        if match is None:
            continue
        lead = _quote(text, match, "lead")
        if not lead or match_key(lead).startswith(_NOT_UNITS):
            continue
        coord = _quote(text, match, "coord") if match.groupdict().get("coord") else ""
        return SentenceAssignment(lead=lead, coordinating=coord)
    return None


def _quote(text: str, match: re.Match[str], group: str) -> str:
    # match_key keeps positions, so the words are quoted as written.
    return text[match.start(group) : match.end(group)].strip(" ,;")
