"""Reading receipts: total, currency, date, vendor and tax from a photo, scan or PDF.

This package depends on nothing else in harvestkit; the tools and the command line use it.
Heavy imports (the OCR engine, PDF and image libraries) happen on the first read, so a
process that never reads a receipt never loads them.
"""

from __future__ import annotations

from ._categories import DEFAULT_CATEGORIES, CategoryGuess, propose_category
from ._files import MAX_BYTES, check_size
from ._model import ReadValue, ReceiptError, ReceiptReading, RefusalKind
from ._read import read

__all__ = [
    "DEFAULT_CATEGORIES",
    "MAX_BYTES",
    "CategoryGuess",
    "ReadValue",
    "ReceiptError",
    "ReceiptReading",
    "RefusalKind",
    "check_size",
    "propose_category",
    "read",
]
