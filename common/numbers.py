"""How the product writes a share as text (pure, no Django)."""

from __future__ import annotations

from decimal import Decimal


def percent_label(part: int | Decimal, whole: int | Decimal) -> str:
    """ "97,5%" (Vietnamese decimal comma); "—" when there is nothing to divide by."""
    if not whole:
        return "—"
    return f"{100 * float(part) / float(whole):.1f}".replace(".", ",") + "%"
