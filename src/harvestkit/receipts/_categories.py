"""Which of an account's expense categories a receipt belongs to, from its vendor and words.

Each kind of spending has words that give it away ("taxi", "Uber", "train" are travel) and
the names accounts give its category ("Travel", "Transportation"). The vendor's name counts
double. A category is proposed only when one kind clearly wins and the account has a
category of that kind; otherwise the answer is None and the person is asked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["DEFAULT_CATEGORIES", "CategoryGuess", "propose_category"]


@dataclass(frozen=True)
class _Kind:
    names: tuple[str, ...]
    words: tuple[str, ...]


_KINDS = (
    _Kind(
        ("travel", "transportation", "transport", "travel expenses", "taxi"),
        ("taxi", "cab", "uber", "lyft", "bolt", "train", "rail", "railway", "amtrak", "eurostar",
         "sncf", "bahn", "airline", "airlines", "airways", "flight", "boarding", "airport",
         "parking", "toll", "fuel", "petrol", "gasoline", "metro", "transit", "bus", "coach",
         "ferry", "car rental", "hertz", "avis", "ride", "trip", "fare", "ticket", "mileage"),
    ),
    _Kind(
        ("lodging", "accommodation", "hotel", "hotels", "lodging and travel"),
        ("hotel", "inn", "motel", "suites", "resort", "airbnb", "hostel", "marriott", "hilton",
         "hyatt", "lodge", "room", "nights", "night", "check-in", "check-out", "guest"),
    ),
    _Kind(
        ("meals", "food", "meals & entertainment", "meals and entertainment", "dining"),
        ("restaurant", "cafe", "café", "coffee", "bistro", "diner", "pizza", "pizzeria", "grill",
         "kitchen", "bakery", "pub", "burger", "sushi", "deli", "starbucks", "lunch", "dinner",
         "breakfast", "meal", "espresso", "latte", "sandwich", "salad", "brasserie", "trattoria",
         "noodle", "taqueria", "tavern", "gratuity", "server", "table"),
    ),
    _Kind(
        ("software", "software & subscriptions", "subscriptions", "software subscriptions", "saas"),
        ("software", "subscription", "saas", "license", "licence", "cloud", "github", "adobe",
         "atlassian", "slack", "zoom", "figma", "notion", "dropbox", "jetbrains", "hosting",
         "aws", "plan", "monthly", "annual", "seats", "seat", "workspace", "app", "pro plan",
         "billing period", "renewal"),
    ),
    _Kind(
        ("office supplies", "office", "supplies", "office expenses"),
        ("office", "staples", "supplies", "stationery", "paper", "printer", "toner", "ink",
         "pens", "notebook", "envelopes", "office depot"),
    ),
    _Kind(
        ("entertainment",),
        ("cinema", "theatre", "theater", "concert", "tickets", "event", "museum", "bowling"),
    ),
)  # fmt: skip

DEFAULT_CATEGORIES = tuple(kind.names[0].title() for kind in _KINDS)
"""Names used when no account's categories are given (e.g. `harvestkit receipts read`)."""


@dataclass(frozen=True)
class CategoryGuess:
    """The proposed category name (one of those given) and how sure."""

    name: str | None
    confidence: float
    words: tuple[str, ...]
    """The words on the receipt that pointed to it."""


def _hits(kind: _Kind, text: str) -> list[str]:
    return [w for w in kind.words if re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", text)]


def _category_of(kind: _Kind, categories: Sequence[str]) -> str | None:
    by_name = {c.strip().casefold(): c for c in categories}
    for name in kind.names:
        if name in by_name:
            return by_name[name]
    for name in kind.names:
        for folded, original in by_name.items():
            if name in folded.split() or folded in name.split():
                return original
    return None


def propose_category(
    vendor: str | None, lines: Sequence[str], categories: Sequence[str]
) -> CategoryGuess:
    """The category among `categories` that the receipt's vendor and words point to."""
    vendor_text = (vendor or "").casefold()
    body = " ".join(lines).casefold()
    scored = []
    for kind in _KINDS:
        in_vendor, in_body = _hits(kind, vendor_text), _hits(kind, body)
        score = 2 * len(in_vendor) + len(in_body)
        if score:
            scored.append((score, kind, tuple(dict.fromkeys(in_vendor + in_body))))
    scored.sort(key=lambda item: -item[0])
    for position, (score, kind, words) in enumerate(scored):
        name = _category_of(kind, categories)
        if name is None:
            continue
        runner_up = next((s for s, k, _ in scored if k is not kind), 0)
        if position > 0 or score <= runner_up:
            return CategoryGuess(None, 0.3, words)
        confidence = 0.9 if score >= 3 and score >= 2 * runner_up else 0.6
        return CategoryGuess(name, confidence, words)
    return CategoryGuess(None, 0.0, ())
