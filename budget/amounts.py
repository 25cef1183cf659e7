"""Amounts of money as people type them in Vietnamese (pure, no Django).

"4.415.800.000", "4415800000", "4 415 800 000", "4.415.800.000 đồng", "4,4 tỷ", "25 triệu",
"500 nghìn" all mean whole đồng. "." and spaces group thousands, "," is the decimal mark
(a "." followed by one or two digits is read as a decimal too: "4.4 tỷ"); a fraction is
only allowed with a scale word, because an amount in đồng is whole. Negative, zero and
absurd amounts are refused with a reason the form turns into a Vietnamese message.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

__all__ = ["MAX_AMOUNT", "AmountError", "Problem", "parse_amount"]

# A thousand billion đồng: more than any agency's CCHC budget line, so a typo, not a figure.
MAX_AMOUNT = 10**15


class Problem(StrEnum):
    EMPTY = "empty"
    NOT_A_NUMBER = "not_a_number"
    NEGATIVE = "negative"
    ZERO = "zero"
    FRACTION = "fraction"
    TOO_LARGE = "too_large"


class AmountError(ValueError):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.value)
        self.problem = problem


_SCALES = {"ty": 10**9, "ti": 10**9, "trieu": 10**6, "tr": 10**6}
_SCALES |= {"nghin": 10**3, "ngan": 10**3, "k": 10**3}
_SCALE_RE = re.compile(r"^(.*?\d)\s*(" + "|".join(_SCALES) + r")$")
_CURRENCY_RE = re.compile(r"\s*(?:dong|vnd|d)\s*$")
_GROUPED_RE = re.compile(r"\d{1,3}(?:[. ]\d{3})+")
_DECIMAL_RE = re.compile(r"\d+(?:[,.]\d+)?")


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    without_marks = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(without_marks.replace("\u00a0", " ").split())


def _split_scale(key: str) -> tuple[str, int]:
    match = _SCALE_RE.match(key)
    if match is None:
        return key, 1
    return match.group(1), _SCALES[match.group(2)]


def _number(written: str, *, scaled: bool) -> Decimal:
    if _GROUPED_RE.fullmatch(written):
        return Decimal(re.sub(r"[. ]", "", written))
    if not _DECIMAL_RE.fullmatch(written):
        raise AmountError(Problem.NOT_A_NUMBER)
    if "." in written and len(written.split(".")[1]) == 3 and not scaled:
        return Decimal(written.replace(".", ""))  # "25.000": one thousands group
    try:
        return Decimal(written.replace(",", "."))
    except InvalidOperation as error:  # pragma: no cover - the pattern above forbids it
        raise AmountError(Problem.NOT_A_NUMBER) from error


def parse_amount(text: str) -> int:
    """The whole đồng ``text`` states, or :class:`AmountError` saying why it is refused."""
    key = _key(text or "")
    if not key:
        raise AmountError(Problem.EMPTY)
    if key.startswith(("-", "\u2212")):
        raise AmountError(Problem.NEGATIVE)
    key = _CURRENCY_RE.sub("", key).strip()
    number, factor = _split_scale(key)
    if not number:
        raise AmountError(Problem.NOT_A_NUMBER)
    value = _number(number, scaled=factor > 1) * factor
    if value > MAX_AMOUNT:
        raise AmountError(Problem.TOO_LARGE)
    if value != value.to_integral_value():
        raise AmountError(Problem.FRACTION)
    amount = int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if amount == 0:
        raise AmountError(Problem.ZERO)
    return amount
