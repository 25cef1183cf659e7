"""Facts found in the running text of a plan: header metadata, target sentences, budget lines.

Everything works on the ordered paragraphs (`TextBlock`: text + bold flag), whatever file they
came from; paragraphs inside layout tables (the two-column header and signature blocks) are
part of the stream, task tables are not.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from importer.parsing.document import PlanMetadata, TextBlock, match_key, one_line
from importer.parsing.structure import ROLE_COORD, ROLE_DEADLINE, ROLE_LEAD, ROLE_REQUIREMENT

_NUMBER_RE = re.compile(
    r"^\s*Số\s*:?\s*(?P<number>[0-9]*)\s*/\s*(?P<symbol>[A-ZĐ][A-ZĐ0-9]*(?:[-–][A-ZĐ0-9]+)*)",
)
_ATTACHED_RE = re.compile(
    r"Kế hoạch số\s*(?P<number>[0-9]*)\s*/\s*(?P<symbol>KH[-–][A-ZĐ0-9]+(?:[-–][A-ZĐ0-9]+)*)",
    re.IGNORECASE,
)
_PLACE_DATE_RE = re.compile(
    r"^(?P<place>[^\d,;:()]{2,60}),\s*ngày\s*(?P<day>\d{0,2})\s*(?:/|tháng)\s*"
    r"(?P<month>\d{0,2})\s*(?:/|năm)\s*(?P<year>\d{4})",
    re.IGNORECASE,
)
_TITLE_WORD = "KẾ HOẠCH"
_BASIS_START = ("thực hiện", "căn cứ")
_REF_RE = re.compile(
    r"(?P<ref>\d+[\w\-–]*/[\w\-–/.]*\w)\s+ngày\s+(?P<date>\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}"
    r"|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})",
)
_YEAR_RE = re.compile(r"\b(20\d{2})\b")
_ROMAN_HEADING_RE = re.compile(r"^[IVXLC]+[.)]\s")
_NUMBERED_RE = re.compile(
    r"^(?P<code>[IVXLC]+[.)]|\d{1,2}(?:\.\d{1,2})*\.|\d{1,2}(?:\.\d{1,2})+)\s*(?P<title>\S.*)$",
    re.DOTALL,
)
_ITEM_RE = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ][.)]|[-+•*–])\s*")
_BULLET_RE = re.compile(r"^[-+•*–—]\s*")
_PERCENT_RE = re.compile(r"\d+(?:[.,]\d+)?\s?%")
_MONEY_RE = re.compile(
    r"\d{1,3}(?:[.,]\d{3})+\s*(?:đồng|đ\b|vnđ|vnd)|\d+(?:[.,]\d+)?\s*(?:triệu|tỷ|nghìn)\s*đồng",
    re.IGNORECASE,
)
_LABEL_RE = re.compile(r"^[-+•*–]?\s*(?P<label>[^:]{2,60}?)\s*:\s*(?P<value>.*)$", re.DOTALL)
# Lead-unit labels without the words "chủ trì" ("Đơn vị thực hiện: Văn phòng Sở"); labels
# with "phối hợp" are coordinating ("Đơn vị phối hợp:", "Cơ quan phối hợp thực hiện:").
_LEAD_LABELS = (
    "đơn vị thực hiện",
    "cơ quan thực hiện",
    "đơn vị chịu trách nhiệm",
    "cơ quan chịu trách nhiệm",
    "trách nhiệm thực hiện",
    "đơn vị tham mưu",
    "cơ quan tham mưu",
    "đơn vị đầu mối",
    "cơ quan đầu mối",
    "đầu mối thực hiện",
    "đơn vị được giao",
    "cơ quan được giao",
)
_FOOTNOTE_RE = re.compile(r"^\d{1,2}\s+\S")
_SIGNER_ROLE_WORDS = (
    "GIÁM ĐỐC",
    "CHỦ TỊCH",
    "TRƯỞNG",
    "CHÁNH",
    "BÍ THƯ",
    "THỦ TRƯỞNG",
    "TỔNG",
    "VIỆN TRƯỞNG",
    "HIỆU TRƯỞNG",
)
_SIGNER_PREFIX_RE = re.compile(r"^(KT|TM|TL|TUQ|Q|Q\.)\s*[.:]?\s", re.IGNORECASE)
_NATIONAL_MOTTO = ("cộng hòa xã hội chủ nghĩa", "cộng hoà xã hội chủ nghĩa", "độc lập - tự do")
_SENTENCE_END = (".", ";", "!", "?", "…")
_TARGET_HEADINGS = ("mục tiêu", "chỉ tiêu", "các chỉ tiêu", "các mục tiêu")
# "(Có phụ lục chi tiết kèm theo)", "(Có Danh mục nhiệm vụ trọng tâm ... kèm theo)",
# "theo Phụ lục chi tiết kèm theo": the body points at an appendix of tasks. An appendix's own
# subtitle "(Kèm theo Kế hoạch số ...)" does not match.
_APPENDIX_REF_RES = (
    re.compile(r"\(\s*có (?:các )?(?:phụ lục|danh mục)\b[^()]{0,150}?kèm theo\s*\)"),
    re.compile(r"\b(?:phụ lục|danh mục)(?: chi tiết)?(?: nhiệm vụ)? kèm theo\b"),
)


# --- paragraph shapes -------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    code: str  # "II", "1.2", "" for an unnumbered bold/uppercase heading
    title: str
    level: int  # 0 roman, n for n-part arabic codes, 99 unnumbered


def heading_of(block: TextBlock, next_text: str = "") -> Heading | None:
    """A numbered or bold/uppercase short paragraph that opens a section, else None."""
    text = one_line(block.text)
    if not text or (next_text[:1].islower() and not text.endswith(":")):
        return None
    match = _NUMBERED_RE.match(text)
    limit = 200 if block.bold else 110
    if match and len(text) <= limit and not text.endswith((";", ",")):
        code = match.group("code").rstrip(".)")
        title = match.group("title").strip()
        level = code.count(".") + 1 if "." in code or code.isdigit() else 0
        if level == 0 or not text.endswith(".") or block.bold:
            return Heading(code=code, title=title, level=level)
    if len(text) <= 120 and not text.endswith(_SENTENCE_END) and not _ITEM_RE.match(text):
        letters = [ch for ch in text if ch.isalpha()]
        if block.bold or (len(letters) >= 4 and all(ch.isupper() for ch in letters)):
            return Heading(code="", title=text, level=99)
    return None


def split_label(text: str) -> tuple[str, str] | None:
    """("lead"|"coordinating"|"deadline"|"requirement", value) for a labelled line.

    "Đơn vị chủ trì thực hiện: Văn phòng Sở" -> ("lead", "Văn phòng Sở").
    """
    match = _LABEL_RE.match(one_line(text))
    if not match:
        return None
    label = match_key(match.group("label"))
    if len(label.split()) > 8:
        return None
    value = match.group("value").strip()
    if "phối hợp" in label and "chủ trì" not in label:
        return ROLE_COORD, value
    if "chủ trì" in label or label.startswith(_LEAD_LABELS):
        return ROLE_LEAD, value
    if label.startswith(("thời gian", "thời hạn", "tiến độ")):
        return ROLE_DEADLINE, value
    if label.startswith(("kết quả", "sản phẩm", "yêu cầu", "dự kiến kết quả", "dự kiến sản phẩm")):
        return ROLE_REQUIREMENT, value
    return None


def is_label_line(text: str) -> bool:
    return split_label(text) is not None


def join_wrapped(blocks: Sequence[TextBlock]) -> list[TextBlock]:
    """Re-join paragraphs that were hard-wrapped mid-sentence (PDF-to-Word conversions)."""
    return [block for _, block in join_wrapped_indexed(blocks)]


def join_wrapped_indexed(blocks: Sequence[TextBlock]) -> list[tuple[int, TextBlock]]:
    """`join_wrapped`, each result paired with the index of its first source paragraph."""
    joined: list[tuple[int, TextBlock]] = []
    texts = [one_line(block.text) for block in blocks]
    for index, block in enumerate(blocks):
        text = texts[index]
        if not text:
            continue
        if joined and _continues(joined[-1][1], block, text):
            first, last = joined[-1]
            merged = TextBlock(
                f"{one_line(last.text)} {text}", last.bold, last.in_table, last.list_level
            )
            joined[-1] = (first, merged)
            continue
        joined.append((index, TextBlock(text, block.bold, block.in_table, block.list_level)))
    return joined


def _continues(previous: TextBlock, block: TextBlock, text: str) -> bool:
    previous_text = one_line(previous.text)
    if previous.in_table != block.in_table or previous_text.endswith((*_SENTENCE_END, ":")):
        return False
    if block.list_level is not None:
        return False  # an auto-numbered paragraph always starts a new list item
    if previous_text.startswith("(") and previous_text.endswith(")"):
        return False  # a note such as "(Có phụ lục chi tiết kèm theo)" is complete
    if _ITEM_RE.match(text) or _NUMBERED_RE.match(text) or is_label_line(text):
        return False
    if _FOOTNOTE_RE.match(text) and not text[:3].rstrip().endswith("%"):
        return text[:1].islower()
    if text[:1].islower():
        return True
    if heading_of(previous, text) is not None or heading_of(block) is not None:
        return False
    return not _is_place_date(text)


def _is_place_date(text: str) -> bool:
    return bool(_PLACE_DATE_RE.match(text))


# --- metadata ---------------------------------------------------------------------------------


def extract_metadata(blocks: Sequence[TextBlock]) -> tuple[PlanMetadata, list[str]]:
    """Plan number, title, date, legal basis and signer from the ordered paragraphs."""
    meta = PlanMetadata()
    warnings: list[str] = []
    texts = [one_line(block.text) for block in blocks]
    title_index = _find_title(blocks, texts, meta)
    head_end = title_index if title_index is not None else min(len(texts), 15)

    for text in texts[: head_end + 3]:
        match = _NUMBER_RE.match(text)
        if match and not meta.symbol:
            meta.number, meta.symbol = match.group("number"), match.group("symbol")
        date_match = _PLACE_DATE_RE.match(text)
        if date_match and not meta.place_date_text:
            _set_place_date(meta, text, date_match)
    if not meta.symbol:
        for text in texts:
            match = _ATTACHED_RE.search(text)
            if match and "kèm theo" in match_key(text):
                meta.number, meta.symbol = match.group("number"), match.group("symbol")
                break
    meta.agency_line = _agency_line(texts[:head_end])
    _set_basis(meta, texts, title_index)
    _set_signer(meta, texts)
    meta.year = _year(meta)
    if not meta.title:
        warnings.append("Không tìm thấy tên kế hoạch (dòng sau chữ “KẾ HOẠCH”).")
    return meta, warnings


def _find_title(blocks: Sequence[TextBlock], texts: list[str], meta: PlanMetadata) -> int | None:
    for index, text in enumerate(texts[:80]):
        if not text.startswith(_TITLE_WORD) or text.startswith(_TITLE_WORD + " số"):
            continue
        rest = text[len(_TITLE_WORD) :].strip(" :-–")
        parts = [rest] if rest else []
        bold_title = blocks[index].bold
        for offset, following in enumerate(texts[index + 1 : index + 6], start=index + 1):
            key = match_key(following)
            if not following:
                if parts:
                    break
                continue
            if parts and _title_ended(blocks[offset], following, bold_title=bold_title):
                break
            if (
                key.startswith(_BASIS_START)
                or _ROMAN_HEADING_RE.match(following)
                or set(following) <= set("-–_*=. ")
                or _NUMBER_RE.match(following)
                or _PLACE_DATE_RE.match(following)
            ):
                break
            parts.append(following)
        meta.title = " ".join(part for part in parts if part)
        return index
    return None


def _title_ended(block: TextBlock, text: str, *, bold_title: bool) -> bool:
    """The paragraph after the title: plain text under a bold title, or a sentence."""
    if bold_title and not block.bold:
        return True
    return len(text) > 250 or text.endswith((".", ":", ";"))


def _set_place_date(meta: PlanMetadata, text: str, match: re.Match[str]) -> None:
    meta.place = match.group("place").strip()
    meta.place_date_text = text
    day, month, year = match.group("day"), match.group("month"), int(match.group("year"))
    if day and month:
        try:
            meta.issued_on = date(year, int(month), int(day))
        except ValueError:
            meta.issued_on = None


def _agency_line(head: list[str]) -> str:
    lines = []
    for text in head:
        key = match_key(text)
        if not text or key.startswith(_NATIONAL_MOTTO) or _NUMBER_RE.match(text):
            continue
        if _PLACE_DATE_RE.match(text) or text.startswith(_TITLE_WORD):
            break
        letters = [ch for ch in text if ch.isalpha()]
        if letters and all(ch.isupper() for ch in letters) and len(text) <= 80:
            lines.append(text)
    return "\n".join(lines)


def _set_basis(meta: PlanMetadata, texts: list[str], title_index: int | None) -> None:
    start = (title_index + 1) if title_index is not None else 0
    parts: list[str] = []
    for text in texts[start : start + 12]:
        if _ROMAN_HEADING_RE.match(text) or _NUMBERED_RE.match(text):
            break
        if match_key(text).startswith(_BASIS_START):
            parts.append(text)
        elif parts:
            break
    meta.basis = "\n".join(parts)
    refs = []
    for match in _REF_RE.finditer(meta.basis):
        written = match.group("date")
        when = written if "tháng" in written else re.sub(r"\s+", "", written)
        ref = f"{match.group('ref')} ngày {when}"
        if ref not in refs:
            refs.append(ref)
    meta.basis_refs = refs


def _set_signer(meta: PlanMetadata, texts: list[str]) -> None:
    start = 0
    for index, text in enumerate(texts):
        key = match_key(text)
        if key.startswith(("nơi nhận", "trên đây là", "trên đây")):
            start = index
            if key.startswith("nơi nhận"):
                break
    titles: list[str] = []
    for text in texts[start : start + 30]:
        if not text:
            continue
        letters = [ch for ch in text if ch.isalpha()]
        is_upper = bool(letters) and all(ch.isupper() for ch in letters)
        if is_upper and len(text) <= 60 and (titles or _looks_like_signer_title(text)):
            titles.append(text)
            continue
        if not titles:
            continue
        if text.startswith(("(", "[")) or any(ch.isdigit() for ch in text):
            continue
        words = text.split()
        if 2 <= len(words) <= 7:
            meta.signer_title = "\n".join(titles)
            meta.signer = text
        break
    if titles and not meta.signer_title:
        meta.signer_title = "\n".join(titles)


def _looks_like_signer_title(text: str) -> bool:
    return bool(_SIGNER_PREFIX_RE.match(text)) or any(word in text for word in _SIGNER_ROLE_WORDS)


def _year(meta: PlanMetadata) -> int | None:
    title_years = _YEAR_RE.findall(meta.title)
    if title_years:
        return int(title_years[-1])
    date_match = _PLACE_DATE_RE.match(meta.place_date_text) if meta.place_date_text else None
    if date_match:
        return int(date_match.group("year"))
    counts = Counter(_YEAR_RE.findall(f"{meta.title} {meta.basis}"))
    return int(counts.most_common(1)[0][0]) if counts else None


def find_appendix_reference(blocks: Sequence[TextBlock]) -> str:
    """The words of the body that refer to a task appendix ("(Có phụ lục chi tiết kèm theo)")."""
    for block in blocks:
        if block.in_table:
            continue
        text = one_line(block.text)
        key = match_key(text)
        for pattern in _APPENDIX_REF_RES:
            match = pattern.search(key)
            if match:
                # match_key keeps the length of the text, so the span cuts the original words.
                return text[match.start() : match.end()] if len(key) == len(text) else text
    return ""


# --- target sentences and budget lines ------------------------------------------------------


def find_target_sentences(blocks: Sequence[TextBlock]) -> list[str]:
    """Paragraphs under "Mục tiêu"/"Chỉ tiêu" headings, and any paragraph with a % target."""
    joined = join_wrapped(blocks)
    sentences: list[str] = []
    in_targets = False
    for index, block in enumerate(joined):
        next_text = joined[index + 1].text if index + 1 < len(joined) else ""
        heading = heading_of(block, next_text)
        if heading is not None:
            in_targets = match_key(heading.title).startswith(_TARGET_HEADINGS)
            continue
        text = _BULLET_RE.sub("", block.text).strip()
        if not text:
            continue
        if in_targets:
            if _FOOTNOTE_RE.match(text) and "%" not in text:
                continue
        elif not _PERCENT_RE.search(text):
            continue
        if text not in sentences:
            sentences.append(text)
    return sentences


def find_budget_lines(blocks: Sequence[TextBlock]) -> list[str]:
    """Lines of the budget appendix, from its first numbered line to the "Tổng ..." line."""
    texts = [one_line(block.text) for block in blocks]
    for index, block in enumerate(blocks):
        key = match_key(texts[index])
        if "kinh phí" in key and _is_heading_text(block, texts[index]):
            lines = _collect_budget(texts, index + 1, max_skip=4)
            if lines:
                return lines
    for index in range(len(texts)):
        if _MONEY_RE.search(texts[index]) and all(
            _MONEY_RE.search(text) for text in texts[index : index + 3]
        ):
            lines = _collect_budget(texts, index, max_skip=0)
            if len(lines) >= 3:
                return lines
    return []


def _is_heading_text(block: TextBlock, text: str) -> bool:
    if len(text) > 150 or text.endswith((".", ";")):
        return False
    letters = [ch for ch in text if ch.isalpha()]
    upper = bool(letters) and all(ch.isupper() for ch in letters)
    return block.bold or upper or bool(_ROMAN_HEADING_RE.match(text))


def _collect_budget(texts: list[str], start: int, *, max_skip: int) -> list[str]:
    lines: list[str] = []
    skipped = 0
    for text in texts[start:]:
        if not text:
            continue
        item = bool(_ITEM_RE.match(text))
        money = bool(_MONEY_RE.search(text))
        total = match_key(_BULLET_RE.sub("", text)).startswith("tổng")
        if not lines:
            if _ROMAN_HEADING_RE.match(text):
                return []
            if item or money or total:
                lines.append(text)
                if total:
                    break
                continue
            skipped += 1
            if skipped > max_skip:
                return []
            continue
        if total:
            lines.append(text)
            break
        if _ROMAN_HEADING_RE.match(text) or not (item or money):
            break
        lines.append(text)
    return lines if any(_MONEY_RE.search(line) for line in lines) else []
