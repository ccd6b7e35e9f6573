"""The name index: its scoring of de-duplicated names gives exactly the scores of scoring every
name of every candidate, and the identity cache hands back what it built for the very same
tuple only."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz, utils

from harvestkit.tools._names import COMBINED, IdentityCache, NameIndex, normalize

CODENAMES = ["Acorn", "Amber", "Apex", "Aspen", "Atlas", "Birch", "Cedar", "Coral", "Delta",
             "Echo", "Fern", "Helix", "Iris", "Sky"]  # fmt: skip
WORK = ["Website Redesign", "Website Maintenance", "Mobile App", "SEO Audit", "Brand Refresh",
        "Annual Report", "Data Migration", "UX Research", "Intranet", "Chatbot"]  # fmt: skip
CLIENTS = ["Williams & Co", "Northwind Outfitters", "Lumen Health", "Kettle & Crumb", "Atlas"]


def _pool() -> list[tuple[str, ...]]:
    """Projects as the resolver names them: name, code, client, "client project"."""
    rng = random.Random(7)
    pool: list[tuple[str, ...]] = []
    for i, name in enumerate(f"{c} {w}" for c in CODENAMES for w in WORK):
        client = rng.choice(CLIENTS)
        code = f"{client[:3].upper()}-{i:03d}" if i % 4 else ""
        pool.append((name, code, client, f"{client} {name}"))
    pool.append(("Sky", "", "", " Sky"))  # a one-word name, no client or code
    return pool


def _queries(pool: list[tuple[str, ...]]) -> list[str]:
    rng = random.Random(11)
    queries = ["sky", "website", "acorn websit redesign", "the williams account", "xq", "zzzz"]
    queries += ["websiteredesign", "redesign website acorn", "wil-012", "lumen", "co"]
    for _ in range(40):
        name = rng.choice(rng.choice(pool)[:3] or ("",)) or "atlas"
        cut = rng.randrange(len(name))
        queries.append(rng.choice([name[:cut] + name[cut + 1 :], name[: cut + 2], name.upper()]))
    return queries


def _every_name(pool: list[tuple[str, ...]], query: str, cutoff: float) -> dict[int, float]:
    best: dict[int, float] = {}
    for position, names in enumerate(pool):
        for slot, name in enumerate(names):
            text = utils.default_process(name)
            if not text:
                continue
            scorer = fuzz.token_set_ratio if slot == COMBINED else fuzz.WRatio
            score = scorer(query, text, score_cutoff=cutoff)
            if score >= cutoff and score > best.get(position, -1.0):
                best[position] = score
    return best


@pytest.mark.parametrize("cutoff", [80.0, 45.0, 0.0])
def test_index_scores_equal_scoring_every_name(cutoff: float) -> None:
    pool = _pool()
    index = NameIndex(pool)
    for text in _queries(pool):
        query = normalize(text)
        if query:
            assert index.scores(query, cutoff) == pytest.approx(_every_name(pool, query, cutoff)), (
                text
            )


def test_exact_names_map_to_every_candidate_called_so() -> None:
    index = NameIndex([("Website", "WCO-WEB"), ("Website", ""), ("Intranet", "INT-WEB")])
    assert index.named("website") == (0, 1)
    assert index.named("int web") == (2,)
    assert index.named("") == ()
    assert index.named("web") == ()


def test_the_cache_builds_once_per_tuple_and_forgets_the_oldest() -> None:
    cache: IdentityCache[str] = IdentityCache(slots=2)
    built: list[str] = []

    def build(label: str) -> str:
        built.append(label)
        return label

    first, second, third = (1, 2), (1, 2, 3), (4,)
    assert cache.get(first, lambda: build("first")) == "first"
    assert cache.get(first, lambda: build("again")) == "first"
    assert cache.get(tuple([1, 2]), lambda: build("equal")) == "equal"  # not the same tuple
    cache.get(second, lambda: build("second"))
    cache.get(third, lambda: build("third"))  # two slots: the least recently used goes
    assert cache.get(third, lambda: build("third again")) == "third"
    assert cache.get(first, lambda: build("first again")) == "first again"
    assert built == ["first", "equal", "second", "third", "first again"]
