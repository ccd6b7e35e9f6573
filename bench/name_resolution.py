"""Name resolution at scale: `resolve_project` over 10 000 projects.

Outcome tools turn what a person calls a project into an id with
`harvestkit.tools.resolve.resolve_project` (name, code, client name or id; fuzzy, with a
question when several projects are close). This times that function alone against
10 000 projects of 1 000 clients generated in memory (deterministic: the same names on
every run); no Harvest request is made or timed.

Queries, 250 of each kind (1 000 in all), in a shuffled order:

- ``exact``: a project's name as written;
- ``fuzzy``: a project's name in lower case with one letter dropped, some with filler
  words ("the … project");
- ``code``: a project's code;
- ``ambiguous``: a client's name, or a project's codename word alone, each naming several
  projects (the resolver should ask).

Each query is timed from the call to its outcome: a project (right or wrong), a question
(`NeedsInput`) or a "not found" `ToolError`. The outcome counts per kind say whether the
answers were right; the latencies are p50 and p99 per kind and overall. The resolver indexes
the tuple of projects on its first call and reuses the index while the tuple lives (as the
cached reference data does for `REFERENCE_TTL`); that first call is not among the timed
queries, and its time is ``index_build_ms`` (the slowest worker's).

Bounds: 1 000 queries, split over at most two worker processes (each query runs on one
core, alone in its process). Exact names, codes and client names are dict look-ups (well
under a millisecond); a fuzzy query scores all 30 000 distinct names in rapidfuzz, about
35 ms of CPU. The run takes about 8 s on a 2-core machine: a second or two to build the
projects and the index in each worker, and the fuzzy queries (about 400 × 35 ms /
workers); latencies grow with the machine's load, which the figures record.
"""

from __future__ import annotations

import os
import random
import statistics
import string
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, cast

from harvestkit.api import AsyncHarvest
from harvestkit.tools import NeedsInput, ToolContext, ToolError
from harvestkit.tools.resolve import ProjectOption, resolve_project

PROJECTS = 10_000
CLIENTS = 1_000
PER_KIND = 250
KINDS = ("exact", "fuzzy", "code", "ambiguous")
WORKERS = min(2, os.cpu_count() or 1)
SEED = 20261121

SURNAMES = """Abbott Acosta Adler Alvarez Archer Ashford Baker Barlow Bauer Bell Bennett Blake
Bowen Boyd Bradley Brennan Brooks Burke Byrne Caldwell Cameron Carver Castillo Chandler
Chen Clarke Cole Collins Conway Cooper Crane Crawford Cruz Dalton Davies Dawson Delgado
Dixon Doyle Drake Duncan Dunn Ellis Emerson Erikson Evans Farrell Fischer Fleming Flynn
Foster Fowler Fraser Fuller Garner Gibson Gordon Graham Grant Greene Griffin Hale Hammond
Harper Hartley Hayes Henderson Hoffman Holland Hopkins Howard Hughes Hunt Ingram Irwin
Jacobs Jensen Jordan Kane Keller Kelly Kennedy Kerr Klein Knight Lambert Larsen Lawson
Lindqvist Lloyd Logan Lowe Lynch Maddox Marsh Martin Mason Maxwell McBride Meyer Miller
Mitchell Monroe Moreno Morgan Murphy Nash Neumann Nolan Norris Novak Oakley Olsen Ortiz
Owens Palmer Parker Patel Pearson Perry Pierce Porter Powell Quinn Ramsey Reed Reyes
Rhodes Richter Riley Rivera Roberts Rossi Russell Ryan Salazar Sanders Schmidt Scott
Shaw Sheridan Silva Sinclair Sloane Snyder Spencer Stanton Stewart Stone Sullivan Sutton
Tanaka Taylor Thornton Torres Tucker Turner Vance Vargas Vaughn Wagner Walsh Ward Warren
Watson Weber Wells Whitaker Williams Winter Wolfe Wright Young Zimmerman""".split()  # noqa: SIM905
SUFFIXES = ["& Co", "Holdings", "Group", "Partners", "Labs", "Studio", "Foods", "Logistics",
            "Health", "Capital", "Media", "Works"]  # fmt: skip
CODENAMES = """Acorn Aero Alder Alpine Amber Anchor Apex Aria Arrow Aspen Astra Atlas Aurora
Axis Azure Basalt Beacon Birch Blaze Bloom Bolt Boreal Breeze Bridge Brook Cactus Cairn
Canyon Cascade Cedar Comet Copper Coral Cosmos Crest Crystal Cypress Dawn Delta Drift
Dune Echo Ember Falcon Fern Fjord Flint Forge Frost Galaxy Garnet Glacier Granite Grove
Harbor Hawk Hazel Helix Heron Horizon Indigo Iris Ivory Jade Jasper Juniper Kestrel
Lagoon Lantern Larch Lark Lumen Lunar Magnet Maple Marble Meadow Mesa Meteor Mint
Monarch Mosaic Nectar Nimbus Noble Nova Oasis Obsidian Ocean Olive Onyx Opal Orbit
Orchid Osprey Pebble Pepper Pine Pixel Polar Prairie Prism Pulse Quartz Quill Radiant
Raven Reef Ridge River Robin Rocket Rowan Ruby Saffron Sage Sapphire Sequoia Shore
Sierra Signal Silver Sky Slate Solar Sparrow Spruce Stellar Summit Swift Tango Terra
Thistle Thunder Tidal Timber Topaz Trail Tundra Umber Valley Vega Velvet Vertex Violet
Vista Willow Zenith Zephyr""".split()  # noqa: SIM905
WORK = ["Website Redesign", "Website Maintenance", "Mobile App", "Brand Refresh",
        "Annual Report", "SEO Audit", "Data Migration", "Marketing Campaign",
        "Product Launch", "Customer Portal", "Analytics Dashboard", "Content Strategy",
        "Video Production", "UX Research", "Cloud Migration", "Security Review",
        "Social Media", "Email Automation", "Packaging Design", "Trade Show",
        "Intranet", "Onboarding Program", "API Integration", "Photo Shoot",
        "Retainer", "Strategy Workshop", "Print Catalog", "Podcast Series",
        "Accessibility Audit", "Payment Platform", "Loyalty Program", "Sales Training",
        "Market Research", "Investor Deck", "Event Microsite", "Support Desk",
        "Inventory System", "Recruitment Drive", "Newsletter", "Design System",
        "Checkout Flow", "Style Guide", "Pricing Study", "Board Report", "Kiosk App",
        "Search Upgrade", "CRM Rollout", "Help Center", "Partner Program", "Rebrand",
        "Data Warehouse", "Voice Assistant", "Booking Engine", "Field Survey",
        "Web Shop", "Town Hall", "Ad Campaign", "Chatbot", "Brochure", "Sustainability Report",
        "Logo Design", "Launch Video", "Usability Test", "Billing Migration", "Office Move",
        "Fundraising Gala", "Wayfinding", "Price List", "Sales Portal", "Menu Redesign"]  # fmt: skip  # noqa: E501
FILLER = ("the {} project", "{} project", "the {}")


@dataclass(frozen=True)
class Query:
    kind: str
    text: str
    expected: int | None
    """The project id the query names (None for the ambiguous kind)."""


def companies() -> tuple[tuple[ProjectOption, ...], list[Query]]:
    """10 000 projects of 1 000 clients, and the 1 000 queries, the same on every run."""
    rng = random.Random(SEED)
    client_names = rng.sample([f"{s} {x}" for s in SURNAMES for x in SUFFIXES], CLIENTS)
    # Every project name is unique: a codename and a kind of work.
    names = rng.sample([f"{c} {w}" for c in CODENAMES for w in WORK], PROJECTS)
    projects = []
    for i, name in enumerate(names):
        client = i % CLIENTS
        prefix = "".join(ch for ch in client_names[client].upper() if ch in string.ascii_uppercase)
        projects.append(
            ProjectOption(
                id=14_300_000 + i,
                name=name,
                code=f"{prefix[:3]}-{i:04d}",
                client_id=5_700_000 + client,
                client_name=client_names[client],
            )
        )
    queries: list[Query] = []
    for kind in KINDS:
        for p in rng.sample(projects, PER_KIND):
            queries.append(_query(rng, kind, p))
    rng.shuffle(queries)
    return tuple(projects), queries


def _query(rng: random.Random, kind: str, p: ProjectOption) -> Query:
    if kind == "exact":
        return Query(kind, p.name, p.id)
    if kind == "code":
        return Query(kind, p.code or "", p.id)
    if kind == "fuzzy":
        words = p.name.lower().split()
        longest = max(range(len(words)), key=lambda w: len(words[w]))
        word = words[longest]
        cut = rng.randrange(1, len(word) - 1)
        words[longest] = word[:cut] + word[cut + 1 :]
        text = " ".join(words)
        if rng.random() < 0.3:
            text = rng.choice(FILLER).format(text)
        return Query(kind, text, p.id)
    if rng.random() < 0.5:
        return Query(kind, p.client_name or "", None)
    return Query(kind, p.name.split()[0], None)


def _resolve(ctx: ToolContext, projects: tuple[ProjectOption, ...], query: Query) -> str:
    try:
        found = resolve_project(ctx, query.text, projects, key="project")
    except NeedsInput:
        return "asked"
    except ToolError:
        return "not_found"
    if query.expected is None:
        return "resolved"
    return "resolved_right" if found.id == query.expected else "resolved_wrong"


def _worker(share: tuple[int, int]) -> list[tuple[str, str, float]]:
    """(kind, outcome, milliseconds) of every ``share[1]``-th query from ``share[0]``,
    after the first call's (kind ``index_build``)."""
    projects, queries = companies()
    # The resolver never touches Harvest; a context without a client is enough.
    ctx = ToolContext(harvest=cast(AsyncHarvest, None))
    started = time.perf_counter()
    _resolve(ctx, projects, queries[0])  # builds the index once (and warms up imports)
    timed = [("index_build", "-", (time.perf_counter() - started) * 1000)]
    for query in queries[share[0] :: share[1]]:
        started = time.perf_counter()
        outcome = _resolve(ctx, projects, query)
        timed.append((query.kind, outcome, (time.perf_counter() - started) * 1000))
    return timed


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def run() -> dict[str, Any]:
    """Latency and outcomes of 1 000 resolutions over 10 000 projects."""
    started = time.perf_counter()
    with ProcessPoolExecutor(WORKERS) as pool:
        timed = [
            t for part in pool.map(_worker, [(i, WORKERS) for i in range(WORKERS)]) for t in part
        ]
    wall = time.perf_counter() - started
    builds = [ms for kind, _, ms in timed if kind == "index_build"]
    timed = [t for t in timed if t[0] != "index_build"]
    every = [ms for _, _, ms in timed]
    figures: dict[str, Any] = {
        "projects": PROJECTS,
        "clients": CLIENTS,
        "queries": len(timed),
        "p50_ms": round(statistics.median(every), 2),
        "p99_ms": round(_percentile(every, 0.99), 2),
        "max_ms": round(max(every), 2),
        "index_build_ms": round(max(builds), 1),
    }
    for kind in KINDS:
        mine = [t for t in timed if t[0] == kind]
        ms = [t[2] for t in mine]
        outcomes = Counter(t[1] for t in mine)
        figures[f"{kind}_p50_ms"] = round(statistics.median(ms), 2)
        figures[f"{kind}_p99_ms"] = round(_percentile(ms, 0.99), 2)
        figures[f"{kind}_outcomes"] = dict(sorted(outcomes.items()))
    figures.update(
        {
            "workers": WORKERS,
            "wall_seconds": round(wall, 1),
            "load_average_1min": round(os.getloadavg()[0], 2),
        }
    )
    return figures


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}: {value}")
