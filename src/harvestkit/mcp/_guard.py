"""Policy and the audit trail around each tool call: principal → decide → execute → audit.

Every call of a catalog tool goes through the guard, governed or not (a server made
without governance has an allow-all policy and keeps no audit trail); `run_tool` takes
these steps in order:

1. the principal: on HTTP the user and environment of the caller's API key (put in the
   ASGI scope by `ApiKeyAuth`), elsewhere (stdio, in memory) the configured user;
2. `decide`: a refusal becomes a tool error naming the missing grant, and no Harvest
   client is even made; a confirmation the policy asks for joins the catalog's own
   (elicitation, or `confirm: true`);
3. the tool runs with that principal's own Harvest client (made once, then cached), its
   Harvest requests recorded by the `AsyncRequestRecorder` on the client's transport;
4. one audit record, whatever happened: allowed, refused, stopped to ask, or failed. It is
   queued (`AuditLog.submit`) and written by the audit log's writer thread, so the call
   does not wait for the disk.

`tools/list` and tool search show only the tools `decide` would let the caller run.
"""

from __future__ import annotations

import getpass
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import anyio
from anyio import to_thread
from mcp.server.context import CallNext, HandlerResult, ServerMiddleware, ServerRequestContext
from mcp_types import CallToolResult, InputRequiredResult

from harvestkit.api import AsyncHarvest
from harvestkit.auth import CredentialError, DecryptionError
from harvestkit.governance import (
    ANY,
    ApiKeyStore,
    AuditEntry,
    AuditLog,
    Decision,
    Grant,
    HarvestRequest,
    Outcome,
    Policy,
    PolicyDocument,
    Principal,
    ToolFacts,
    decide,
)
from harvestkit.tools import Cache, InMemoryCache, Question, Tool

from . import _results

IDENTITY_SCOPE_KEY = "harvestkit.identity"
"""Where `ApiKeyAuth` leaves the caller's `(user, env)` in the ASGI scope."""
READ_ONLY_SCOPE_KEY = "harvestkit.read_only"
"""Set by the OAuth bearer check for a connection without write scope: the caller's
grants do not apply, so it reads only."""

CallResult = CallToolResult | InputRequiredResult


@dataclass(frozen=True)
class Acting:
    """A principal's Harvest client, and whom it acts for (for the audit record)."""

    harvest: AsyncHarvest
    account_id: int | None = None
    harvest_user_id: int | None = None
    cache: Cache = field(default_factory=InMemoryCache)
    """The tools' reference data for this client, kept as long as the client is."""


ClientFactory = Callable[[str, str], Acting]
"""Makes the Harvest client of `(user, env)`; its transport must be an
`AsyncRequestRecorder` so the audit record lists the Harvest requests."""


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "default"


@dataclass(frozen=True)
class Governance:
    """What a governed server needs. `user` and `env` are the principal when requests are
    not authenticated by key (stdio, in memory); with `keys`, every HTTP request acts as
    its API key's user and environment (serve the app with `http_app(..., keys=keys)`)."""

    policy: Policy
    audit: AuditLog | None
    """`None`: calls are not recorded (a server made without governance)."""
    clients: ClientFactory
    user: str = field(default_factory=_os_user)
    env: str = "default"
    keys: ApiKeyStore | None = None

    @classmethod
    def allow_all(cls, clients: ClientFactory) -> Governance:
        """Every tool for every caller, nothing recorded: a server without
        governance. Destructive and money-moving tools still ask first (their own
        confirmation, which no policy rule switches off here)."""
        everything = PolicyDocument(grants=(Grant(ANY, ANY, toolset=ANY),))
        return cls(Policy(document=everything), None, clients)


def facts(tool: Tool) -> ToolFacts:
    """What `decide` needs to know about a catalog tool."""
    amount = "amount" if tool.moves_money and "amount" in tool.input_model.model_fields else None
    return ToolFacts(
        name=tool.name,
        toolset=tool.toolset,
        read_only=tool.read_only,
        destructive=tool.annotations.destructive,
        moves_money=tool.moves_money,
        amount_argument=amount,
    )


@dataclass(frozen=True)
class PolicyStep:
    """How the policy's confirmation joins the call: a question to ask first (for a tool
    that does not confirm by itself), or answers given in advance (a rule that switches
    the catalog's confirmation off, e.g. `never`, or an amount at or below `above`)."""

    question: Question | None = None
    answers: Mapping[str, Any] = field(default_factory=dict)


class Guard:
    """A governed server's per-lifespan state: the policy steps and the client cache."""

    def __init__(self, governance: Governance) -> None:
        self.governance = governance
        self._clients: dict[tuple[str, str], Acting] = {}
        self._making = anyio.Lock()

    def caller(self, request: Any) -> tuple[str, str] | None:
        """`(user, env)` of the request: its API key's; without key authentication (stdio,
        in memory, or HTTP without `keys`) the configured one; else nobody."""
        scope = getattr(request, "scope", None) or {}
        identity = scope.get(IDENTITY_SCOPE_KEY)
        if identity is not None:
            return identity[0], identity[1]
        if request is None or self.governance.keys is None:
            return self.governance.user, self.governance.env
        return None

    def visible(self, tools: Sequence[Tool], request: Any) -> list[Tool]:
        """The tools the caller may run (what `tools/list` and search show)."""
        who = self.caller(request)
        if who is None:
            return []
        principal = _scoped(self.governance.policy.principal(*who), request)
        return [tool for tool in tools if decide(principal, facts(tool), {}).allowed]

    def acting(self, user: str, env: str) -> Acting:
        """The cached Harvest client of `(user, env)`."""
        key = (user, env)
        if key not in self._clients:
            self._clients[key] = self.governance.clients(user, env)
        return self._clients[key]

    async def _acting_off_loop(self, user: str, env: str) -> Acting:
        """`acting`, with the first call's credential read in a worker thread (one at a
        time, so concurrent first calls make one client)."""
        cached = self._clients.get((user, env))
        if cached is not None:
            return cached
        async with self._making:
            return await to_thread.run_sync(self.acting, user, env)

    async def aclose(self) -> None:
        """Close every client made, and write what the audit trail still has queued."""
        for acting in self._clients.values():
            await acting.harvest.aclose()
        self._clients.clear()
        audit = self.governance.audit
        if audit is not None:
            await to_thread.run_sync(audit.close)

    async def principal(self, user: str, env: str) -> Principal:
        """The cached policy answer for `(user, env)`: on the event loop when the policy
        reads a local file, in a worker thread when it waits on a database server."""
        policy = self.governance.policy
        if policy.reads_locally:
            return policy.principal(user, env)
        return await to_thread.run_sync(policy.principal, user, env)

    async def admit(
        self, tool: Tool, arguments: dict[str, Any], request: Any
    ) -> Admitted | CallResult:
        """Who calls, may they, and with which client: the call to run, or the tool error
        to answer with (refusals and unusable credentials are audited here)."""
        started = time.perf_counter()
        who = self.caller(request)
        if who is None:
            return _results.error("This request carries no harvestkit identity; nothing was run.")
        user, env = who
        record = AuditTrail(self.governance.audit, user, env, tool.name, arguments, started)
        principal = _scoped(await self.principal(user, env), request)
        decision = decide(principal, facts(tool), arguments)
        if not decision.allowed:
            record.write("refused", error=decision.reason)
            return _results.error(
                f"Refused by policy: {decision.reason}. Nothing was sent to Harvest.",
                hint="Ask the person who runs this server for that grant; do not retry.",
            )
        step, arguments = _policy_step(tool, arguments, decision)
        try:
            acting = await self._acting_off_loop(user, env)
        except (CredentialError, DecryptionError) as exc:  # they name the command that helps
            record.write("error", error=str(exc))
            return _results.error(f"No Harvest credential usable for {user} in {env}: {exc}")
        record.account_id, record.harvest_user_id = acting.account_id, acting.harvest_user_id
        return Admitted(acting, arguments, step, record)


def _scoped(principal: Principal, request: Any) -> Principal:
    """The principal as far as the request's authorization reaches (read-only: no grants)."""
    scope = getattr(request, "scope", None) or {}
    return replace(principal, grants=()) if scope.get(READ_ONLY_SCOPE_KEY) else principal


@dataclass(frozen=True)
class Admitted:
    """A call the policy lets run: whose client, the arguments the tool gets, the policy's
    confirmation step, and the audit record to finish."""

    acting: Acting
    arguments: dict[str, Any]
    step: PolicyStep
    record: AuditTrail


_CONFIRM = "confirm"
"""The answer key of every confirmation question in the catalog."""


def _policy_step(
    tool: Tool, arguments: dict[str, Any], decision: Decision
) -> tuple[PolicyStep, dict[str, Any]]:
    confirms = tool.needs_confirmation or _CONFIRM in tool.input_model.model_fields
    if confirms:
        if decision.needs_confirmation or not (tool.annotations.destructive or tool.moves_money):
            return PolicyStep(), arguments
        return PolicyStep(answers={_CONFIRM: True}), arguments
    # No `confirm` argument of its own: a `confirm: true` sent after a pending question is
    # the answer to the policy's question, not an argument for the tool.
    rest = {k: v for k, v in arguments.items() if k != _CONFIRM}
    if not decision.needs_confirmation or arguments.get(_CONFIRM) is True:
        return PolicyStep(), rest
    message = f"{tool.title}: the policy asks for confirmation before this runs. Go ahead?"
    return PolicyStep(Question(key=_CONFIRM, message=message, kind="confirm")), rest


def _outcome(result: CallResult) -> tuple[Outcome, str | None]:
    if isinstance(result, InputRequiredResult):
        return "needs_confirmation", None
    structured = result.structured_content or {}
    if result.is_error:
        return "error", str(_results.error_facts(result).get("error", "tool error"))
    if structured.get("status") in ("needs_confirmation", "needs_choice"):
        return "needs_confirmation", None
    return "ok", None


@dataclass
class AuditTrail:
    """The audit record of one call, written once its outcome is known (not at all when
    the server keeps no audit trail)."""

    audit: AuditLog | None
    user: str
    env: str
    tool: str
    arguments: Mapping[str, Any]
    started: float
    account_id: int | None = None
    harvest_user_id: int | None = None

    def write(
        self, outcome: Outcome, *, requests: Sequence[HarvestRequest] = (), error: str | None = None
    ) -> None:
        """Queue the record: the audit log's writer thread appends it (the store's lock and
        a commit, a network round trip on PostgreSQL and Redis) while the call answers."""
        if self.audit is None:
            return
        entry = AuditEntry(
            self.user,
            self.env,
            self.tool,
            outcome,
            self.arguments,
            requests=list(requests),
            account_id=self.account_id,
            harvest_user_id=self.harvest_user_id,
            error=error,
            duration=time.perf_counter() - self.started,
        )
        self.audit.submit(entry)

    def finished(self, result: CallResult, requests: Sequence[HarvestRequest]) -> None:
        outcome, error = _outcome(result)
        self.write(outcome, requests=requests, error=error)

    def failed(self, exc: BaseException, requests: Sequence[HarvestRequest]) -> None:
        """A call that raised, including one cancelled because its client went away."""
        self.write("error", requests=requests, error=f"{type(exc).__name__}: {exc}")


def list_filter(tools: Sequence[Tool]) -> ServerMiddleware[Any]:
    """Server middleware: `tools/list` without the catalog tools the caller may not run."""
    governed = {tool.name for tool in tools}

    async def middleware(ctx: ServerRequestContext[Any, Any], call_next: CallNext) -> HandlerResult:
        result = await call_next(ctx)
        guard = getattr(ctx.lifespan_context, "guard", None)
        if (
            ctx.method != "tools/list"
            or not isinstance(guard, Guard)
            or not isinstance(result, dict)
        ):
            return result
        visible = await to_thread.run_sync(guard.visible, tools, ctx.request)
        shown = {tool.name for tool in visible}
        listed = result.get("tools", [])
        kept = [t for t in listed if t.get("name") not in governed or t.get("name") in shown]
        return {**result, "tools": kept}

    return middleware
