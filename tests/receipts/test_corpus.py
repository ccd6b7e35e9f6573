"""Accuracy over the generated corpus: totals and dates exact on at least 95 % of receipts,
vendors on at least 90 %, categories (against the demo account's) on at least 90 %.

The corpus is read in two halves so the suite's two workers share the work; each half
must meet the targets on its own, which is stricter than the whole corpus meeting them.
"""

from __future__ import annotations

import re

import pytest

from harvestkit.receipts import propose_category, read

from .corpus import CATEGORIES, Receipt, corpus

TARGETS = {"total": 0.95, "date": 0.95, "vendor": 0.90, "category": 0.90}
COUNT = 42


def _name(text: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (text or "").casefold()).strip()


def score(receipt: Receipt) -> dict[str, bool]:
    """Which of the receipt's facts were read right."""
    got = read(receipt.data, receipt.name)
    category = propose_category(got.vendor.value, got.lines, CATEGORIES)
    return {
        "total": got.total.value == receipt.total,
        "date": got.date.value == receipt.spent,
        "vendor": _name(got.vendor.value) == _name(receipt.vendor),
        "category": category.name == receipt.category,
    }


def test_the_corpus_is_varied() -> None:
    receipts = corpus(COUNT)
    kinds = {r.name.rsplit(".", 1)[1] for r in receipts}
    assert kinds == {"png", "jpg", "tif", "pdf"}
    assert len({r.currency for r in receipts}) >= 6
    assert len({r.category for r in receipts}) == 4


@pytest.mark.parametrize("half", [0, 1])
def test_accuracy(half: int) -> None:
    receipts = corpus(COUNT)[half::2]
    results = [score(r) for r in receipts]
    for field, target in TARGETS.items():
        right = sum(r[field] for r in results)
        missed = [rec.name for rec, r in zip(receipts, results, strict=True) if not r[field]]
        assert right / len(results) >= target, f"{field}: {right}/{len(results)}; missed {missed}"
