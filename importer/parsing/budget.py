"""Budget appendix lines (Kinh phí) -> items with amounts, checked against the stated total.

Rules:

- Amounts are VND. "." and "," between groups of three digits are thousands separators
  ("4.415.800.000 đồng", "25,000,000"); with a multiplier word a "," or "." followed by other
  than three digits is a decimal mark ("1,5 tỷ đồng"). Multipliers: "nghìn"/"ngàn", "triệu",
  "tỷ", combinable ("2 tỷ 500 triệu đồng").
- A line "7. ..." (arabic or roman numbering) is a top-level item with code "7". Lines starting
  with "+", "-", "- +", "•", "*" or "a)" / "a." are sub-items of the item above them: they get
  codes "7.1", "7.2" and parent_code "7". The first marker seen under an item sets its first
  sub-level; a line with another marker goes one level deeper, under the last sub-item
  ("7.1.1"). A marked line before any numbered item is a top-level item with the next number.
- A line naming a total ("Tổng số kinh phí dự kiến", "Tổng cộng", "Tổng kinh phí", "Tổng:")
  is the stated total, not an item. Other lines without a marker are prose and are skipped;
  if such a line has an amount, a warning says so (it is not counted).
- A parent without its own amount gets the sum of its children as its amount; a parent whose
  own amount differs from its children's sum keeps its own amount and gets a warning.
- total_computed sums the top-level items (an item with no amount counts 0 and is warned
  about); when the stated total differs, a warning names both figures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from importer.parsing.text import fold_spaces, match_key, nfc

__all__ = ["BudgetItem", "BudgetParse", "format_vnd", "parse_budget_lines", "parse_vnd"]


@dataclass(frozen=True)
class BudgetItem:
    """One line of a plan's budget appendix."""

    code: str
    content: str
    amount: int | None
    note: str
    parent_code: str | None


@dataclass(frozen=True)
class BudgetParse:
    """Items of a budget appendix plus the cross-check of its total."""

    items: tuple[BudgetItem, ...]
    total_stated: int | None
    total_computed: int
    warnings: tuple[str, ...]

    @property
    def total_matches(self) -> bool:
        """True unless the plan states a total that differs from the sum of its items."""
        return self.total_stated is None or self.total_stated == self.total_computed


_NUMBER = r"\d+(?:[.,]\d+)*"
_MULTIPLIER = r"(?:nghin|ngan|trieu|ty|ti)"
_CURRENCY = r"(?:dong|vnd|d)\b"
_MONEY_RE = re.compile(
    rf"(?<![\w.,])({_NUMBER})\s*(?:({_MULTIPLIER})\b"
    rf"(?:\s*({_NUMBER})\s*({_MULTIPLIER})\b)?(?:\s*({_NUMBER})\s*({_MULTIPLIER})\b)?"
    rf"\s*(?:{_CURRENCY})?|{_CURRENCY})"
)
_BARE_NUMBER_RE = re.compile(rf"^\s*({_NUMBER})\s*$")
_MULTIPLIERS = {"nghin": 1_000, "ngan": 1_000, "trieu": 1_000_000, "ty": 10**9, "ti": 10**9}

_CODE_RE = re.compile(r"^\s*(\d+(?:\.\d+)*|[IVXLC]+)\s*[.)]\s*(?!\d)")  # on the text
_MARKER_RE = re.compile(r"^\s*(?:(-\s*\+|[-+•*–—])|([a-zđ])\s*[.)])\s+")
_TOTAL_RE = re.compile(r"^\s*tong\s*(?:so\s*)?(?:cong\b|kinh\s*phi\b|tien\b|chi\b|du\s*toan\b|:)")
_DECORATION_RE = re.compile(r"\*\*|__|<[^>]+>")


def _to_decimal(written: str, *, with_multiplier: bool) -> Decimal | None:
    groups = re.split(r"[.,]", written)
    if len(groups) > 1 and all(len(g) == 3 for g in groups[1:]):
        return Decimal("".join(groups))
    if with_multiplier and len(groups) == 2:
        return Decimal(f"{groups[0]}.{groups[1]}")
    if len(groups) == 1:
        return Decimal(written)
    return None


def _money(key: str) -> tuple[re.Match[str], int] | None:
    for match in _MONEY_RE.finditer(key):
        amount = Decimal(0)
        parts = [(match.group(i), match.group(i + 1)) for i in (1, 3, 5)]
        valid = True
        for number, multiplier in parts:
            if number is None:
                continue
            value = _to_decimal(number, with_multiplier=multiplier is not None)
            if value is None:
                valid = False
                break
            amount += value * _MULTIPLIERS.get(multiplier or "", 1)
        if valid:
            return match, int(amount.to_integral_value())
    return None


def parse_vnd(text: str) -> int | None:
    """The first VND amount written in `text` ("1,5 tỷ đồng" -> 1_500_000_000), else None.

    Budget lines mix amounts with counts and rates ("(300.000 đồng/tháng cho 03 cán bộ)");
    only a number followed by a currency or multiplier word, or a cell that is nothing but a
    number, is an amount.
    """
    key = match_key(fold_spaces(nfc(text or "")))
    found = _money(key)
    if found:
        return found[1]
    bare = _BARE_NUMBER_RE.match(key)
    if bare:
        value = _to_decimal(bare.group(1), with_multiplier=False)
        return int(value) if value is not None else None
    return None


def format_vnd(amount: int) -> str:
    """Vietnamese grouping with dots: 4415800000 -> "4.415.800.000"."""
    return f"{amount:,}".replace(",", ".")


@dataclass
class _Node:
    code: str
    content: str
    amount: int | None
    note: str
    parent: _Node | None
    marker: str = ""  # for sub-items, and for top-level items written with a marker only
    child_marker: str = ""  # marker kind of the first sub-level under this node
    children: list[_Node] = field(default_factory=list)


def _split_line(text: str, key: str, start: int) -> tuple[str, int | None, str]:
    """Content, amount and note of a line body beginning at `start`."""
    found = _money(key[start:])
    if not found:
        return text[start:].strip(" :;.-"), None, ""
    match, amount = found
    content = text[start : start + match.start()].strip(" :;-")
    note = text[start + match.end() :].strip(" .;:")
    if note.startswith("(") and note.endswith(")"):
        note = note[1:-1].strip()
    return content, amount, note


def parse_budget_lines(lines: Sequence[str]) -> BudgetParse:
    """Read a budget appendix line by line and cross-check its total.

    Agencies state a total and itemise it; the tracker stores the items and flags totals that
    do not add up, which happens often enough after edits to the plan.
    """
    warnings: list[str] = []
    roots: list[_Node] = []
    total_stated: int | None = None
    top: _Node | None = None  # current numbered item

    for raw in lines:
        text = fold_spaces(_DECORATION_RE.sub("", nfc(raw or "")))
        if not text:
            continue
        key = match_key(text)
        marker = _MARKER_RE.match(key)
        body_start = marker.end() if marker else 0
        if _TOTAL_RE.match(key[body_start:]):
            body = text[body_start:]
            total_stated = parse_vnd(body)
            if total_stated is None and ":" in body:
                total_stated = parse_vnd(body.rsplit(":", 1)[1])
            continue
        code = _CODE_RE.match(text)
        if code:
            content, amount, note = _split_line(text, key, code.end())
            top = _Node(code.group(1), content, amount, note, None)
            roots.append(top)
            continue
        if marker is None:
            if _money(key):
                warnings.append(f"Dòng có số tiền nhưng không thuộc mục nào: «{text}»")
            continue
        kind = re.sub(r"\s+", "", marker.group(1) or "letter")
        content, amount, note = _split_line(text, key, body_start)
        if top is None or (top.marker and kind == top.marker):
            top = _Node(str(len(roots) + 1), content, amount, note, None, kind)
            roots.append(top)
            continue
        top.child_marker = top.child_marker or kind
        parent = top
        if kind != top.child_marker and top.children:
            parent = top.children[-1]
        code_text = f"{parent.code}.{len(parent.children) + 1}"
        parent.children.append(_Node(code_text, content, amount, note, parent, kind))

    items: list[BudgetItem] = []
    for root in roots:
        _settle(root, warnings)
        _flatten(root, items)
    total_computed = 0
    for root in roots:
        if root.amount is None:
            warnings.append(f"Mục {root.code} chưa có số tiền: «{root.content}»")
        else:
            total_computed += root.amount
    if total_stated is not None and total_stated != total_computed:
        warnings.append(
            f"Tổng kinh phí ghi trong kế hoạch ({format_vnd(total_stated)} đồng) khác tổng các"
            f" mục ({format_vnd(total_computed)} đồng)."
        )
    return BudgetParse(
        items=tuple(items),
        total_stated=total_stated,
        total_computed=total_computed,
        warnings=tuple(warnings),
    )


def _settle(node: _Node, warnings: list[str]) -> None:
    """Fill a parent's amount from its children, or warn when both exist and disagree."""
    for child in node.children:
        _settle(child, warnings)
    amounts = [child.amount for child in node.children if child.amount is not None]
    if not amounts:
        return
    children_sum = sum(amounts)
    if node.amount is None:
        node.amount = children_sum
    elif node.amount != children_sum:
        warnings.append(
            f"Mục {node.code}: số tiền {format_vnd(node.amount)} đồng khác tổng các mục con"
            f" {format_vnd(children_sum)} đồng."
        )


def _flatten(node: _Node, items: list[BudgetItem]) -> None:
    parent_code = node.parent.code if node.parent else None
    items.append(BudgetItem(node.code, node.content, node.amount, node.note, parent_code))
    for child in node.children:
        _flatten(child, items)
