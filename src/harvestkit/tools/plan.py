"""One plan for every tool that asks first: the question, the dry run and the execution
are the same value, so what a person confirmed is exactly what runs.

A `Plan` is a list of `Step`s (an operation and its arguments). `Plan.requests` shows the
exact Harvest requests without sending anything; `Plan.run` sends them in order. A value
that only an earlier step's result can give (the id of a project created two steps
before) is a `FromStep`: the dry run shows it by its label ("{the new project's id}"),
never as a made-up id, and the run fills it in from that step's result. `agreed` is the one
place that decides whether a person said yes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, Field

from harvestkit.api import AsyncHarvest, Operation

from ._tool import Detail, Question, ToolContext, ToolError

__all__ = ["FromStep", "Plan", "PlannedRequest", "Step", "agreed", "ask_first"]

_YES = frozenset({"yes", "y", "true", "confirm", "ok", "accept"})
# Stand-ins for values an earlier step will give: valid 64-bit ids no real record has,
# swapped for their labels once the request is prepared.
_STAND_IN = 9_100_000_000_000_000_000


@dataclass(frozen=True)
class FromStep:
    """A value taken from the result of an earlier step of the same plan."""

    step: int
    """Index of the earlier step."""
    label: str
    """What the value is, in words ("the new project's id")."""
    field: str = "id"
    """Attribute of that step's result."""


@dataclass(frozen=True)
class Step:
    """One Harvest request of a plan: an operation and its arguments (which may hold
    `FromStep` values, also inside lists and dicts)."""

    op: Operation[Any]
    args: Mapping[str, Any] = field(default_factory=dict)
    says: str = ""
    """What the step does, in our words."""


class PlannedRequest(BaseModel):
    """One Harvest request the tool would make."""

    method: str
    path: str
    """URL path under the API base, e.g. ``/v2/invoices/13150378/messages``."""
    query: dict[str, str] = {}
    body: Any = None
    says: str | None = Field(default=None, description="What the request does.")
    depends_on: list[str] = Field(
        default=[], description="Values this request takes from earlier requests' results."
    )


def _walk(value: Any, leaf: Any) -> Any:
    if isinstance(value, FromStep):
        return leaf(value)
    if isinstance(value, Mapping):
        return {k: _walk(v, leaf) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_walk(v, leaf) for v in value]
    return value


@dataclass(frozen=True)
class Plan:
    """The Harvest requests a tool makes once the person agrees, in order."""

    steps: tuple[Step, ...]

    def requests(self, h: AsyncHarvest) -> list[PlannedRequest]:
        """The exact requests, prepared but not sent."""
        return [self._prepared(h, step) for step in self.steps]

    def _prepared(self, h: AsyncHarvest, step: Step) -> PlannedRequest:
        labels: dict[int, str] = {}

        def stand_in(ref: FromStep) -> int:
            number = _STAND_IN + len(labels)
            labels[number] = ref.label
            return number

        prepared = h.prepare(step.op, **_walk(step.args, stand_in))
        path = urlsplit(prepared.url).path
        query = dict(prepared.query)
        for number, label in labels.items():
            path = path.replace(str(number), "{" + label + "}")
            query = {k: v.replace(str(number), "{" + label + "}") for k, v in query.items()}

        def named(value: Any) -> Any:
            if isinstance(value, dict):
                return {k: named(v) for k, v in value.items()}
            if isinstance(value, list):
                return [named(v) for v in value]
            if isinstance(value, int) and value in labels:
                return "{" + labels[value] + "}"
            return value

        return PlannedRequest(
            method=prepared.method,
            path=path,
            query=query,
            body=named(prepared.json),
            says=step.says or None,
            depends_on=list(labels.values()),
        )

    async def run(self, h: AsyncHarvest) -> list[Any]:
        """Send every request in order; the results, one per step."""
        results: list[Any] = []

        def value(ref: FromStep) -> Any:
            return getattr(results[ref.step], ref.field)

        for step in self.steps:
            results.append(await h.call(step.op, **_walk(step.args, value)))
        return results


def agreed(answer: Any) -> bool:
    """Whether an answer to a confirm question is a yes."""
    return answer is True or (isinstance(answer, str) and answer.strip().lower() in _YES)


def ask_first(
    ctx: ToolContext,
    confirm: bool,
    message: str,
    *,
    details: Sequence[Detail] = (),
    what: str = "it",
) -> None:
    """Return when the person agreed (now, or earlier via `confirm: true`); raise otherwise.

    `message` is our own words; names and other Harvest text go in `details` (see
    `Question`).
    """
    if confirm:
        return
    question = Question(key="confirm", kind="confirm", message=message, details=tuple(details))
    if agreed(ctx.ask(question)):
        return
    raise ToolError(
        f"{what} was not confirmed; nothing was changed",
        hint="call again with confirm: true only if the person agrees",
    )
