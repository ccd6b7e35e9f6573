"""Confirmation for outcome tools that move money or delete: a dry run lists the exact
Harvest requests; otherwise the person confirms (elicitation or `confirm: true`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, Field

from harvestkit.api import AsyncHarvest

from .._tool import Detail, Question, ToolContext, ToolError
from ._common import OutcomeInput

__all__ = ["ConfirmInput", "PlannedRequest", "confirmed", "plan"]

_YES = {"yes", "y", "true", "confirm", "ok"}


class ConfirmInput(OutcomeInput):
    """Inputs of tools that ask before acting."""

    confirm: bool = Field(
        default=False, description="true only after the person agreed to exactly this."
    )
    dry_run: bool = Field(
        default=False, description="true: return the exact Harvest requests, change nothing."
    )


class PlannedRequest(BaseModel):
    """One Harvest request the tool would make."""

    method: str
    path: str
    query: dict[str, str] = {}
    body: Any = None


def plan(h: AsyncHarvest, op: str, /, **args: Any) -> PlannedRequest:
    """The request `op` would send with `args`, without sending it."""
    prepared = h.prepare(op, **args)
    return PlannedRequest(
        method=prepared.method,
        path=urlsplit(prepared.url).path,
        query=dict(prepared.query),
        body=prepared.json,
    )


def confirmed(
    ctx: ToolContext, args: ConfirmInput, message: str, *, details: Sequence[Detail] = ()
) -> None:
    """Return when the person agreed (now or via `confirm: true`); raise otherwise.

    `message` is our own words; names and other Harvest text go in `details` (see `Question`).
    """
    if args.confirm:
        return
    question = Question(key="confirm", kind="confirm", message=message, details=tuple(details))
    answer = ctx.ask(question)
    if answer is True or (isinstance(answer, str) and answer.strip().lower() in _YES):
        return
    raise ToolError(
        "not confirmed; nothing was changed",
        hint="call again with confirm: true only if the person agrees",
    )
