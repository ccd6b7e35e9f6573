"""Names → ids, safely: what a person calls a project, task, client or colleague, matched
against what the calling user can actually use.

Reference data (who am I, the company's week and tracking mode, my project and task
assignments) is fetched once and kept in the tool context's cache per account and user with a TTL,
so a warm outcome pays only for its own reads and writes. A name written exactly as a
candidate's name, code or "client project" wins outright (several candidates of that very
name become a `choice` question among just them); otherwise matching is fuzzy (rapidfuzz) and
counts project codes and client names. One clear winner goes ahead, several close ones become
a `choice` question, and an unknown name is a `ToolError` listing the nearest candidates —
never a guess and never a new record. Each pool of candidates is indexed once (see `_names`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from rapidfuzz.distance import Levenshtein

from harvestkit.api.operations import (
    CLIENTS_LIST,
    COMPANY_RETRIEVE,
    PROJECTS_LIST,
    USERS_LIST,
    USERS_ME,
    USERS_PROJECT_ASSIGNMENTS_LIST_MINE,
)

from ._names import IdentityCache, NameIndex, normalize
from ._tool import Choice, Detail, Question, ToolContext, ToolError
from .timeframes import local_today, zone_for

__all__ = [
    "Candidate",
    "Me",
    "ProjectOption",
    "TaskOption",
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


CLEAR = 80.0
"""A best score at or above this is a match."""
CLOSE = 8.0
"""Other candidates within this many points of the best make the match ambiguous."""
FLOOR = 45.0
"""Candidates scoring below this are not worth offering."""


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
    managed: bool = False
    """The caller is one of the project's managers (administrators manage every project)."""

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


@dataclass(frozen=True)
class Candidate:
    """A thing a name may refer to, with every string it may be called by. A fourth name,
    where present, is a combined "client project" name (scored by its words only)."""

    id: int
    label: str
    names: tuple[str, ...]


async def load_me(ctx: ToolContext) -> Me:
    """The calling user and company settings (two requests cold, none warm)."""
    h = ctx.harvest

    async def load() -> Me:
        user = await h.call(USERS_ME)
        company = await h.call(COMPANY_RETRIEVE)
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

    me: Me = await ctx.cached("me", load)
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
        async for pa in h.paginate(USERS_PROJECT_ASSIGNMENTS_LIST_MINE):
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
                    managed=bool(pa.is_project_manager),
                )
            )
        return tuple(found)

    projects: tuple[ProjectOption, ...] = await ctx.cached("my_projects", load)
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
                    managed=True,
                )
                async for p in h.paginate(PROJECTS_LIST)
            ]
        )

    projects: tuple[ProjectOption, ...] = await ctx.cached("all_projects", load)
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
        async for u in h.paginate(USERS_LIST, is_active=True):
            name = f"{u.first_name or ''} {u.last_name or ''}".strip()
            found.append(Candidate(u.id, name, (name, u.first_name or "", u.email or "")))
        return tuple(found)

    everyone: tuple[Candidate, ...] = await ctx.cached("people", load)
    return everyone


_CACHED_FROM = 64
"""Pools at least this big keep their index; smaller ones are indexed per call (well under a
millisecond), so short-lived tuples don't push the big ones out of the cache."""


@dataclass(frozen=True)
class _Pool:
    """Candidates prepared for matching: by position, by id and by name."""

    candidates: tuple[Candidate, ...]
    positions: dict[int, int]
    """Candidate id → its first position."""
    index: NameIndex

    @classmethod
    def of(cls, candidates: tuple[Candidate, ...]) -> _Pool:
        positions: dict[int, int] = {}
        for position, candidate in enumerate(candidates):
            positions.setdefault(candidate.id, position)
        return cls(candidates, positions, NameIndex([c.names for c in candidates]))


_POOLS: IdentityCache[_Pool] = IdentityCache(slots=8)


def _indexed(source: tuple[Any, ...], build: Callable[[], _Pool]) -> _Pool:
    """`build()`, kept while `source` lives when it is big enough to be worth keeping."""
    return _POOLS.get(source, build) if len(source) >= _CACHED_FROM else build()


def _candidate_pool(pool: Sequence[Candidate]) -> _Pool:
    # Only a tuple is known not to change under its identity.
    if isinstance(pool, tuple):
        return _indexed(pool, lambda: _Pool.of(pool))
    return _Pool.of(tuple(pool))


def _project_pool(projects: tuple[ProjectOption, ...]) -> _Pool:
    return _indexed(projects, lambda: _Pool.of(tuple(_project_candidate(p) for p in projects)))


def choose(ctx: ToolContext, *, key: str, kind: str, query: str, pool: Sequence[Candidate]) -> int:
    """The id `query` names among `pool`.

    A numeric query is taken as an id (it must be in the pool). A query that is exactly one
    candidate's name is returned; several candidates of that exact name are asked about.
    Otherwise one clear fuzzy match is returned and several close ones are asked about.
    Questions go under `key` (raising `NeedsInput` until answered); nothing close raises
    `ToolError` with the nearest candidates and writes nothing. A tuple pool of
    `_CACHED_FROM` or more candidates is indexed once and reused while it lives.
    """
    prepared = _candidate_pool(pool)
    return prepared.candidates[_choose_in(ctx, key=key, kind=kind, query=query, pool=prepared)].id


def _choose_in(
    ctx: ToolContext,
    *,
    key: str,
    kind: str,
    query: str,
    pool: _Pool,
    fits: Callable[[int], bool] | None = None,
) -> int:
    """The position in `pool` of the candidate `query` names (see `choose`). Where several
    match, `fits` (e.g. "has the task the person named") narrows them before asking."""
    text = query.strip()
    if text.isdigit():
        if int(text) in pool.positions:
            return pool.positions[int(text)]
        raise ToolError(
            f"no {kind} with id {text} is available to you",
            hint=f"use one of the listed {kind} ids or a {kind} name",
            candidates=[{"id": c.id, "name": c.label} for c in pool.candidates[:10]],
        )
    wanted = normalize(text)
    named = pool.index.named(wanted)
    if len(named) == 1:
        return named[0]
    if named:
        return _ask(ctx, key=key, kind=kind, text=text, pool=pool, offered=_narrow(named, fits))
    ranked = _ranked(pool.index.scores(wanted, CLEAR))
    if not ranked:
        near = _near_misses(wanted, pool)
        if near:
            offered = _narrow(near, fits)
            return _ask(ctx, key=key, kind=kind, text=text, pool=pool, offered=offered)
        raise _not_found(kind, text, pool, wanted)
    top = ranked[0][1]
    close = _narrow(tuple(p for p, score in ranked if top - score <= CLOSE), fits)
    if len(close) == 1:
        return close[0]
    return _ask(ctx, key=key, kind=kind, text=text, pool=pool, offered=close)


def _narrow(offered: tuple[int, ...], fits: Callable[[int], bool] | None) -> tuple[int, ...]:
    """The offered candidates that fit, when any do; else all of them."""
    if fits is None:
        return offered
    fitting = tuple(p for p in offered if fits(p))
    return fitting or offered


def _near_miss(query_words: list[str], name: str) -> bool:
    """Every word said is a word of the name, give or take a typo or two ("Wiliams" for
    "Williams & Co", "Redesign Website" for "Website Redesign")."""
    words = normalize(name).split()
    if not query_words or not words:
        return False

    def close(q: str) -> bool:
        allowed = 0 if len(q) < 4 else 1 if len(q) <= 5 else 2
        return any(Levenshtein.distance(q, w) <= allowed for w in words)

    return all(close(q) for q in query_words)


def _near_misses(wanted: str, pool: _Pool) -> tuple[int, ...]:
    """Up to five candidates that `wanted` nearly names (best scores first): worth a
    question, not an error."""
    query_words = wanted.split()
    near = _ranked(pool.index.scores(wanted, FLOOR))
    found = [
        p
        for p, _ in near
        if any(_near_miss(query_words, name) for name in pool.candidates[p].names if name)
    ]
    return tuple(found[:5])


def _ranked(scores: dict[int, float]) -> list[tuple[int, float]]:
    """(position, score), best first; equal scores in pool order."""
    return sorted(scores.items(), key=lambda s: (-s[1], s[0]))


def _not_found(kind: str, text: str, pool: _Pool, wanted: str) -> ToolError:
    near = _ranked(pool.index.scores(wanted, FLOOR))
    if not near:
        # Nothing is even remotely similar: still show what there is, least unlike first.
        scores = pool.index.scores(wanted, 0.0)
        near = _ranked({p: scores.get(p, 0.0) for p in range(len(pool.candidates))})
    return ToolError(
        f"no {kind} matching {text!r} is available to you; nothing was changed",
        hint=f"pick one of the candidates by id, or check the {kind} name"
        + (" (you may not be assigned to the one you mean)" if kind == "project" else ""),
        candidates=[
            {"id": pool.candidates[p].id, "name": pool.candidates[p].label} for p, _ in near[:5]
        ],
    )


def _ask(
    ctx: ToolContext, *, key: str, kind: str, text: str, pool: _Pool, offered: tuple[int, ...]
) -> int:
    """The position of the one of `offered` the person picks."""
    choices = {str(pool.candidates[p].id): p for p in offered}
    answer = ctx.ask(
        Question(
            key=key,
            message=f"Which {kind} did you mean by {text!r}?",
            kind="choice",
            choices=tuple(Choice(i, pool.candidates[p].label) for i, p in choices.items()),
        )
    )
    chosen = str(answer).strip()
    if chosen not in choices:
        raise ToolError(
            f"{answer!r} is not one of the offered {kind}s",
            candidates=[
                {"id": int(i), "name": pool.candidates[p].label} for i, p in choices.items()
            ],
        )
    return choices[chosen]


def _project_candidate(p: ProjectOption) -> Candidate:
    names = (p.name, p.code or "", p.client_name or "", f"{p.client_name or ''} {p.name}")
    return Candidate(p.id, p.label(), names)


def resolve_project(
    ctx: ToolContext,
    query: str,
    projects: tuple[ProjectOption, ...],
    *,
    key: str,
    task: str | None = None,
) -> ProjectOption:
    """The project `query` names (name, code, "client project", client name or id) among
    `projects`; the same tuple is indexed once while it lives (see `choose`). A `task` the
    person named narrows several matching projects to those that have it."""
    pool = _project_pool(projects)
    fits = None
    if task and task.strip():
        wanted = normalize(task)

        def fits(position: int) -> bool:
            return any(normalize(t.name) == wanted for t in projects[position].tasks)

    at = _choose_in(ctx, key=key, kind="project", query=query, pool=pool, fits=fits)
    return projects[at]


def resolve_task(
    ctx: ToolContext, query: str | None, project: ProjectOption, *, key: str
) -> TaskOption:
    """The task `query` names on `project`; with no query, the only task or a question."""
    if not project.tasks:
        raise ToolError(
            f"project {project.id} has no tasks you can log time to",
            hint="pick another project, or ask its manager to assign you a task",
            details=(Detail("project", project.name),),
        )
    pool = [Candidate(t.id, t.name, (t.name,)) for t in project.tasks]
    if query is None or not query.strip():
        if len(project.tasks) == 1:
            return project.tasks[0]
        answer = ctx.ask(
            Question(
                key=key,
                message=f"Which task on project id {project.id}?",
                kind="choice",
                choices=tuple(Choice(str(t.id), t.name) for t in project.tasks),
                details=(Detail("project", project.name),),
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
    pool = _candidate_pool(await people(ctx))
    return pool.candidates[_choose_in(ctx, key=key, kind="person", query=query, pool=pool)]


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
            [Candidate(c.id, c.name or "", (c.name or "",)) async for c in h.paginate(CLIENTS_LIST)]
        )

    everyone: tuple[Candidate, ...] = await ctx.cached("clients", load)
    return everyone


async def resolve_client(ctx: ToolContext, query: str, *, key: str) -> Candidate:
    """The client `query` names (or its id) among the clients visible to the caller."""
    pool = _candidate_pool(await clients(ctx))
    return pool.candidates[_choose_in(ctx, key=key, kind="client", query=query, pool=pool)]
