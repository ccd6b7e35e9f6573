"""Total, tax and vendor from a receipt's rows of text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ._amounts import amounts_in

__all__ = ["Found", "tax_in", "total_in", "vendor_in"]

# Labels of the amount paid, strongest first. OCR reads O as 0 at times.
_TOTAL_LABELS = (
    (r"grand\s?t[o0]tal|t[o0]tal\s?(due|to pay|ttc|paid|amount)|amount\s?(due|paid)", 1.0),
    (r"balance\s?due", 1.0),
    (r"gesamt(betrag)?|summe|montant|importe|t[o0]tale|to pay|total a pagar|\bpaid\b", 0.95),
    (r"\bt[o0]tal\b", 0.95),
)  # fmt: skip
_NOT_TOTAL = re.compile(
    r"sub\s?-?\s?t[o0]tal|zwischensumme|total\s?(tax|vat|ht|net|items?|savings|discount)|"
    r"\bnet\b|\btip\b|change|cash|tendered|\bqty\b|items?\s?total",
    re.IGNORECASE,
)
_TAX = re.compile(
    r"\b(tax|vat|gst|hst|pst|qst|mwst|ust|tva|iva|sales tax)\b|mehrwertsteuer", re.IGNORECASE
)
_TAX_TOTAL = re.compile(r"total\s?(tax|vat)|tax\s?total", re.IGNORECASE)
_NOT_VENDOR = re.compile(
    r"^(receipt|tax invoice|invoice|sales receipt|welcome|order|customer copy|merchant copy|"
    r"thank you|date|tel|phone|www\.|http|vat no|vat reg|tax id|abn|gst no)|@|\.com\b",
    re.IGNORECASE,
)
_ADDRESS = re.compile(r"^\d+[\s,]|\b(st|street|ave|avenue|rd|road|blvd|strasse|straße|rue)\b", re.I)


@dataclass(frozen=True)
class Found:
    """A value read from a row, how sure, and the row."""

    value: object
    confidence: float
    line: str | None


NOTHING = Found(None, 0.0, None)


def total_in(rows: list[tuple[str, float]]) -> Found:
    """The amount paid: the amount on the row with the strongest total label (the amount on
    the next row when the label stands alone); else the largest amount, marked unsure."""
    best: tuple[float, Decimal, str] | None = None
    for index, (text, score) in enumerate(rows):
        if _NOT_TOTAL.search(text):
            continue
        strength = next((s for p, s in _TOTAL_LABELS if re.search(p, text, re.IGNORECASE)), 0.0)
        if not strength:
            continue
        amounts = amounts_in(text)
        if not amounts and index + 1 < len(rows):
            following, score = rows[index + 1]
            amounts = amounts_in(following) if not re.search("[a-z]{3}", following) else []
            text = f"{text} {following}"
        if not amounts:
            continue
        candidate = (strength * score, amounts[-1], text)
        if best is None or (candidate[0], candidate[1]) > (best[0], best[1]):
            best = candidate
    if best is not None:
        return Found(best[1], round(best[0], 3), best[2])
    every = [(amount, text, score) for text, score in rows for amount in amounts_in(text)]
    if not every:
        return NOTHING
    amount, text, score = max(every, key=lambda item: item[0])
    return Found(amount, round(0.4 * score, 3), text)


def tax_in(rows: list[tuple[str, float]]) -> Found:
    """Tax when printed: a 'total tax' row, else the sum of the tax rows."""
    taxed = [(t, s) for t, s in rows if _TAX.search(t) and amounts_in(t)]
    totals = [(t, s) for t, s in taxed if _TAX_TOTAL.search(t)]
    if totals:
        text, score = totals[-1]
        return Found(amounts_in(text)[-1], round(0.9 * score, 3), text)
    if not taxed:
        return NOTHING
    amount = sum((amounts_in(t)[-1] for t, _ in taxed), Decimal(0))
    return Found(amount, round(0.9 * min(s for _, s in taxed), 3), " | ".join(t for t, _ in taxed))


def vendor_in(rows: list[tuple[str, float]]) -> Found:
    """The business's name: the first row near the top that reads like a name."""
    for position, (text, score) in enumerate(rows[:6]):
        name = text.strip(" *-=#:")
        letters = sum(ch.isalpha() for ch in name)
        if letters < 3 or letters < len(name.replace(" ", "")) / 2:
            continue
        if _NOT_VENDOR.search(name) or _ADDRESS.search(name) or amounts_in(name):
            continue
        return Found(name, round(score * (0.9 if position < 2 else 0.7), 3), text)
    return NOTHING
