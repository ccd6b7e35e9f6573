"""Questions from handlers, asked through MCP elicitation on either protocol era.

A handler asks with `ctx.ask(Question(...))`, which raises `NeedsInput` until the answer is
in `ctx.answers`. This module gets the answer and runs the handler again:

- 2026-07-28 clients (multi round-trip): the call returns an `InputRequiredResult` holding
  one elicitation request, keyed by the question's key, and a `requestState` with the
  answers so far. The SDK seals that state and binds it to the tool name and arguments, so
  the retry can only resume this very call. On the retry the client's `input_responses`
  hold the answer.
- Earlier clients: a push `elicitation/create` request in the middle of the call.
- Clients that cannot elicit: a `PendingQuestion` result telling the agent to call again
  with `confirm: true` or the chosen value.

Because every question is answered before the handler's final run, a handler that makes no
Harvest write before its last question never writes twice.

A question's message is our own wording; its details (names stored in Harvest) reach the
person as quoted lines under it, and the agent as a data field, never inside the sentence.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from mcp.server.mcpserver import Context
from mcp_types import (
    CallToolResult,
    ElicitRequest,
    ElicitRequestFormParams,
    ElicitResult,
    InputRequiredResult,
)
from mcp_types.version import is_version_at_least
from pydantic import BaseModel

from harvestkit.tools import Choice, Detail, NeedsInput, Question, ToolError

from . import _results

MULTI_ROUND_TRIP_VERSION = "2026-07-28"
MAX_QUESTIONS = 8
"""A handler asking more than this in one call is looping; stop it."""

Run = Callable[[Mapping[str, Any], bool], Awaitable[BaseModel]]
"""Runs the handler with these answers; the flag says whether the client can elicit."""


async def run_asking(
    run: Run, mcp_ctx: Context[Any, Any], *, structured_questions: bool = True
) -> BaseModel | CallToolResult | InputRequiredResult:
    """Run the handler until it no longer needs input.

    Returns the handler's output, a result that ends the call without it (declined, or a
    pending question for a client that cannot elicit: structured when the tool's output
    schema admits it, else a tool error), or an `InputRequiredResult`.
    """
    can_elicit = client_can_elicit(mcp_ctx)
    modern = uses_multi_round_trip(mcp_ctx)
    answers: dict[str, Any] = {}
    if modern and mcp_ctx.request_state is not None:
        answers, asked = _load_state(mcp_ctx.request_state)
        if asked is not None:
            response = (mcp_ctx.input_responses or {}).get(asked.key)
            if not isinstance(response, ElicitResult):
                raise ToolError(f"No answer came back for the question {asked.message!r}.")
            if response.action != "accept" or (outcome := _answer(asked, response)) is None:
                return _results.declined(asked, response.action)
            answers[asked.key] = outcome
    for _ in range(MAX_QUESTIONS):
        try:
            return await run(answers, can_elicit)
        except NeedsInput as needs:
            question = needs.question
        if not can_elicit:
            return _results.pending(question, structured=structured_questions)
        if modern:
            return InputRequiredResult(
                input_requests={question.key: _elicit_request(question)},
                request_state=_dump_state(answers, question),
            )
        response = await mcp_ctx.session.elicit_form(
            message=shown_message(question),
            requested_schema=requested_schema(question),
            related_request_id=mcp_ctx.request_id,
        )
        if response.action != "accept" or (outcome := _answer(question, response)) is None:
            return _results.declined(question, response.action)
        answers[question.key] = outcome
    raise RuntimeError(f"the handler asked more than {MAX_QUESTIONS} questions in one call")


def uses_multi_round_trip(mcp_ctx: Context[Any, Any]) -> bool:
    version = mcp_ctx.protocol_version
    return version is not None and is_version_at_least(version, MULTI_ROUND_TRIP_VERSION)


def client_can_elicit(mcp_ctx: Context[Any, Any]) -> bool:
    """Whether the client declared form elicitation (a bare `elicitation: {}` counts)."""
    capabilities = mcp_ctx.client_capabilities
    elicitation = capabilities.elicitation if capabilities is not None else None
    if elicitation is None or (elicitation.form is None and elicitation.url is not None):
        return False
    # A legacy connection without a back channel (stateless HTTP) cannot be asked mid-call.
    return uses_multi_round_trip(mcp_ctx) or bool(mcp_ctx.session.can_send_request)


def requested_schema(question: Question) -> dict[str, Any]:
    """The elicitation form: a yes/no box, or one pick from labelled choices."""
    if question.kind == "confirm":
        field: dict[str, Any] = {
            "type": "boolean",
            "title": "Confirm",
            "description": question.message,
        }
        return {"type": "object", "properties": {"confirm": field}, "required": ["confirm"]}
    field = {
        "type": "string",
        "title": "Choose one",
        "oneOf": [{"const": c.value, "title": c.label} for c in question.choices],
    }
    return {"type": "object", "properties": {"choice": field}, "required": ["choice"]}


def shown_message(question: Question) -> str:
    """What the person reads in the client: our message, then the details it is about as
    quoted data lines, so they see exactly what they confirm or choose between."""
    if not question.details:
        return question.message
    lines = "\n".join(_results.quoted_detail(d) for d in question.details)
    return f"{question.message}\n\n{lines}"


def _elicit_request(question: Question) -> ElicitRequest:
    params = ElicitRequestFormParams(
        message=shown_message(question), requested_schema=requested_schema(question)
    )
    return ElicitRequest(params=params)


def _answer(question: Question, response: ElicitResult) -> Any:
    """The answer in an accepted response, or None when it amounts to a no."""
    content = response.content or {}
    if question.kind == "confirm":
        return True if content.get("confirm") is True else None
    value = content.get("choice")
    if value not in {c.value for c in question.choices}:
        raise ToolError(
            f"The answer {value!r} is not one of the choices offered for {question.message!r}."
        )
    return value


def _dump_state(answers: Mapping[str, Any], asking: Question) -> str:
    question = {
        "key": asking.key,
        "message": asking.message,
        "kind": asking.kind,
        "choices": [[c.value, c.label] for c in asking.choices],
        "details": [[d.label, d.value] for d in asking.details],
    }
    return json.dumps({"answers": dict(answers), "asking": question}, separators=(",", ":"))


def _load_state(state: str) -> tuple[dict[str, Any], Question | None]:
    """Answers so far and the question in flight, from state this server minted (the SDK
    verified its seal), so a malformed payload is a bug, not bad input."""
    data = json.loads(state)
    raw = data.get("asking")
    asking = None
    if raw is not None:
        asking = Question(
            key=raw["key"],
            message=raw["message"],
            kind=raw["kind"],
            choices=tuple(Choice(value=v, label=label) for v, label in raw["choices"]),
            # State sealed before questions had details has none (a rolling upgrade).
            details=tuple(Detail(label=label, value=v) for label, v in raw.get("details", ())),
        )
    return dict(data["answers"]), asking
