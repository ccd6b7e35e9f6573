"""Read one receipt: its file, its text, then the figures."""

from __future__ import annotations

import hashlib
from decimal import Decimal

from ._amounts import currency_in
from ._dates import date_in
from ._fields import tax_in, total_in, vendor_in
from ._files import load
from ._model import ReadValue, ReceiptError, ReceiptReading

__all__ = ["read"]

MIN_SCORE = 0.5
"""Rows the engine reads with less confidence than this are noise, not print."""


def _text_rows(data: bytes) -> tuple[list[tuple[str, float]], str]:
    pages = load(data)
    if pages.text_lines:
        return [(line, 1.0) for line in pages.text_lines], "text"
    from ._ocr import read_rows

    rows = [(r.text, r.score) for image in pages.images for r in read_rows(image)]
    return [(t, s) for t, s in rows if s >= MIN_SCORE], "ocr"


def read(data: bytes, file_name: str) -> ReceiptReading:
    """What the receipt in `data` says, or a ReceiptError saying why it cannot be read."""
    rows, source = _text_rows(data)
    lines = [text for text, _ in rows]
    if sum(ch.isalnum() for line in lines for ch in line) < 12:
        raise ReceiptError(
            "unreadable",
            "no text could be read from this file",
            hint="photograph the receipt flat, in good light, with the whole slip in view",
        )
    total = total_in(rows)
    if total.value is None:
        raise ReceiptError(
            "not_a_receipt",
            "this does not look like a receipt: no amount of money is printed on it",
            hint="check that it is the right file",
        )
    currency, currency_confidence, currency_line = currency_in(lines)
    spent, date_confidence, date_line = date_in(lines, currency)
    vendor, tax = vendor_in(rows), tax_in(rows)
    assert isinstance(total.value, Decimal)
    return ReceiptReading(
        file_name=file_name,
        sha256=hashlib.sha256(data).hexdigest(),
        source=source,
        total=ReadValue(value=total.value, confidence=total.confidence, line=total.line),
        currency=ReadValue(value=currency, confidence=currency_confidence, line=currency_line),
        date=ReadValue(value=spent, confidence=date_confidence, line=date_line),
        vendor=ReadValue(value=vendor.value, confidence=vendor.confidence, line=vendor.line),
        tax=ReadValue(value=tax.value, confidence=tax.confidence, line=tax.line),
        lines=lines,
    )
