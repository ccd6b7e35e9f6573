"""`harvestkit call` and `harvestkit import time` under the MCP server's own guard.

They take the steps `harvestkit serve` takes for every tool call, with the same objects:
the principal (`--user`/`--env`, else `HARVESTKIT_USER`/`HARVESTKIT_ENV`), the policy's
decision, that principal's credential (the vault's, from `harvestkit auth login`; on
request `HARVEST_ACCESS_TOKEN`; or the demo sandbox), the Harvest requests recorded, and
one audit record whatever happens. The command waits for its record to be written before
it exits.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import typer
from mcp_types import CallToolResult

from harvestkit.auth import CredentialError, SecretKeyError
from harvestkit.clock import Clock, Now
from harvestkit.governance import AsyncRequestRecorder
from harvestkit.mcp import ConfigurationError
from harvestkit.mcp._guard import Admitted, Guard
from harvestkit.mcp._results import error_facts
from harvestkit.tools import NeedsInput, Tool, ToolContext, ToolError

from ._people import default_env, default_user
from .serve import SANDBOX_ENV, ServeConfig, governed

EXIT_USAGE = 2
T = TypeVar("T")


@dataclass(frozen=True)
class Guarded:
    """The guard a command runs under, and the clock its tools read (the embedded
    sandbox's own, when there is one, so both agree on today)."""

    guard: Guard
    now: Now


@asynccontextmanager
async def guard(
    *, sandbox: bool, user: str | None, env: str | None, clock: Clock, bulk: bool = False
) -> AsyncIterator[Guarded]:
    """The guard of `harvestkit serve` on stdio for `user` in `env` (`sandbox` by default
    with --sandbox, where every toolset may write, as in the demo), and the tools' clock.
    A `bulk` caller waits for Harvest's rate limits as long as the SDK does (nobody waits
    on a single row)."""
    acting_env = env or (SANDBOX_ENV if sandbox else default_env())
    try:
        config = ServeConfig(
            user=user or default_user(), env=acting_env, sandbox=sandbox, clock=clock, bulk=bulk
        )
        backend, governance = governed(config)
        guarded = Guarded(Guard(governance), backend.clock)
    except (ConfigurationError, CredentialError, SecretKeyError) as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(EXIT_USAGE) from exc
    try:
        yield guarded
    finally:
        await guarded.guard.aclose()  # closes the clients and writes the audit record


async def run_guarded(
    guarded: Guarded,
    tool: Tool,
    arguments: dict[str, Any],
    answers: Mapping[str, Any],
    work: Callable[[ToolContext, Mapping[str, Any]], Awaitable[T]],
) -> T:
    """Admit the call (a refusal raises `ToolError` naming the grant), run `work` with the
    principal's client, and audit its outcome with the Harvest requests it made."""
    admitted = await guarded.guard.admit(tool, arguments, None)
    if not isinstance(admitted, Admitted):
        facts = error_facts(admitted) if isinstance(admitted, CallToolResult) else {}
        raise ToolError(str(facts.get("error", "refused")), hint=facts.get("hint"))
    step = admitted.step
    answered = {**step.answers, **answers}
    acting = admitted.acting
    context = ToolContext(
        harvest=acting.harvest, cache=acting.cache, answers=answered, clock=guarded.now
    )
    with AsyncRequestRecorder.capture() as requests:
        try:
            if step.question is not None:
                context.ask(step.question)
            result = await work(context, admitted.arguments)
        except NeedsInput:
            admitted.record.write("needs_confirmation", requests=requests)
            raise
        except ToolError as exc:
            admitted.record.write("error", requests=requests, error=exc.message)
            raise
        except BaseException as exc:
            admitted.record.failed(exc, requests)
            raise
    admitted.record.write("ok", requests=requests)
    return result
