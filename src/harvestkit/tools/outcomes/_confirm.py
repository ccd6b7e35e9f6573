"""Confirmation for outcome tools that move money or delete: a dry run lists the exact
Harvest requests of the tool's one `Plan`; otherwise the person confirms (elicitation or
`confirm: true`) and that same plan runs."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import Field

from .._tool import Detail, ToolContext
from ..plan import FromStep, Plan, PlannedRequest, Step, ask_first
from ._common import OutcomeInput

__all__ = ["ConfirmInput", "FromStep", "Plan", "PlannedRequest", "Step", "confirmed"]


class ConfirmInput(OutcomeInput):
    """Inputs of tools that ask before acting."""

    confirm: bool = Field(
        default=False, description="true only after the person agreed to exactly this."
    )
    dry_run: bool = Field(
        default=False, description="true: return the exact Harvest requests, change nothing."
    )


def confirmed(
    ctx: ToolContext, args: ConfirmInput, message: str, *, details: Sequence[Detail] = ()
) -> None:
    """Return when the person agreed (now or via `confirm: true`); raise otherwise."""
    ask_first(ctx, args.confirm, message, details=details, what="the change")
