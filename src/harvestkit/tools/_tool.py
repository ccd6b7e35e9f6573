"""What a tool is: one frozen record, plus the context its handler runs in.

The catalog (1:1 operation tools and outcome tools alike) is a tuple of `Tool` records. The
MCP layer turns each record into a registration; the CLI's `harvestkit call` runs the same
handler directly. Handlers never talk to people: when they need a decision they call
`ctx.ask(question)`, which either returns the answer given earlier or raises `NeedsInput`.
The transport decides how to get the answer (MCP elicitation on either protocol era, or a
`needs_choice` / `needs_confirmation` result the agent answers by calling again), then runs
the handler again with the answer in `ctx.answers`. A handler must therefore make no
Harvest write before its last question.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import KW_ONLY, dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from pydantic import BaseModel

from harvestkit.clock import system_now

from ._reference_cache import REFERENCE_TTL, Cache, InMemoryCache, scope_of

if TYPE_CHECKING:
    from harvestkit.api import AsyncHarvest, Operation

T = TypeVar("T")
ResponseFormat = Literal["concise", "detailed"]

# Toolsets, as named constants (the `--toolsets` flag takes these names).
TIME = "time"
PROJECTS = "projects"
CLIENTS = "clients"
INVOICING = "invoicing"
ESTIMATES = "estimates"
EXPENSES = "expenses"
PEOPLE = "people"
REPORTS = "reports"
ADMIN = "admin"
TOOLSETS = (TIME, PROJECTS, CLIENTS, INVOICING, ESTIMATES, EXPENSES, PEOPLE, REPORTS, ADMIN)


class ImageData(BaseModel):
    """An image in a tool's output (a top-level field of this type); the MCP layer also
    sends it as an image content block."""

    mime_type: str
    """e.g. "image/png"."""
    data_base64: str
    """The image bytes, base64-encoded."""


@dataclass(frozen=True)
class Annotations:
    """The four MCP hints, always set deliberately (no defaults)."""

    read_only: bool
    destructive: bool
    idempotent: bool
    open_world: bool


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Detail:
    """One fact a question is about, e.g. `Detail("client", "Williams Co.")`."""

    label: str
    """Our own word for what the value is ("client", "project", "invoice number")."""
    value: str
    """The value exactly as Harvest stores it."""


@dataclass(frozen=True)
class Question:
    """A decision only the person can make.

    `kind="confirm"`: yes or no to `message` (a destructive or money-moving step).
    `kind="choice"`: pick one of `choices` (an ambiguous name).
    `key` names the answer in `ToolContext.answers`; it must be stable across re-runs.

    `message` is our own wording only: ids, and numbers, dates and amounts we computed, but
    never text stored in Harvest (names, subjects, invoice numbers, notes), because people
    typed it and it may read like an instruction to the model. Whatever of that text the
    person needs in order to decide goes in `details`, which every transport keeps apart
    from the message as quoted data. `choices` are data as well, so their labels may name
    things.
    """

    key: str
    message: str
    kind: Literal["confirm", "choice"]
    choices: tuple[Choice, ...] = ()
    details: tuple[Detail, ...] = ()


class NeedsInput(Exception):
    """Raised by `ToolContext.ask` when the answer is not known yet."""

    def __init__(self, question: Question) -> None:
        super().__init__(question.message)
        self.question = question


class ToolError(Exception):
    """A failure the agent can act on: what went wrong and what to do next.

    `message` and `hint` follow the rule of `Question.message`: our own words, naming a
    record by its kind and id ("project 14307927 has no tasks you can log time to"), never
    by text stored in Harvest. That text goes in `details`, which every transport keeps
    apart from the prose as quoted data (e.g. `Detail("project", "Internal Training")`).
    `candidates` lists valid alternatives where an id or name was wrong
    (e.g. `[{"id": 14307913, "name": "Williams Co."}]`); they are data too, so they may
    carry names.
    """

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        candidates: list[dict[str, Any]] | None = None,
        details: Sequence[Detail] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.candidates = candidates or []
        self.details = tuple(details)


Progress = Callable[[float, float | None, str | None], Awaitable[None]]
"""`(done, total, message)`: one progress report."""


@dataclass
class ToolContext:
    """Everything a handler may use. `answers` holds answers to earlier questions."""

    harvest: AsyncHarvest
    answers: Mapping[str, Any] = field(default_factory=dict)
    clock: Callable[[], datetime] = system_now
    """Aware UTC now: `HARVESTKIT_NOW` or real time unless a caller pins its own."""
    can_elicit: bool = False
    """Whether the caller can be asked (MCP elicitation); informational for handlers."""
    answer_within: float | None = None
    """Seconds the caller waits for a result (an MCP host gives up after 60 s): long work
    stops starting new steps after that and returns how to continue. `None`: no limit."""
    progress: Progress | None = None
    """Reports how far long work got (MCP progress notifications), when the caller asked."""
    cache: Cache = field(default_factory=InMemoryCache)
    """Reference data kept between calls: pass the one cache of the caller's client (a
    fresh one, the default, lasts this call only)."""

    def ask(self, question: Question) -> Any:
        if question.key in self.answers:
            return self.answers[question.key]
        raise NeedsInput(question)

    def now(self) -> datetime:
        """Aware UTC now (tests pin it)."""
        return self.clock()

    async def cached(self, key: str, load: Callable[[], Awaitable[T]]) -> T:
        """`await load()` once per `REFERENCE_TTL` for this account and credential;
        reference data only (who am I, settings, projects, tasks, people)."""
        full = f"{await scope_of(self.harvest)}:{key}"
        value: T | None = self.cache.get(full)
        if value is None:
            value = await load()
            self.cache.set(full, value, REFERENCE_TTL)
        return value


Handler = Callable[[ToolContext, Any], Awaitable[BaseModel]]


ModelSource = type[BaseModel] | Callable[[], type[BaseModel]]
"""A model, or a function that makes it (always the same class) on first use."""


class _ModelOnFirstUse:
    """A `Tool` field holding a model class, which may be given as the function making it.

    A server builds some 130 operation tools and serves a handful: making each tool's two
    pydantic models when it is first used, not at start-up, takes a twentieth of a second
    off every start.
    """

    def __set_name__(self, owner: type, name: str) -> None:
        self._slot = f"_{name}"

    def __get__(self, tool: object, owner: type | None = None) -> type[BaseModel]:
        if tool is None:
            # No class-level default: the dataclass field stays required.
            raise AttributeError(self._slot[1:])
        value: ModelSource = tool.__dict__[self._slot]
        if not isinstance(value, type):
            value = value()
            tool.__dict__[self._slot] = value
        return value

    def __set__(self, tool: object, value: ModelSource) -> None:
        tool.__dict__[self._slot] = value


@dataclass(frozen=True)
class Tool:
    """Everything about one tool in one declaration."""

    name: str
    """`harvest_<resource>_<verb>` for 1:1 tools; a plain verb for outcome tools."""
    title: str
    description: str
    """Written for an agent: what it does, when to use it, what to call first, an example."""
    toolset: str
    annotations: Annotations
    operations: tuple[Operation[Any], ...]
    """The SDK operation-table rows the tool may call (and the only ones it calls)."""
    handler: Handler
    moves_money: bool = False
    needs_confirmation: bool = False
    """Destructive or money-moving: asks before acting (elicitation or `confirm: true`)."""
    default: bool = False
    """In the default tool set (at most 25 tools)."""
    kind: Literal["operation", "outcome", "meta"] = "operation"
    """`meta`: the discovery pair (`harvest_search_tools`, `harvest_call_tool`)."""
    _: KW_ONLY
    # Required (the descriptor has no class-level default), by keyword.
    input_model: _ModelOnFirstUse = _ModelOnFirstUse()
    output_model: _ModelOnFirstUse = _ModelOnFirstUse()

    @property
    def read_only(self) -> bool:
        return self.annotations.read_only
