"""Money and currencies as printed on receipts: "$1,234.56", "1.234,56 €", "CHF 12.50"."""

from __future__ import annotations

import re
from decimal import Decimal

__all__ = ["amounts_in", "currency_in", "parse_amount"]

# Digits with optional group separators, then a decimal separator and exactly two digits.
# OCR sometimes puts a space after the currency sign or around the separator.
_AMOUNT = re.compile(
    r"(?<![\d.,])(-?\d{1,3}(?:[,.' ’]\d{3})+|-?\d+)\s?([.,])\s?(\d{2})(?![\d%])(?!\s?%)"
)
_CODES = ("USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "JPY", "INR")
_CODE = re.compile(r"\b(" + "|".join(_CODES) + r")\b")
# Signs that name one currency, strongest first; a bare "$" is only a hint of dollars.
_SIGNS = (
    ("C$", "CAD"),
    ("CA$", "CAD"),
    ("A$", "AUD"),
    ("AU$", "AUD"),
    ("NZ$", "NZD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("₹", "INR"),
    ("Fr.", "CHF"),
)
_KRONA = re.compile(r"\d\s?kr\b|\bkr\s?\d", re.IGNORECASE)


def parse_amount(whole: str, cents: str) -> Decimal:
    """The value of a matched amount: group separators dropped."""
    digits = re.sub(r"[^\d-]", "", whole)
    return Decimal(f"{digits}.{cents}")


def amounts_in(text: str) -> list[Decimal]:
    """Every amount on a line, left to right (percentages are not amounts)."""
    return [parse_amount(m.group(1), m.group(3)) for m in _AMOUNT.finditer(text)]


def currency_in(lines: list[str]) -> tuple[str | None, float, str | None]:
    """The receipt's currency, how sure, and the line that says so."""
    for line in lines:
        found = _CODE.search(line.upper())
        if found:
            return found.group(1), 0.95, line
    for sign, code in _SIGNS:
        for line in lines:
            if sign in line:
                return code, 0.9, line
    for line in lines:
        if _KRONA.search(line):
            return "SEK", 0.6, line
    for line in lines:
        if "$" in line:
            return "USD", 0.6, line
    return None, 0.0, None
