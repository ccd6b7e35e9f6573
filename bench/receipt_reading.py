"""Reading receipts: how long one takes, and how much of the generated corpus is read right.

The corpus is the test suite's own (tests/receipts/corpus.py): 42 receipts rendered with
Pillow in three layouts, five fonts, four print sizes, seven currencies and several date
formats; flat, tilted, sideways, blurred, noisy and JPEG-compressed photos; text PDFs and
scanned PDFs. Each is read once by `harvestkit.receipts.read` in this process, after one
warm-up read that loads the OCR engine (its load time is reported apart). A read is timed
from the file's bytes to the finished reading (PDF text or OCR, then the figures); text
PDFs take milliseconds, images and scans the OCR engine's time. The OCR engine runs on one
thread (HARVESTKIT_OCR_THREADS, the default), as it does under the test suite's two workers.

Accuracy: a total or date is right when it equals the truth exactly; a vendor when it
matches ignoring case and punctuation; a category when the proposal against the demo
account's categories is the true one. The load average is recorded with the figures:
the machine is shared, and read times grow with its load.
"""

from __future__ import annotations

import os
import re
import statistics
import time
from typing import Any

from harvestkit.receipts import propose_category, read
from tests.receipts.corpus import CATEGORIES, corpus


def _name(text: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (text or "").casefold()).strip()


def run() -> dict[str, Any]:
    receipts = corpus(42)
    started = time.perf_counter()
    read(receipts[0].data, receipts[0].name)  # loads the OCR engine
    engine_load = time.perf_counter() - started
    seconds: list[float] = []
    ocr_seconds: list[float] = []
    right = {"total": 0, "date": 0, "vendor": 0, "category": 0, "currency": 0}
    load_before = os.getloadavg()[0]
    for receipt in receipts:
        began = time.perf_counter()
        got = read(receipt.data, receipt.name)
        elapsed = time.perf_counter() - began
        seconds.append(elapsed)
        if got.source == "ocr":
            ocr_seconds.append(elapsed)
        guess = propose_category(got.vendor.value, got.lines, CATEGORIES)
        right["total"] += got.total.value == receipt.total
        right["date"] += got.date.value == receipt.spent
        right["vendor"] += _name(got.vendor.value) == _name(receipt.vendor)
        right["category"] += guess.name == receipt.category
        right["currency"] += got.currency.value == receipt.currency
    count = len(receipts)
    figures: dict[str, Any] = {
        "receipts": count,
        "read_by_ocr": len(ocr_seconds),
        "first_read_with_engine_load_s": round(engine_load, 2),
        "read_median_s": round(statistics.median(seconds), 3),
        "read_p90_s": round(statistics.quantiles(seconds, n=10)[-1], 3),
        "ocr_read_median_s": round(statistics.median(ocr_seconds), 3),
        "ocr_read_max_s": round(max(ocr_seconds), 3),
    }
    for field, hits in right.items():
        figures[f"{field}_right"] = f"{hits}/{count} ({100 * hits / count:.1f} %)"
    figures["load_average_1min_before"] = round(load_before, 2)
    figures["load_average_1min_after"] = round(os.getloadavg()[0], 2)
    return figures


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}: {value}")
