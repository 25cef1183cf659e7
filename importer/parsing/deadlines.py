"""Vietnamese deadline text ("Thời gian hoàn thành") -> structured deadline.

The original words are always kept (`Deadline.text`); the structure is derived and may be
wrong, so anything not understood is flagged with a Vietnamese warning instead of guessed.

Rules, in the order they are applied:

1. The text is NFC-normalised and whitespace-folded; keywords are matched on a lower-case,
   diacritic-free copy, so "Quí"/"Quý", "hàng"/"hằng", NFD input and upper case all read the
   same. Document references ("Kế hoạch số 188/KH-UBND ngày 27/12/2025", "118/2025/NĐ-CP") are
   ignored: their numbers are not deadlines.
2. The text is cut into clauses at ";" and brackets. In each clause the first event trigger
   ("sau khi", "ngay sau khi", "khi có", "theo Kế hoạch", "theo tiến độ", "theo quy định",
   "đột xuất", ...) starts the event note, which runs to the end of the clause; following
   clauses that carry no time expression continue the note. Dates written inside the event
   note describe the event and are not the deadline.
3. Outside event notes: continuity words ("thường xuyên", "liên tục", "hằng ngày") and
   recurrence phrases ("định kỳ hằng quý, năm", "hằng tháng", "định kỳ 6 tháng, năm") are
   collected, then dates, months, quarters, halves, nine months and years.
4. The kind is chosen by precedence: CONTINUOUS (recurrences are kept alongside, so
   "Thường xuyên; báo cáo định kỳ hằng quý" is continuous with recurrence quarterly), then
   RECURRING (due_date always None: the next occurrence depends on the reporting calendar),
   then the time expressions, then EVENT, else UNKNOWN with a warning. A period written next
   to a continuous task ("Thường xuyên trong năm 2026") bounds it: window_start/due_date are the
   period's first and last days.
5. One time expression gives its own kind: DATE (due_date = that day), MONTH, QUARTER,
   HALF_YEAR, YEAR (window_start/due_date = first/last day of the period). "9 tháng đầu năm"
   is a WINDOW from 1 January to 30 September. Several expressions ("Tháng 3, tháng 4 năm 2026",
   "Quý II - Quý III/2026", "Từ 01/3 đến 30/4/2026") make a WINDOW from the earliest start to
   the latest end. A bare year next to a finer expression only supplies the year.
6. "Trước <ngày>" is read as "no later than that day" (due_date = the stated day), which is how
   agencies use it; "Trước <tháng/quý>" means before the period starts (due_date = the day
   before its first day, kind DATE). "Từ <period>" with no end is a WINDOW with due_date None.
7. A missing year comes from the nearest year written in the same text (the one after it
   first: "Quý I, II/2026"), then from the plan's `year`; if there is none, dates are None and
   a warning says so. Impossible dates ("31/02/2026", "tháng 13", "Quý V") make the deadline
   UNKNOWN with a warning. Parsing never raises.
"""

from __future__ import annotations

import calendar
import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

from importer.parsing.text import fold_spaces, match_key, nfc

__all__ = ["Deadline", "DeadlineKind", "Recurrence", "parse_deadline"]


class DeadlineKind(StrEnum):
    DATE = "date"
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"
    WINDOW = "window"
    RECURRING = "recurring"
    CONTINUOUS = "continuous"
    EVENT = "event"
    UNKNOWN = "unknown"


class Recurrence(StrEnum):
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    YEARLY = "yearly"


_RECURRENCE_ORDER = tuple(Recurrence)


@dataclass(frozen=True)
class Deadline:
    """A deadline cell as written plus what could be derived from it."""

    text: str
    kind: DeadlineKind
    due_date: date | None = None
    window_start: date | None = None
    recurrence: tuple[Recurrence, ...] = ()
    event_note: str = ""
    warnings: tuple[str, ...] = ()


# --- patterns (all run on the lower-case, diacritic-free key) -------------------------------

_YEAR = r"(?:19|20)\d{2}"
_YEAR_SUFFIX_RE = re.compile(rf"\s*(?:[/.,-]\s*)?(?:nam\s*)?({_YEAR})(?!\d)")

_DOC_REF_RE = re.compile(
    r"(?:\bso\s*\d+[\w/.-]*"
    r"|\b\d+/\d{2,4}/[a-z][\w-]*"
    r"|\b\d+/[a-z]+-[a-z][\w-]*"
    r"|\b\d+-[a-z]+/[a-z]+)"
    r"(?:\s*ngay\s*\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4})?"
)
_SEGMENT_SPLIT_RE = re.compile(r"[;()\[\]]")
_EVENT_RE = re.compile(
    r"\b(?:ngay sau khi|ngay khi|sau khi|truoc khi|khi|theo ke hoach|theo tien do|theo yeu cau"
    r"|theo chi dao|theo huong dan|theo quy dinh|theo lo trinh|theo thong bao|theo van ban"
    r"|theo de nghi|tuy theo|tuy thuoc|phu thuoc|dot xuat)\b"
)

_PERIOD_WORD = (
    r"(?:tuan|thang(?!\s*\d)|qu[yi](?!\s*(?:[ivx]+|\d+)\b)|(?:6|06|sau)\s*thang"
    r"|nua\s*nam|nam(?!\s*\d))\b"
)
_MORE_PERIOD = rf"(?:\s*(?:,|/|&|-|\bva\b|\bhoac\b)\s*{_PERIOD_WORD})"
_RECURRENCE_RE = re.compile(
    rf"\b(?:dinh\s*ky|hang|moi)\s*(?:(?:hang|moi)\s*)?({_PERIOD_WORD}{_MORE_PERIOD}*)"
    rf"|\bbao\s*cao\s*({_PERIOD_WORD}{_MORE_PERIOD}+)"  # "báo cáo quý, năm": two or more
)
# "Định kỳ ... báo cáo (quý, năm)": a clause that is nothing but a list of periods.
_BARE_PERIODS_RE = re.compile(rf"^\s*({_PERIOD_WORD}{_MORE_PERIOD}+)\s*[.,]?\s*$")
_PERIOD_ITEM_RE = re.compile(r"(?:6|06|sau)\s*thang|nua\s*nam|tuan|thang|qu[yi]|nam")
_PERIODIC_RE = re.compile(r"\bdinh\s*ky\b")
_CONTINUOUS_RE = re.compile(r"\b(?:thuong\s*xuyen|lien\s*tuc|hang\s*ngay|moi\s*ngay)\b")

_DATE_RE = re.compile(
    rf"(?<![\d/.])(\d{{1,2}})\s*([/.-])\s*(\d{{1,2}})\s*\2\s*({_YEAR}|\d{{4}})(?![\d/])"
)
_VERBOSE_DATE_RE = re.compile(
    rf"\bngay\s*(\d{{1,2}})\s*thang\s*(\d{{1,2}})(?:\s*(?:,\s*)?(?:nam|/|-)\s*({_YEAR}))?"
)
_SHORT_DATE_RE = re.compile(r"(?<![\d/.])(\d{1,2})\s*/\s*(\d{1,2})(?![\d/])")
_MONTH_YEAR_RE = re.compile(rf"(?<![\d/.])(\d{{1,2}})\s*/\s*({_YEAR})(?![\d/])")
_HALF_RE = re.compile(
    r"\b(?:(?:6|06|sau)\s*thang\s*(dau|cuoi)(?:\s*nam)?|nua\s*(dau|cuoi)\s*nam"
    rf"|(?:6|06|sau)\s*thang(?=\s*(?:nam\s*{_YEAR}|/\s*{_YEAR})|\s*[.]?\s*$))"
)
_NINE_RE = re.compile(r"\b(?:9|09|chin)\s*thang(?:\s*dau\s*nam)?")
_MONTH_RE = re.compile(r"\bthang\s*(\d{1,3})(?!\d)")
_MONTH_MORE_RE = re.compile(
    r"\s*(?:,|&|-|\bva\b|\bhoac\b|\bden\s*het\b|\bden\b|\btoi\b)\s*(?:(?:het|cuoi)\s*)?"
    r"(?:thang\s*)?(\d{1,3})(?!\d)(?!\s*/\s*\d{1,2}(?!\d))"
)
_QUARTER_RE = re.compile(r"\bqu[yi]\s*([ivx]+|\d+)(?![a-z0-9])")
_QUARTER_MORE_RE = re.compile(
    r"\s*(?:,|&|-|\bva\b|\bhoac\b|\bden\s*het\b|\bden\b|\btoi\b)\s*(?:(?:het|cuoi)\s*)?"
    r"(?:qu[yi]\s*)?([ivx]+|\d+)(?![a-z0-9])"
)
_YEAR_RANGE_RE = re.compile(rf"(?<![\d/])({_YEAR})\s*(?:-|den|toi)\s*(?:nam\s*)?({_YEAR})(?!\d)")
_EXPLICIT_YEAR_RE = re.compile(rf"(?:\bnam\s*|(?<![\d/.]))({_YEAR})(?![\d/])")
_IMPLICIT_YEAR_RE = re.compile(r"\b(?:ca|trong|cuoi|suot|het)\s*nam\b(?!\s*\d)")
_BEFORE_RE = re.compile(r"\btruoc\s*$")
_FROM_RE = re.compile(r"\b(?:tu|bat\s*dau\s*tu|bat\s*dau|ke\s*tu)\s*(?:ngay\s*)?$")

_INVALID_WARNING = "Ngày hoặc kỳ không hợp lệ trong thời hạn: "

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


# --- internal model ---------------------------------------------------------------------------


class _Unit(StrEnum):
    DATE = "date"
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    NINE = "nine"
    YEAR = "year"


@dataclass
class _Anchor:
    unit: _Unit
    pos: int
    number: int = 0  # month, quarter, half (1 or 2) or 0
    day: int = 0
    year: int | None = None
    before: bool = False  # "trước tháng 6": ends the day before the period starts
    from_: bool = False  # "từ tháng 3": open-ended start

    def bounds(self, year: int) -> tuple[date, date]:
        """First and last day of the anchor in `year` (raises ValueError if impossible)."""
        if self.unit is _Unit.DATE:
            day = date(year, self.number, self.day)
            return day, day
        if self.unit is _Unit.MONTH:
            return _month_bounds(year, self.number, self.number)
        if self.unit is _Unit.QUARTER:
            return _month_bounds(year, 3 * self.number - 2, 3 * self.number)
        if self.unit is _Unit.HALF:
            return _month_bounds(year, 6 * self.number - 5, 6 * self.number)
        if self.unit is _Unit.NINE:
            return _month_bounds(year, 1, 9)
        return date(year, 1, 1), date(year, 12, 31)


@dataclass
class _Scan:
    anchors: list[_Anchor] = field(default_factory=list)
    years: list[tuple[int, int]] = field(default_factory=list)  # (position, year) context
    recurrence: set[Recurrence] = field(default_factory=set)
    bare_periods: set[Recurrence] = field(default_factory=set)
    periodic: bool = False
    continuous: bool = False
    invalid: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.anchors
            or self.years
            or self.recurrence
            or self.bare_periods
            or self.periodic
            or self.continuous
            or self.invalid
        )


def _month_bounds(year: int, first_month: int, last_month: int) -> tuple[date, date]:
    last_day = calendar.monthrange(year, last_month)[1]
    return date(year, first_month, 1), date(year, last_month, last_day)


def _blank(chars: list[str], start: int, end: int) -> None:
    chars[start:end] = " " * (end - start)


def _period_number(token: str, maximum: int) -> int | None:
    value = _ROMAN.get(token) if token.isalpha() else int(token)
    if value is None or not 1 <= value <= maximum:
        return None
    return value


# --- scanning ---------------------------------------------------------------------------------


def _scan(key: str, offset: int, original: str) -> _Scan:
    """Find time expressions in one clause of the key (positions are absolute via `offset`)."""
    result = _Scan()
    chars = list(key)

    def text() -> str:
        return "".join(chars)

    def source(start: int, end: int) -> str:
        return original[offset + start : offset + end].strip()

    for match in _RECURRENCE_RE.finditer(text()):
        for item in _PERIOD_ITEM_RE.findall(match.group(1) or match.group(2)):
            result.recurrence.add(_recurrence_for(item))
        _blank(chars, match.start(), match.end())
    if bare := _BARE_PERIODS_RE.match(text()):
        result.bare_periods = {_recurrence_for(i) for i in _PERIOD_ITEM_RE.findall(bare.group(1))}
        return result
    for match in _CONTINUOUS_RE.finditer(text()):
        result.continuous = True
        _blank(chars, match.start(), match.end())
    for match in _PERIODIC_RE.finditer(text()):
        result.periodic = True
        _blank(chars, match.start(), match.end())

    def add(anchor: _Anchor, start: int, end: int, written: str, valid: bool) -> None:
        _blank(chars, start, end)
        if not valid:
            result.invalid.append(written)
            return
        anchor.pos = offset + start
        prefix = text()[:start]
        anchor.before = bool(_BEFORE_RE.search(prefix))
        anchor.from_ = bool(_FROM_RE.search(prefix))
        result.anchors.append(anchor)

    for match in _DATE_RE.finditer(text()):
        day, month, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
        valid = _valid_day(year, month, day) and 1900 <= year <= 2099
        anchor = _Anchor(_Unit.DATE, 0, number=month, day=day, year=year)
        add(anchor, match.start(), match.end(), source(match.start(), match.end()), valid)
    for match in _VERBOSE_DATE_RE.finditer(text()):
        day, month = int(match.group(1)), int(match.group(2))
        year = int(match.group(3)) if match.group(3) else None
        valid = _valid_day(year or 2000, month, day)
        anchor = _Anchor(_Unit.DATE, 0, number=month, day=day, year=year)
        add(anchor, match.start(), match.end(), source(match.start(), match.end()), valid)
    for match in _HALF_RE.finditer(text()):
        which = match.group(1) or match.group(2) or "dau"
        end, year = _year_suffix(text(), match.end())
        anchor = _Anchor(_Unit.HALF, 0, number=1 if which == "dau" else 2, year=year)
        add(anchor, match.start(), end, "", True)
    for match in _NINE_RE.finditer(text()):
        end, year = _year_suffix(text(), match.end())
        add(_Anchor(_Unit.NINE, 0, year=year), match.start(), end, "", True)
    _scan_lists(text, _QUARTER_RE, _QUARTER_MORE_RE, _Unit.QUARTER, 4, add, source)
    _scan_lists(text, _MONTH_RE, _MONTH_MORE_RE, _Unit.MONTH, 12, add, source)
    for match in _MONTH_YEAR_RE.finditer(text()):
        month, year = int(match.group(1)), int(match.group(2))
        anchor = _Anchor(_Unit.MONTH, 0, number=month, year=year)
        written = source(match.start(), match.end())
        add(anchor, match.start(), match.end(), written, 1 <= month <= 12)
    for match in _SHORT_DATE_RE.finditer(text()):
        day, month = int(match.group(1)), int(match.group(2))
        anchor = _Anchor(_Unit.DATE, 0, number=month, day=day)
        written = source(match.start(), match.end())
        add(anchor, match.start(), match.end(), written, _valid_day(2000, month, day))
    for match in _YEAR_RANGE_RE.finditer(text()):
        first, last = int(match.group(1)), int(match.group(2))
        _blank(chars, match.start(), match.end())
        result.anchors.append(_Anchor(_Unit.YEAR, offset + match.start(1), year=first))
        result.anchors.append(_Anchor(_Unit.YEAR, offset + match.start(2), year=last))
    for match in _EXPLICIT_YEAR_RE.finditer(text()):
        result.years.append((offset + match.start(), int(match.group(1))))
        _blank(chars, match.start(), match.end())
    for match in _IMPLICIT_YEAR_RE.finditer(text()):
        add(_Anchor(_Unit.YEAR, 0), match.start(), match.end(), "", True)
    return result


def _scan_lists(
    text: Callable[[], str],
    first_re: re.Pattern[str],
    more_re: re.Pattern[str],
    unit: _Unit,
    maximum: int,
    add: Callable[[_Anchor, int, int, str, bool], None],
    source: Callable[[int, int], str],
) -> None:
    """Months and quarters come in lists ("Quý I, II/2026", "Tháng 3, tháng 4 năm 2026")."""
    while match := first_re.search(text()):
        end, year = _year_suffix(text(), match.end())
        items = [(match.start(), end, match.group(1), year)]
        while more := more_re.match(text(), end):
            end, year = _year_suffix(text(), more.end())
            items.append((more.start(1), end, more.group(1), year))
        for start, stop, token, year in items:
            number = _period_number(token, maximum)
            anchor = _Anchor(unit, 0, number=number or 0, year=year)
            add(anchor, start, stop, source(start, stop), number is not None)


def _year_suffix(key: str, position: int) -> tuple[int, int | None]:
    match = _YEAR_SUFFIX_RE.match(key, position)
    if match is None:
        return position, None
    return match.end(), int(match.group(1))


def _valid_day(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _recurrence_for(item: str) -> Recurrence:
    item = re.sub(r"\s+", " ", item)
    if item == "tuan":
        return Recurrence.WEEKLY
    if item == "thang":
        return Recurrence.MONTHLY
    if item in ("quy", "qui"):
        return Recurrence.QUARTERLY
    if item == "nam":
        return Recurrence.YEARLY
    return Recurrence.HALF_YEARLY


# --- assembling -------------------------------------------------------------------------------


def _clean_note(note: str) -> str:
    return note.strip(" .,;:-").strip()


def parse_deadline(text: str, *, year: int | None = None) -> Deadline:
    """Derive a structured deadline from a deadline cell; never raises.

    Plans write deadlines in free Vietnamese; reports, reminders and on-time rates need dates.
    `year` is the plan's year, used when the text does not say which year it means.
    """
    original = fold_spaces(nfc(text or ""))
    if not original:
        return Deadline(text="", kind=DeadlineKind.UNKNOWN)
    key = match_key(original)
    key = _mask_document_references(key)
    special = _reporting_day(original, key) or _multi_year(original, key, year)
    if special is not None:
        return special

    scans: list[_Scan] = []
    notes: list[str] = []
    in_event = False
    for start, end in _segments(key):
        segment = key[start:end]
        if not segment.strip():
            continue
        trigger = _EVENT_RE.search(segment)
        temporal_end = trigger.start() if trigger else len(segment)
        scan = _scan(segment[:temporal_end], start, original)
        if trigger:
            notes.append(_clean_note(original[start + trigger.start() : end]))
            in_event = True
        elif in_event and scan.empty:
            notes.append(_clean_note(original[start:end]))
            continue
        else:
            in_event = False
        scans.append(scan)
    event_note = "; ".join(note for note in notes if note)
    return _previous_year_start(_assemble(original, scans, event_note, year), key, year)


# "Chậm nhất là ngày 20 của tháng cuối kỳ báo cáo": a due day in every reporting period.
_REPORTING_DAY_RE = re.compile(
    r"\bngay\s*(\d{1,2})\s*(?:cua\s*)?(?:thang\s*)?cuoi\s*(?:cua\s*)?(?:moi\s*)?ky\s*bao\s*cao"
    r"|\bngay\s*(\d{1,2})\s*cua\s*thang\s*cuoi\s*(?:moi\s*)?ky"
)
# "Năm 2025 và các năm tiếp theo": the same task every year from then on.
_MULTI_YEAR_RE = re.compile(rf"({_YEAR})\s*(?:va|,)\s*(?:cac|nhung)\s*nam\s*(?:tiep\s*theo|sau)")
_PREVIOUS_YEAR_RE = re.compile(r"\bnam\s*truoc\s*(?:cua\s*)?ky\s*bao\s*cao\b")


def _reporting_day(original: str, key: str) -> Deadline | None:
    match = _REPORTING_DAY_RE.search(key)
    if match is None:
        return None
    day = match.group(1) or match.group(2)
    return Deadline(
        text=original,
        kind=DeadlineKind.RECURRING,
        recurrence=(Recurrence.QUARTERLY,),
        event_note=f"Ngày {int(day)} của tháng cuối mỗi kỳ báo cáo",
    )


def _multi_year(original: str, key: str, plan_year: int | None) -> Deadline | None:
    match = _MULTI_YEAR_RE.search(key)
    if match is None:
        return None
    first = int(match.group(1))
    current = max(first, plan_year or first)
    return Deadline(
        text=original,
        kind=DeadlineKind.RECURRING,
        window_start=date(first, 1, 1),
        due_date=date(current, 12, 31),
        recurrence=(Recurrence.YEARLY,),
        warnings=(
            f"Nhiệm vụ nhiều năm (từ năm {first} và các năm tiếp theo): hạn được tính đến "
            f"hết năm {current}, vui lòng kiểm tra.",
        ),
    )


def _previous_year_start(deadline: Deadline, key: str, plan_year: int | None) -> Deadline:
    """ "Từ ngày 15/12 năm trước kỳ báo cáo đến ngày 14/3": the window opens the year before."""
    start, due = deadline.window_start, deadline.due_date
    if plan_year is None or start is None or due is None or not _PREVIOUS_YEAR_RE.search(key):
        return deadline
    with contextlib.suppress(ValueError):
        start = start.replace(year=plan_year - 1)
        due = due.replace(year=plan_year)
    return replace(deadline, window_start=start, due_date=due)


def _mask_document_references(key: str) -> str:
    chars = list(key)
    for match in _DOC_REF_RE.finditer(key):
        _blank(chars, match.start(), match.end())
    return "".join(chars)


def _segments(key: str) -> list[tuple[int, int]]:
    bounds = [-1, *(m.start() for m in _SEGMENT_SPLIT_RE.finditer(key)), len(key)]
    return [(bounds[i] + 1, bounds[i + 1]) for i in range(len(bounds) - 1)]


def _assemble(
    original: str, scans: list[_Scan], event_note: str, plan_year: int | None
) -> Deadline:
    anchors = [anchor for scan in scans for anchor in scan.anchors]
    years = sorted(item for scan in scans for item in scan.years)
    periodic = any(scan.periodic for scan in scans)
    found = set().union(*(scan.recurrence for scan in scans))
    if periodic and not found:
        found = set().union(*(scan.bare_periods for scan in scans))
    recurrence = tuple(r for r in _RECURRENCE_ORDER if r in found)
    continuous = any(scan.continuous for scan in scans)
    invalid = [item for scan in scans for item in scan.invalid]

    def result(
        kind: DeadlineKind, *warnings: str, due: date | None = None, start: date | None = None
    ) -> Deadline:
        return Deadline(
            text=original,
            kind=kind,
            due_date=due,
            window_start=start,
            recurrence=recurrence,
            event_note=event_note,
            warnings=tuple(warnings),
        )

    if invalid:
        shown = ", ".join(f"«{item}»" for item in invalid)
        return result(DeadlineKind.UNKNOWN, f"{_INVALID_WARNING}{shown}")

    if not continuous and (recurrence or periodic):
        if recurrence:
            return result(DeadlineKind.RECURRING)
        return result(DeadlineKind.RECURRING, f"Không rõ chu kỳ định kỳ: «{original}»")

    if not anchors and years:
        anchors = [_Anchor(_Unit.YEAR, pos, year=value) for pos, value in years]
    if not anchors:
        if continuous:
            return result(DeadlineKind.CONTINUOUS)
        if event_note:
            return result(DeadlineKind.EVENT)
        return result(DeadlineKind.UNKNOWN, f"Không hiểu được thời hạn: «{original}»")

    kind = _kind_of(anchors)
    if continuous:
        kind = DeadlineKind.CONTINUOUS
    try:
        start, due = _window(anchors, years, plan_year)
    except _MissingYear:
        warning = f"Không xác định được năm của thời hạn: «{original}»"
        return result(kind, warning)
    except ValueError:
        return result(DeadlineKind.UNKNOWN, f"{_INVALID_WARNING}«{original}»")

    if kind is DeadlineKind.CONTINUOUS:
        return result(kind, due=due, start=start)
    if len(anchors) == 1 and anchors[0].before and anchors[0].unit is not _Unit.DATE:
        return result(DeadlineKind.DATE, due=start - timedelta(days=1))
    if len(anchors) == 1 and anchors[0].from_:
        warning = f"Không rõ thời điểm kết thúc của thời hạn: «{original}»"
        return result(DeadlineKind.WINDOW, warning, start=start)
    if kind is DeadlineKind.DATE:
        return result(kind, due=due)
    return result(kind, due=due, start=start)


class _MissingYear(Exception):
    pass


_KIND_OF_UNIT = {
    _Unit.DATE: DeadlineKind.DATE,
    _Unit.MONTH: DeadlineKind.MONTH,
    _Unit.QUARTER: DeadlineKind.QUARTER,
    _Unit.HALF: DeadlineKind.HALF_YEAR,
    _Unit.NINE: DeadlineKind.WINDOW,
    _Unit.YEAR: DeadlineKind.YEAR,
}


def _kind_of(anchors: list[_Anchor]) -> DeadlineKind:
    if len(anchors) > 1:
        return DeadlineKind.WINDOW
    return _KIND_OF_UNIT[anchors[0].unit]


def _window(
    anchors: list[_Anchor], years: list[tuple[int, int]], plan_year: int | None
) -> tuple[date, date]:
    """Earliest start and latest end of the anchors, filling missing years.

    A borrowed year that would put a range backwards is shifted: "Tháng 11 đến tháng 2/2027"
    starts in November 2026, "Từ tháng 11/2026 đến tháng 2" ends in February 2027.
    """
    written = sorted(
        [(anchor.pos, anchor.year) for anchor in anchors if anchor.year is not None] + years
    )
    ordered = sorted(anchors, key=lambda a: a.pos)
    resolved: list[tuple[int, int]] = []  # (year, direction it was borrowed from: -1, 0, 1)
    for anchor in ordered:
        if anchor.year is not None:
            resolved.append((anchor.year, 0))
            continue
        later = [value for pos, value in written if pos > anchor.pos]
        earlier = [value for pos, value in written if pos < anchor.pos]
        if later:
            resolved.append((later[0], 1))
        elif earlier:
            resolved.append((earlier[-1], -1))
        elif plan_year is not None:
            resolved.append((plan_year, -1))
        else:
            raise _MissingYear
    bounds = [anchor.bounds(year) for anchor, (year, _) in zip(ordered, resolved, strict=True)]
    for index in range(len(ordered) - 2, -1, -1):
        year, borrowed = resolved[index]
        if borrowed == 1 and bounds[index][0] > bounds[index + 1][0]:
            bounds[index] = ordered[index].bounds(year - 1)
    for index in range(1, len(ordered)):
        year, borrowed = resolved[index]
        if borrowed == -1 and bounds[index][1] < bounds[index - 1][0]:
            bounds[index] = ordered[index].bounds(year + 1)
    return min(first for first, _ in bounds), max(last for _, last in bounds)
