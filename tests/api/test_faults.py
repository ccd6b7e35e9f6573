"""Under injected faults, creating N time entries leaves exactly N in the sandbox."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

import httpx
import pytest

from harvestkit.api import AsyncHarvest

from .conftest import ACCOUNT_ID, TOKEN, client_options, make_app, serve
from .world import SPENT

N = 500
CONCURRENCY = 25


async def setup_project(h: AsyncHarvest) -> tuple[int, int]:
    client = await h.clients.create(name="Faulty Inc")
    task = await h.tasks.create(name="Build")
    project = await h.projects.create(
        client_id=client.id, name="Resilience", is_billable=True, bill_by="none", budget_by="none"
    )
    await h.projects.task_assignments.create(project.id, task_id=task.id)
    return project.id, task.id


async def create_many(h: AsyncHarvest, project_id: int, task_id: int) -> list[int]:
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(N):
        queue.put_nowait(i)
    created: list[int] = []

    async def worker() -> None:
        while not queue.empty():
            i = queue.get_nowait()
            entry = await h.time_entries.create(
                project_id=project_id,
                task_id=task_id,
                spent_date=SPENT,
                hours=Decimal("0.25"),
                notes=f"entry {i}",
            )
            created.append(entry.id)

    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return created


async def notes_in_sandbox(h: AsyncHarvest) -> list[str]:
    return [entry.notes or "" async for entry in h.time_entries.list(per_page=2000)]


def assert_exactly_once(created: list[int], notes: list[str]) -> None:
    assert len(created) == len(set(created)) == N
    assert sorted(notes) == sorted(f"entry {i}" for i in range(N))


@pytest.mark.slow
@pytest.mark.anyio
async def test_storm_throttling_and_5xx_lose_nothing_and_double_nothing() -> None:
    app = make_app(seed="empty")
    faults = app.state.sandbox.faults
    async with AsyncHarvest(
        TOKEN, ACCOUNT_ID, transport=httpx.ASGITransport(app=app), **client_options()
    ) as h:
        project_id, task_id = await setup_project(h)
        faults.update(
            storm_seconds=1, throttle_rate=0.05, error_rate=0.1, error_after_commit_rate=0.1, seed=7
        )
        created = await create_many(h, project_id, task_id)
        injected: dict[str, Any] = dict(faults.injected)
        faults.clear()
        assert_exactly_once(created, await notes_in_sandbox(h))
    assert all(
        injected.get(kind, 0) > 0 for kind in ("storm", "throttle", "error", "error_after_commit")
    )


@pytest.mark.slow
@pytest.mark.anyio
async def test_connections_dropped_after_commit_lose_nothing_and_double_nothing() -> None:
    app = make_app(seed="empty")
    faults = app.state.sandbox.faults
    with serve(app) as url:
        options = client_options() | {"base_url": f"{url}/v2", "identity_url": url}
        async with AsyncHarvest(TOKEN, ACCOUNT_ID, **options) as h:
            project_id, task_id = await setup_project(h)
            faults.update(
                drop_after_commit_rate=0.1, error_after_commit_rate=0.05, error_rate=0.05, seed=11
            )
            created = await create_many(h, project_id, task_id)
            injected: dict[str, Any] = dict(faults.injected)
            faults.clear()
            assert_exactly_once(created, await notes_in_sandbox(h))
    assert injected.get("drop_after_commit", 0) > 0 and injected.get("error_after_commit", 0) > 0
