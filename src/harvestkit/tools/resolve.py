"""Names → ids, safely: what a person calls a project, task, client or colleague, matched
against what the calling user can actually use.

Reference data (who am I, the company's week and tracking mode, my project and task
assignments) is fetched once and kept in `AsyncHarvest.cache` per account and user with a TTL,
so a warm outcome pays only for its own reads and writes. Matching is fuzzy (rapidfuzz) and
counts project codes and client names; one clear winner goes ahead, several close ones become
a `choice` question, and an unknown name is a `ToolError` listing the nearest candidates —
never a guess and never a new record.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from rapidfuzz import fuzz, utils

from harvestkit.api import AsyncHarvest

from ._tool import Choice, Question, ToolContext, ToolError
from .timeframes import local_today, zone_for

__all__ = [
    "REFERENCE_TTL",
    "Candidate",
    "Me",
    "ProjectOption",
    "TaskOption",
    "cached",
    "choose",
    "clients",
    "load_me",
    "my_projects",
    "people",
    "resolve_client",
    "resolve_person",
    "resolve_project",
    "resolve_task",
    "today",
    "visible_projects",
]

REFERENCE_TTL = 300.0
"""Seconds reference data stays cached: long enough for a conversation, short enough that a
new assignment shows up soon."""

CLEAR = 80.0
"""A best score at or above this is a match."""
CLOSE = 8.0
"""Other candidates within this many points of the best make the match ambiguous."""
FLOOR = 45.0
"""Candidates scoring below this are not worth offering."""

_FILLER = re.compile(r"\b(the|account|project|client|on|for|task)\b", re.IGNORECASE)


@dataclass(frozen=True)
class TaskOption:
    """A task the user can log time to on one project."""

    id: int
    name: str
    billable: bool


@dataclass(frozen=True)
class ProjectOption:
    """A project as the resolver knows it, with the names people use for it."""

    id: int
    name: str
    code: str | None
    client_id: int | None
    client_name: str | None
    tasks: tuple[TaskOption, ...] = ()
    currency: str | None = None

    def label(self) -> str:
        """ "Website Redesign [WCO-WEB] (Williams & Co)" — for choices and candidate lists."""
        code = f" [{self.code}]" if self.code else ""
        client = f" ({self.client_name})" if self.client_name else ""
        return f"{self.name}{code}{client}"


@dataclass(frozen=True)
class Me:
    """The calling user and the company settings every outcome needs."""

    user_id: int
    name: str
    access_roles: tuple[str, ...]
    timezone: str | None
    weekly_capacity: int | None
    week_start_day: str
    timestamp_mode: bool
    clock: str | None

    @property
    def is_admin(self) -> bool:
        """Administrators see and manage everything."""
        return "administrator" in self.access_roles

    @property
    def is_manager(self) -> bool:
        """Managers see the projects they manage and their people."""
        return self.is_admin or "manager" in self.access_roles


_COMBINED = 3
"""Index in `Candidate.names` of the combined "client project" name, where present."""


@dataclass(frozen=True)
class Candidate:
    """A thing a name may refer to, with every string it may be called by."""

    id: int
    label: str
    names: tuple[str, ...]


async def _prefix(h: AsyncHarvest) -> str:
    # Per account and credential: a shared cache must never hand one user's view to another.
    # The token is hashed, never stored.
    config = h._core.config
    token = await config.tokens.get_token_async()
    digest = hashlib.sha256(token.encode()).hexdigest()[:16]
    return f"harvestkit.outcomes:{config.account_id}:{digest}"


async def cached(h: AsyncHarvest, key: str, load: Any) -> Any:
    """`await load()` once per TTL for this account and credential; reference data only."""
    return await _cached(h, key, load)


async def _cached(h: AsyncHarvest, key: str, load: Any) -> Any:
    full = f"{await _prefix(h)}:{key}"
    value = h.cache.get(full)
    if value is None:
        value = await load()
        h.cache.set(full, value, REFERENCE_TTL)
    return value


async def load_me(ctx: ToolContext) -> Me:
    """The calling user and company settings (two requests cold, none warm)."""
    h = ctx.harvest

    async def load() -> Me:
        user = await h.call("users.me")
        company = await h.call("company.retrieve")
        return Me(
            user_id=user.id,
            name=f"{user.first_name or ''} {user.last_name or ''}".strip(),
            access_roles=tuple(user.access_roles or ()),
            timezone=user.timezone,
            weekly_capacity=user.weekly_capacity,
            week_start_day=company.week_start_day or "Monday",
            timestamp_mode=bool(company.wants_timestamp_timers),
            clock=company.clock,
        )

    me: Me = await _cached(h, "me", load)
    return me


async def today(ctx: ToolContext) -> date:
    """Today's date where the calling user is (their Harvest time zone), at `ctx.now()`."""
    me = await load_me(ctx)
    return local_today(ctx.now(), zone_for(me.timezone))


async def my_projects(ctx: ToolContext) -> tuple[ProjectOption, ...]:
    """The active projects and tasks the calling user may log time to, across every page."""
    h = ctx.harvest

    async def load() -> tuple[ProjectOption, ...]:
        found = []
        async for pa in h.paginate("users.project_assignments.list_mine"):
            if pa.is_active is False or pa.project is None or pa.project.id is None:
                continue
            tasks = tuple(
                TaskOption(ta.task.id, ta.task.name or "", bool(ta.billable))
                for ta in pa.task_assignments or ()
                if ta.task is not None and ta.task.id is not None and ta.is_active is not False
            )
            found.append(
                ProjectOption(
                    id=pa.project.id,
                    name=pa.project.name or "",
                    code=pa.project.code,
                    client_id=pa.client.id if pa.client else None,
                    client_name=pa.client.name if pa.client else None,
                    tasks=tasks,
                    currency=pa.client.currency if pa.client else None,
                )
            )
        return tuple(found)

    projects: tuple[ProjectOption, ...] = await _cached(h, "my_projects", load)
    return projects


async def visible_projects(ctx: ToolContext) -> tuple[ProjectOption, ...]:
    """Projects the user may ask about: every project for administrators, their own
    assignments (including the ones they manage) for everyone else."""
    me = await load_me(ctx)
    if not me.is_admin:
        return await my_projects(ctx)
    h = ctx.harvest

    async def load() -> tuple[ProjectOption, ...]:
        return tuple(
            [
                ProjectOption(
                    id=p.id,
                    name=p.name or "",
                    code=p.code,
                    client_id=p.client.id if p.client else None,
                    client_name=p.client.name if p.client else None,
                    currency=p.client.currency if p.client else None,
                )
                async for p in h.paginate("projects.list")
            ]
        )

    projects: tuple[ProjectOption, ...] = await _cached(h, "all_projects", load)
    return projects


async def people(ctx: ToolContext) -> tuple[Candidate, ...]:
    """People the user may ask about: everyone for managers and administrators, else only
    themselves."""
    me = await load_me(ctx)
    if not me.is_manager:
        return (Candidate(me.user_id, me.name, (me.name, "me", "myself")),)
    h = ctx.harvest

    async def load() -> tuple[Candidate, ...]:
        found = []
        async for u in h.paginate("users.list", is_active=True):
            name = f"{u.first_name or ''} {u.last_name or ''}".strip()
            found.append(Candidate(u.id, name, (name, u.first_name or "", u.email or "")))
        return tuple(found)

    everyone: tuple[Candidate, ...] = await _cached(h, "people", load)
    return everyone


def _score(query: str, names: tuple[str, ...]) -> float:
    """Best similarity of `query` to any of `names`. Single names use WRatio (typos, partial
    words); a name with several parts ("Client Project") uses the token set ratio only, since
    WRatio's partial matching would let "Website Redesign" match "… Website Maintenance"."""
    cleaned = _FILLER.sub(" ", query).strip() or query
    best = 0.0
    for i, name in enumerate(names):
        if not name:
            continue
        if utils.default_process(name) == utils.default_process(cleaned):
            return 100.0
        scorer = fuzz.token_set_ratio if i == _COMBINED else fuzz.WRatio
        best = max(best, scorer(cleaned, name, processor=utils.default_process))
    return best


def choose(ctx: ToolContext, *, key: str, kind: str, query: str, pool: list[Candidate]) -> int:
    """The id `query` names among `pool`.

    A numeric query is taken as an id (it must be in the pool). One clear match is returned;
    several close ones are asked about under `key` (raises `NeedsInput` until answered);
    nothing close raises `ToolError` with the nearest candidates and writes nothing.
    """
    text = query.strip()
    if text.isdigit():
        for candidate in pool:
            if candidate.id == int(text):
                return candidate.id
        raise ToolError(
            f"no {kind} with id {text} is available to you",
            hint=f"use one of the listed {kind} ids or a {kind} name",
            candidates=[{"id": c.id, "name": c.label} for c in pool[:10]],
        )
    scored = sorted(((_score(text, c.names), c) for c in pool), key=lambda s: -s[0])
    if not scored or scored[0][0] < CLEAR:
        near = [{"id": c.id, "name": c.label} for s, c in scored[:5] if s >= FLOOR]
        raise ToolError(
            f"no {kind} matching {text!r} is available to you; nothing was changed",
            hint=f"pick one of the candidates by id, or check the {kind} name",
            candidates=near or [{"id": c.id, "name": c.label} for _, c in scored[:5]],
        )
    top = scored[0][0]
    close = [c for s, c in scored if s >= CLEAR and top - s <= CLOSE]
    if len(close) == 1:
        return close[0].id
    answer = ctx.ask(
        Question(
            key=key,
            message=f"Which {kind} did you mean by {text!r}?",
            kind="choice",
            choices=tuple(Choice(str(c.id), c.label) for c in close),
        )
    )
    chosen = str(answer).strip()
    if chosen not in {str(c.id) for c in close}:
        raise ToolError(
            f"{answer!r} is not one of the offered {kind}s",
            candidates=[{"id": c.id, "name": c.label} for c in close],
        )
    return int(chosen)


def _project_candidate(p: ProjectOption) -> Candidate:
    names = (p.name, p.code or "", p.client_name or "", f"{p.client_name or ''} {p.name}")
    return Candidate(p.id, p.label(), names)


def resolve_project(
    ctx: ToolContext, query: str, projects: tuple[ProjectOption, ...], *, key: str
) -> ProjectOption:
    """The project `query` names (name, code, client name or id) among `projects`."""
    chosen = choose(
        ctx, key=key, kind="project", query=query, pool=[_project_candidate(p) for p in projects]
    )
    return next(p for p in projects if p.id == chosen)


def resolve_task(
    ctx: ToolContext, query: str | None, project: ProjectOption, *, key: str
) -> TaskOption:
    """The task `query` names on `project`; with no query, the only task or a question."""
    if not project.tasks:
        raise ToolError(f"project {project.name!r} has no tasks you can log time to")
    pool = [Candidate(t.id, t.name, (t.name,)) for t in project.tasks]
    if query is None or not query.strip():
        if len(project.tasks) == 1:
            return project.tasks[0]
        answer = ctx.ask(
            Question(
                key=key,
                message=f"Which task on {project.name!r}?",
                kind="choice",
                choices=tuple(Choice(str(t.id), t.name) for t in project.tasks),
            )
        )
        query = str(answer)
    chosen = choose(ctx, key=key, kind="task", query=query, pool=pool)
    return next(t for t in project.tasks if t.id == chosen)


async def resolve_person(ctx: ToolContext, query: str | None, *, key: str) -> Candidate:
    """The person `query` names ("me" or empty → the caller) among the people visible to
    the caller."""
    me = await load_me(ctx)
    if query is None or query.strip().lower() in ("", "me", "myself", "i"):
        return Candidate(me.user_id, me.name, (me.name,))
    pool = list(await people(ctx))
    chosen = choose(ctx, key=key, kind="person", query=query, pool=pool)
    return next(c for c in pool if c.id == chosen)


async def clients(ctx: ToolContext) -> tuple[Candidate, ...]:
    """Clients the user may ask about: every client for administrators, else the clients of
    their projects."""
    me = await load_me(ctx)
    if not me.is_admin:
        seen: dict[int, str] = {}
        for p in await visible_projects(ctx):
            if p.client_id is not None:
                seen[p.client_id] = p.client_name or ""
        return tuple(Candidate(cid, name, (name,)) for cid, name in seen.items())
    h = ctx.harvest

    async def load() -> tuple[Candidate, ...]:
        return tuple(
            [
                Candidate(c.id, c.name or "", (c.name or "",))
                async for c in h.paginate("clients.list")
            ]
        )

    everyone: tuple[Candidate, ...] = await _cached(h, "clients", load)
    return everyone


async def resolve_client(ctx: ToolContext, query: str, *, key: str) -> Candidate:
    """The client `query` names (or its id) among the clients visible to the caller."""
    pool = list(await clients(ctx))
    chosen = choose(ctx, key=key, kind="client", query=query, pool=pool)
    return next(c for c in pool if c.id == chosen)
