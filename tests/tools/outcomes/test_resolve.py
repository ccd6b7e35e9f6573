"""Names → ids: visibility per role, fuzzy matching, ids, and the per-user reference cache."""

from __future__ import annotations

import pytest

from harvestkit.api import InMemoryCache
from harvestkit.tools import NeedsInput, ToolError
from harvestkit.tools.resolve import (
    REFERENCE_TTL,
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
