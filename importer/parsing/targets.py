"""Indicator targets (chỉ tiêu) stated in a plan's prose.

"Tỷ lệ hồ sơ giải quyết đúng hạn đạt từ 97% trở lên" becomes a `Target` (gte 97 "%"). Rules:

- A number is a target when it is a percentage, or when a comparator phrase ("tối thiểu",
  "từ ... trở lên", "không quá", "tối đa", "đạt") or a frequency ("mỗi tháng", "hằng quý")
  goes with it. Numbers that are dates, years, periods ("giai đoạn 2021 - 2030"), document
  numbers ("Nghị định số 118/2025/NĐ-CP", "18-NQ/TW") or bare counts ("chính quyền 02 cấp",
  "nguyên tắc 6 rõ") are not targets.
- Comparators: "từ ... trở lên", "tối thiểu", "ít nhất", "không thấp hơn", "không dưới",
  "trở lên", a plain "từ" -> gte; "trên", "hơn", "vượt" -> gt; "tối đa", "không quá",
  "không vượt quá", "trở xuống" -> lte; "dưới" -> lt; "bằng" -> eq. A target is reached
  when the value gets there, so "đạt 100%", "đạt tỷ lệ 80%" and a bare "98% hồ sơ ..." are gte
  (reaching 99% of a 98% target is meeting it).
- Statements of results already reached are not targets: a clause that compares with an
  earlier period ("Chỉ số CCHC năm 2024 đạt 85,97 điểm, tăng 1,69% so với năm 2023"), says
  "đã đạt" / "đạt được", or gives a ranking ("xếp thứ 5"), unless it also says what to aim
  for ("phấn đấu", "trở lên", "tối thiểu").
- Numbers use the Vietnamese convention: "." groups thousands, "," is the decimal mark
  ("97,5%"); "97.5%" is also read as a decimal because a percentage has no thousands.
- `unit` is "%" or the measure word written after the number ("tin, bài", "hồ sơ"); `per`
  is "week", "month", "quarter", "year" or "".
- `subject` is a short, readable label; when the words found are not one (fewer than three
  words, or only the measure word: "đạt 100%", "mỗi tháng có từ 07 tin, bài trở lên"), it is
  the whole sentence.
- How `subject` is found: When the words before the number name a measure ("Tỷ lệ ...",
  "Mức độ hài lòng ...") they are the subject; otherwise ("100% hồ sơ ...", "Thực hiện số hóa
  100% hồ sơ ...") it is the action words before the number, lead-ins like "phấn đấu" removed,
  followed by the noun phrase after it, cut before "được", "(", ";" ("số hóa hồ sơ, kết quả
  giải quyết TTHC").
- A sentence may hold several targets ("phấn đấu 100% TTHC ..., trong số đó, tỷ lệ ... đạt từ
  80% trở lên"): `parse_target` returns the first, `find_targets` all of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from importer.parsing.text import fold_spaces, match_key, nfc

__all__ = ["Comparator", "Target", "find_targets", "parse_target"]


class Comparator(StrEnum):
    GTE = "gte"
    LTE = "lte"
    EQ = "eq"
    GT = "gt"
    LT = "lt"


@dataclass(frozen=True)
class Target:
    """One measurable target found in a sentence of a plan."""

    text: str
    comparator: Comparator
    value: Decimal
    unit: str
    per: str
    subject: str


# All patterns run on the lower-case, diacritic-free key of the sentence.
_IGNORED_RE = re.compile(
    r"\bso\s*\d+[\w/.-]*"  # "số 118/2025/NĐ-CP", "số 06"
    r"|\b\d+(?:/\d+)*/[a-z][\w-]*(?:/[a-z]+)?"  # "130/2005/NĐ-CP", "12/KH-STP"
    r"|\b\d+-[a-z]+(?:/[a-z]+)?"  # "18-NQ/TW", "62-KL/TW"
    r"|\b\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}\b"  # dates
    r"|\b\d{1,2}/\d{1,2}\b"  # day/month
    r"|\b\d{1,2}/\d{4}\b"  # month/year
    r"|(?<![\d,.])(?:19|20)\d{2}(?![\d,.%]|\s*%)"  # years and "2021 - 2030"
    r"|\b(?:quy|thang|ngay|nam|khoa|lan thu|dieu|khoan|diem|muc|phu luc)\s+\d+\b"
)
_NUMBER_RE = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d+\.\d{1,2}(?=\s*%)|\d+)(?![\w])"
)
_PERCENT_RE = re.compile(r"\s*(?:%|phan\s*tram\b)")
_TRAILING_COMPARATOR_RE = re.compile(
    r"(?:\b(?:khong\s*thap\s*hon|khong\s*duoi|khong\s*vuot\s*qua|khong\s*qua|toi\s*thieu"
    r"|toi\s*da|it\s*nhat|nhieu\s*nhat|tren|hon|vuot|duoi|tu|dat\s*ty\s*le|dat|la|o\s*muc|muc|bang|co"
    r"|khoang)\b|\s)*$"
)
_GTE_BEFORE_RE = re.compile(
    r"(?:toi\s*thieu|it\s*nhat|khong\s*thap\s*hon|khong\s*duoi|khong\s*it\s*hon)\s*"
    r"(?:la\s*|bang\s*|o\s*muc\s*)?$"
)
_LTE_BEFORE_RE = re.compile(
    r"(?:toi\s*da|khong\s*qua|khong\s*vuot\s*qua|khong\s*cao\s*hon|khong\s*nhieu\s*hon)"
    r"\s*(?:la\s*|bang\s*|o\s*muc\s*)?$"
)
_GT_BEFORE_RE = re.compile(r"\b(?:tren|hon|vuot|cao\s*hon|nhieu\s*hon)\s*$")
_LT_BEFORE_RE = re.compile(r"\b(?:duoi|thap\s*hon|it\s*hon)\s*$")
_FROM_BEFORE_RE = re.compile(r"\btu\s*$")
_REACH_BEFORE_RE = re.compile(r"\b(?:dat|dat\s*muc|dat\s*ty\s*le|o\s*muc)\s*$")
_EQ_BEFORE_RE = re.compile(r"\b(?:bang|dung\s*bang)\s*$")
# A clause reporting a result already reached, and the words that make it a goal anyway.
_RESULT_RE = re.compile(
    r"\bso\s*voi\s*(?:nam|cung\s*ky|ky|quy|thang)\b|\bda\s*(?:dat|tang|giam|hoan\s*thanh)\b"
    r"|\bdat\s*duoc\b|\bxep\s*(?:thu|hang)\b"
)
_GOAL_RE = re.compile(
    r"\b(?:phan\s*dau|tro\s*len|toi\s*thieu|it\s*nhat|muc\s*tieu|chi\s*tieu|can\s*dat)\b"
)
_CLAUSE_END_RE = re.compile(r"[;]|\.\s|\.$")
_MIN_SUBJECT_WORDS = 3
_UP_AFTER_RE = re.compile(r"^\s*(?:tro\s*len|tro\s*nen)\b")
_DOWN_AFTER_RE = re.compile(r"^\s*tro\s*xuong\b")
_TAIL_RE = re.compile(r"\s*tro\s*(?:len|nen|xuong)\b")
_PER_RE = re.compile(r"\b(?:moi|hang|hang|/|tren\s*1|tren\s*mot)\s*(tuan|thang|qu[yi]|nam)\b")
_PER_VALUES = {"tuan": "week", "thang": "month", "quy": "quarter", "qui": "quarter", "nam": "year"}

# Measure words written after a number, longest first (matched on the diacritic-free key).
_UNITS = (
    "tin, bai",
    "tin bai",
    "trieu dong",
    "ty dong",
    "nghin dong",
    "dong",
    "ho so",
    "tthc",
    "thu tuc hanh chinh",
    "thu tuc",
    "van ban",
    "luot",
    "nguoi",
    "cuoc",
    "buoi",
    "lop",
    "ngay",
    "diem",
    "bai",
    "tin",
    "co quan",
    "don vi",
    "sang kien",
    "mo hinh",
    "lan",
    "ke hoach",
    "dich vu cong",
    "cuoc thi",
    "hoi nghi",
    "chuyen muc",
)
_MEASURE_SUBJECT_RE = re.compile(
    r"^(?:ty\s*le|muc\s*do|chi\s*so|so\s*(?:luong|lieu|ho\s*so|van\s*ban|tthc|thu\s*tuc"
    r"|nguoi|luot|cuoc|tin|bai|lan|don\s*vi|co\s*quan)|diem|ket\s*qua|gia\s*tri|thoi\s*gian"
    r"|chuyen\s*muc|trang|cong)\b"
)
_LEAD_IN_RE = re.compile(
    r"^[\s,]*(?:(?:phan\s*dau|dam\s*bao|bao\s*dam|thuc\s*hien|tiep\s*tuc|co\s*gang|trong\s*so\s*do"
    r"|trong\s*do|dong\s*thoi|va|muc\s*tieu|chi\s*tieu|yeu\s*cau|co)\b[\s,:]*)+"
)
_CLAUSE_BREAK_RE = re.compile(r"[;:]|\.\s|\btrong\s*(?:so\s*)?do\b")
_SUFFIX_CUT_RE = re.compile(
    r"[;:(]|\.\s|\.$|,\s*duoc\b|\bduoc\b|\bdat\b|\bphai\b|\bdam\s*bao\b|,\s*trong\b"
    r"|\b(?:moi|hang)\s*(?:tuan|thang|qu[yi]|nam)\b"
)
_MAX_SUBJECT_WORDS = 30


@dataclass(frozen=True)
class _Number:
    start: int
    end: int  # after the number, its "%" and unit
    value: Decimal
    percent: bool
    unit: str


def _decimal(written: str) -> Decimal:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", written):
        written = written.replace(".", "")
    return Decimal(written.replace(",", "."))


def _blank(key: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: " " * (m.end() - m.start()), key)


def _targets(sentence: str) -> list[Target]:
    text = fold_spaces(nfc(sentence or ""))
    if not text:
        return []
    key = match_key(text)
    masked = _blank(key, _IGNORED_RE)
    targets: list[Target] = []
    clause_start = 0
    for match in _NUMBER_RE.finditer(masked):
        number = _read_number(text, key, match)
        before = key[clause_start : number.start]
        breaks = list(_CLAUSE_BREAK_RE.finditer(before))
        local_start = clause_start + (breaks[-1].end() if breaks else 0)
        after = key[number.end :]
        comparator, explicit = _comparator(key[local_start : number.start], after)
        per = _per(key, local_start, number)
        if not (number.percent or explicit or per):
            continue
        if _reports_a_result(key, local_start, number.end):
            continue
        subject = _readable(_subject(text, key, local_start, number), number.unit, text)
        targets.append(
            Target(
                text=text,
                comparator=comparator,
                value=number.value,
                unit=number.unit,
                per=per,
                subject=subject,
            )
        )
        tail = _TAIL_RE.match(after)
        clause_start = number.end + (tail.end() if tail else 0)
    return targets


def _read_number(text: str, key: str, match: re.Match[str]) -> _Number:
    value = _decimal(match.group(1))
    end = match.end()
    percent = _PERCENT_RE.match(key, end)
    if percent:
        return _Number(match.start(), percent.end(), value, True, "%")
    rest = key[end:]
    stripped = rest.lstrip()
    offset = end + len(rest) - len(stripped)
    for unit in _UNITS:
        if stripped.startswith(unit) and not stripped[len(unit) : len(unit) + 1].isalnum():
            return _Number(
                match.start(), offset + len(unit), value, False, text[offset:][: len(unit)]
            )
    return _Number(match.start(), end, value, False, "")


def _comparator(before: str, after: str) -> tuple[Comparator, bool]:
    """Comparator of a number and whether it was written (an explicit measurable target)."""
    before = before.rstrip()
    if _UP_AFTER_RE.match(after) or _GTE_BEFORE_RE.search(before):
        return Comparator.GTE, True
    if _DOWN_AFTER_RE.match(after) or _LTE_BEFORE_RE.search(before):
        return Comparator.LTE, True
    if _GT_BEFORE_RE.search(before):
        return Comparator.GT, True
    if _LT_BEFORE_RE.search(before):
        return Comparator.LT, True
    if _FROM_BEFORE_RE.search(before):
        return Comparator.GTE, True
    if _EQ_BEFORE_RE.search(before):
        return Comparator.EQ, True
    return Comparator.GTE, bool(_REACH_BEFORE_RE.search(before))


def _per(key: str, clause_start: int, number: _Number) -> str:
    window = key[clause_start : number.end + 20]
    match = _PER_RE.search(window)
    return _PER_VALUES[match.group(1)] if match else ""


def _subject(text: str, key: str, clause_start: int, number: _Number) -> str:
    before_key = key[clause_start : number.start]
    lead = _LEAD_IN_RE.match(before_key)
    start = clause_start + (lead.end() if lead else 0)
    before_key = key[start : number.start]
    trailing = _TRAILING_COMPARATOR_RE.search(before_key)
    end = start + (trailing.start() if trailing else len(before_key))
    end -= len(_per_suffix(key[start:end]))
    prefix = text[start:end].strip(" ,;:-")
    if _MEASURE_SUBJECT_RE.match(key[start:end].strip(" ,;:-")):
        return _shorten(prefix)
    tail = _TAIL_RE.match(key, number.end)
    suffix_start = tail.end() if tail else number.end
    after_key = key[suffix_start:]
    cut = _SUFFIX_CUT_RE.search(after_key)
    suffix = text[suffix_start : suffix_start + (cut.start() if cut else len(after_key))]
    unit = "" if number.unit == "%" else number.unit
    parts = (prefix, unit, suffix.strip(" ,;:-"))
    return _shorten(" ".join(part for part in parts if part))


def _reports_a_result(key: str, clause_start: int, number_end: int) -> bool:
    """Whether the number's clause states a result reached rather than a goal."""
    end = _CLAUSE_END_RE.search(key, number_end)
    clause = key[clause_start : end.start() if end else len(key)]
    return bool(_RESULT_RE.search(clause)) and not _GOAL_RE.search(clause)


def _readable(subject: str, unit: str, sentence: str) -> str:
    """``subject`` when it reads as an indicator's name, else the whole sentence."""
    words = subject.split()
    if len(words) >= _MIN_SUBJECT_WORDS and match_key(subject) != match_key(unit):
        return subject
    return sentence.strip(" -;:,.")


def _per_suffix(before: str) -> str:
    match = re.search(r"(?:\b(?:moi|hang)\s*(?:tuan|thang|qu[yi]|nam)\s*(?:co\s*)?)$", before)
    return match.group(0) if match else ""


def _shorten(subject: str) -> str:
    words = subject.split()
    return " ".join(words[:_MAX_SUBJECT_WORDS]).strip(" ,;:-")


def parse_target(sentence: str) -> Target | None:
    """The first measurable target stated in `sentence`, or None when it states none.

    Plans state their indicators in prose; the tracker needs comparator, value and unit to
    compare them with reported figures. Never raises.
    """
    targets = _targets(sentence)
    return targets[0] if targets else None


def find_targets(sentences: Iterable[str]) -> list[Target]:
    """Every target in `sentences`, in order, including several in one sentence."""
    return [target for sentence in sentences for target in _targets(sentence)]
