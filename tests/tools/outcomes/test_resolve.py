"""Names → ids: visibility per role, exact and fuzzy matching, ids, the per-user reference
cache, and one index per pool."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import cast

import pytest

from harvestkit.api import AsyncHarvest
from harvestkit.tools import (
    REFERENCE_TTL,
    InMemoryCache,
    NeedsInput,
    ToolContext,
    ToolError,
    resolve,
)
from harvestkit.tools._names import NameIndex
from harvestkit.tools.resolve import (
    Candidate,
    ProjectOption,
    choose,
    load_me,
    my_projects,
    resolve_person,
    resolve_project,
    visible_projects,
)

from .conftest import ETHAN, RAVI, World

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Website Redesign", "Website Redesign"),
        ("website redesgn", "Website Redesign"),
        ("WCO-WEB", "Website Redesign"),
        ("the Williams account", "Website Redesign"),  # Ethan's only Williams project
        ("internal training", "Internal Training"),
        ("training", "Internal Training"),
        ("14307915", "Website Maintenance"),
    ],
)
async def test_clear_matches(world: World, query: str, expected: str) -> None:
    ctx = world.ctx(ETHAN)
    project = resolve_project(ctx, query, await my_projects(ctx), key="project")
    assert project.name == expected


async def test_ambiguous_and_unknown(world: World) -> None:
    ctx = world.ctx(ETHAN)
    projects = await my_projects(ctx)
    with pytest.raises(NeedsInput):
        resolve_project(ctx, "Website", projects, key="project")
    with pytest.raises(ToolError) as failed:
        resolve_project(ctx, "Moon Base", projects, key="project")
    assert "nothing was changed" in failed.value.message and failed.value.candidates
    with pytest.raises(ToolError):
        resolve_project(ctx, "14307914", projects, key="project")  # SEO Retainer: not Ethan's


async def test_administrator_sees_every_project_a_member_only_theirs(world: World) -> None:
    everything = await visible_projects(world.ctx())
    ravi = await visible_projects(world.ctx(RAVI))
    assert len(everything) == 15
    assert {p.name for p in ravi} == {
        "Dispatch Dashboard",
        "Annual Report Site",
        "Website Maintenance",
        "SEO Retainer",
    }
    admin_ctx = world.ctx()
    williams = [p for p in everything if p.client_name == "Williams & Co"]
    assert len(williams) == 2
    with pytest.raises(NeedsInput) as asked:
        resolve_project(admin_ctx, "Williams", everything, key="project")
    assert len(asked.value.question.choices) == 2


async def test_members_resolve_only_themselves(world: World) -> None:
    me = await resolve_person(world.ctx(RAVI), "me", key="person")
    assert me.id == RAVI
    with pytest.raises(ToolError):
        await resolve_person(world.ctx(RAVI), "Ethan", key="person")
    ethan = await resolve_person(world.ctx(), "ethan", key="person")
    assert ethan.id == ETHAN


async def test_reference_data_is_cached_per_user_with_a_ttl(world: World) -> None:
    now = [0.0]
    shared = InMemoryCache(clock=lambda: now[0])
    world.caches[ETHAN] = shared
    world.caches[RAVI] = shared  # one cache for both: keys must keep them apart
    assert (await load_me(world.ctx(ETHAN))).user_id == ETHAN
    assert (await load_me(world.ctx(RAVI))).user_id == RAVI
    before = len(world.counter.requests)
    await load_me(world.ctx(ETHAN))
    await my_projects(world.ctx(ETHAN))
    await my_projects(world.ctx(ETHAN))
    assert [p for _, p in world.counter.requests[before:]] == ["/v2/users/me/project_assignments"]
    now[0] += REFERENCE_TTL + 1
    before = len(world.counter.requests)
    await load_me(world.ctx(ETHAN))
    assert [p for _, p in world.counter.requests[before:]] == ["/v2/users/me", "/v2/company"]


# Exact names first, and one index per pool: pools built in memory, no Harvest needed.

WORK = ("Redesign", "Maintenance", "Relaunch", "Audit", "Hosting", "Migration", "Support")


def _offline(answers: dict[str, str] | None = None) -> ToolContext:
    return ToolContext(harvest=cast(AsyncHarvest, None), answers=answers or {})


def _project(pid: int, name: str, client: str, code: str | None = None) -> ProjectOption:
    return ProjectOption(pid, name, code, client_id=hash(client) % 1000, client_name=client)


def _websites() -> tuple[ProjectOption, ...]:
    """Two projects called "Website" (different clients) among many called "Website …",
    and a client with several projects; enough projects that the pool keeps its index."""
    names = [f"Website {work}" for work in WORK]
    names += [f"Website {work} {phase}" for work in WORK for phase in range(2, 10)]
    similar = [
        _project(100 + i, name, f"Client {i:02d}", f"C{i:02d}-WEB") for i, name in enumerate(names)
    ]
    return (
        *similar,
        _project(1, "Website", "Williams & Co", "WCO-WEB"),
        _project(2, "Website", "Northwind Outfitters", "NWO-WEB"),
        _project(3, "Websites", "Kettle & Crumb"),
        _project(4, "Mobile App", "Lumen Health", "LUM-APP"),
        _project(5, "Annual Report", "Lumen Health"),
        _project(6, "Intranet", "Lumen Health"),
    )


def test_an_exact_name_wins_over_many_similar_ones() -> None:
    projects = _websites()
    assert len(projects) >= resolve._CACHED_FROM
    for query, expected in [
        ("Websites", 3),  # "Website", "Website Redesign" … all score within a few points
        ("Website Redesign", 100),
        ("Mobile App", 4),
        ("c00 web", 100),  # a code, written the way the normalizer reads it
        ("Williams & Co Website", 1),  # "client project" names one of the two "Website"s
        ("the Websites project", 3),
    ]:
        assert resolve_project(_offline(), query, projects, key="project").id == expected, query


def test_projects_sharing_an_exact_name_are_asked_about_among_themselves() -> None:
    projects = _websites()
    with pytest.raises(NeedsInput) as asked:
        resolve_project(_offline(), "website", projects, key="project")
    assert [c.value for c in asked.value.question.choices] == ["1", "2"]
    answered = _offline({"project": "2"})
    assert resolve_project(answered, "website", projects, key="project").id == 2
    with pytest.raises(ToolError):
        resolve_project(_offline({"project": "100"}), "website", projects, key="project")


def test_a_client_name_asks_among_its_projects() -> None:
    with pytest.raises(NeedsInput) as asked:
        resolve_project(_offline(), "Lumen Health", _websites(), key="project")
    assert {c.value for c in asked.value.question.choices} == {"4", "5", "6"}


def test_a_pool_is_indexed_once_while_it_lives(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[int] = []

    class Counting(NameIndex):
        def __init__(self, pool: Sequence[tuple[str, ...]]) -> None:
            built.append(len(pool))
            super().__init__(pool)

    monkeypatch.setattr(resolve, "NameIndex", Counting)
    projects = _websites()
    for query in ("Mobile App", "Websites", "C01-WEB", "mobil app", "14"):
        with contextlib.suppress(ToolError):  # "14" is no project id here
            resolve_project(_offline(), query, projects, key="project")
    assert built == [len(projects)]
    # An equal tuple is another pool (a reload after the TTL): indexed again, once.
    again = tuple(list(projects))
    resolve_project(_offline(), "Mobile App", again, key="project")
    resolve_project(_offline(), "Mobile App", again, key="project")
    assert built == [len(projects), len(projects)]
    # A list may change between calls, so it is never taken from the cache.
    pool = [Candidate(p.id, p.label(), (p.name,)) for p in projects]
    choose(_offline(), key="project", kind="project", query="Intranet", pool=pool)
    choose(_offline(), key="project", kind="project", query="Intranet", pool=pool)
    assert len(built) == 4
