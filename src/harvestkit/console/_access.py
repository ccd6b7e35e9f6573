"""Access: the people who may sign in, their API keys, and the grants that let them write.

The owner sees and manages everyone's keys and grants; anyone else sees only their own
keys (and may revoke only those) and the grants that apply to them. A new key is shown in
the answer to the form that created it, and never again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from harvestkit.governance import ANY, Grant, Policy
from harvestkit.tools import TOOLSETS, Tool, catalog

from ._people import Session
from ._web import checked_form, owner, page, redirect, services, signed_in

__all__ = ["ROUTES", "grant_in_words"]


@dataclass(frozen=True)
class GrantView:
    grant: Grant
    target: str
    words: str
    stored: bool


def _writers(tools: Sequence[Tool], toolset: str | None) -> list[str]:
    names = [t.name for t in tools if not t.read_only and toolset in (ANY, t.toolset)]
    # Outcome tools (log_time, send_invoice) say more to a person than the 1:1 operations.
    return sorted(names, key=lambda name: name.startswith("harvest_"))


def grant_in_words(grant: Grant, tools: Sequence[Tool] | None = None) -> str:
    """What a grant allows, in a sentence."""
    tools = catalog() if tools is None else tools
    who = "everyone" if grant.user == ANY else grant.user
    where = "every environment" if grant.env == ANY else f"the {grant.env} environment"
    if grant.tool is not None:
        return f"{who} may run {grant.tool}, which writes to Harvest, in {where}."
    writers = _writers(tools, grant.toolset)
    scope = "every toolset" if grant.toolset == ANY else f"the {grant.toolset} toolset"
    listed = ", ".join(writers[:6]) + (f" and {len(writers) - 6} more" if len(writers) > 6 else "")
    return (
        f"{who} may use the {len(writers)} tools of {scope} that create, change or delete "
        f"in Harvest ({listed}) in {where}; reading needs no grant."
    )


def _grants(request: Request, session: Session) -> list[GrantView]:
    policy = services(request).policy
    stored = set(policy.stored_grants())
    tools = catalog()
    views = [
        GrantView(
            g,
            g.describe(),
            grant_in_words(g, tools),
            g in stored,
        )
        for g in policy.grants()
    ]
    if session.person.is_owner:
        return views
    return [v for v in views if v.grant.user in (ANY, session.person.name)]


def _page(request: Request, **extra: Any) -> Response:
    session = signed_in(request)
    svc = services(request)
    mine = None if session.person.is_owner else session.person.name
    people = svc.people.people() if session.person.is_owner else [session.person]
    context = {
        "tab": "access",
        "people": people,
        "keys": svc.keys.list(mine, include_revoked=True),
        "grants": _grants(request, session),
        "toolsets": TOOLSETS,
        "write_tools": sorted(t.name for t in catalog() if not t.read_only),
        "mcp_url": svc.mcp_url,
        **extra,
    }
    status = 400 if extra.get("error") else 200
    return page(request, "access.html", context, status)


async def access(request: Request) -> Response:
    return _page(request)


async def add_person(request: Request) -> Response:
    owner(request)
    form = await checked_form(request)
    try:
        services(request).people.add(
            str(form.get("name", "")), str(form.get("password", "")), "member"
        )
    except ValueError as exc:
        return _page(request, error=f"choose {exc}")
    return redirect(request, "access")


async def create_key(request: Request) -> Response:
    session = signed_in(request)
    form = await checked_form(request)
    svc = services(request)
    user = str(form.get("user", "")).strip() or session.person.name
    if user != session.person.name and not session.person.is_owner:
        raise HTTPException(403, "only the owner may make keys for someone else")
    if svc.people.get(user) is None:
        return _page(request, error=f"there is no person called {user!r}")
    env = str(form.get("env", "")).strip() or svc.env
    secret, info = svc.keys.create(user, env, str(form.get("name", "")).strip())
    return _page(request, new_key=secret.reveal(), new_key_info=info)


async def revoke_key(request: Request) -> Response:
    session = signed_in(request)
    form = await checked_form(request)
    only = None if session.person.is_owner else session.person.name
    if not services(request).keys.revoke(str(form.get("prefix", "")), user=only):
        raise HTTPException(404, "no such active key of yours")
    return redirect(request, "access")


def _grant_from(form: Any) -> Grant:
    user, env = str(form.get("user", "")).strip(), str(form.get("env", "")).strip()
    kind, _, target = str(form.get("target", "")).partition(":")
    if not user or not env or kind not in ("toolset", "tool") or not target:
        raise ValueError("a person, an environment and a toolset or tool")
    if kind == "toolset" and target not in (*TOOLSETS, ANY):
        raise ValueError(f"a known toolset, not {target!r}")
    if kind == "tool" and target not in {t.name for t in catalog()}:
        raise ValueError(f"a known tool, not {target!r}")
    return Grant(user, env, toolset=target) if kind == "toolset" else Grant(user, env, tool=target)


async def _change_grant(request: Request, change: Callable[[Policy, Grant], Any]) -> Response:
    owner(request)
    form = await checked_form(request)
    try:
        change(services(request).policy, _grant_from(form))
    except ValueError as exc:
        return _page(request, error=f"choose {exc}")
    return redirect(request, "access")


async def add_grant(request: Request) -> Response:
    return await _change_grant(request, Policy.grant)


async def revoke_grant(request: Request) -> Response:
    return await _change_grant(request, Policy.revoke)


ROUTES = [
    Route("/access", access, name="access"),
    Route("/access/people", add_person, methods=["POST"], name="access_people"),
    Route("/access/keys", create_key, methods=["POST"], name="access_keys"),
    Route("/access/keys/revoke", revoke_key, methods=["POST"], name="access_keys_revoke"),
    Route("/access/grants", add_grant, methods=["POST"], name="access_grants"),
    Route("/access/grants/revoke", revoke_grant, methods=["POST"], name="access_grants_revoke"),
]
