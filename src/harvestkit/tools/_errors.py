"""Turning failures into ToolErrors that tell the agent what to fix.

Harvest's own message is always kept. A 404 names the id that was wrong (each path id is
checked, parent first) and offers the closest valid records: ranked by name with rapidfuzz
when the agent passed text, else the most recently updated ones.
Which list holds the candidates for an id is derived from the operation table: the id
``{x_id}`` in ``/a/{a_id}/xs/{x_id}`` is an item of the list row at ``/a/{a_id}/xs``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError
from rapidfuzz import fuzz, process

from harvestkit.api import (
    OPERATIONS,
    AsyncHarvest,
    AuthenticationError,
    BadRequestError,
    HarvestError,
    NotFoundError,
    Operation,
    PermissionDeniedError,
    RateLimitedError,
    RequestLimitError,
    ServerError,
    TransportError,
    UncertainWriteError,
    UnprocessableError,
)

from ._tool import ToolError

__all__ = ["candidates_for", "from_harvest_error", "from_validation_error", "label"]

MAX_CANDIDATES = 5


@cache
def _rows_by_path() -> dict[tuple[str, bool], Operation[Any]]:
    """GET rows by (path, is_list), for finding an id's list and retrieve rows."""
    rows: dict[tuple[str, bool], Operation[Any]] = {}
    for op in OPERATIONS:
        if op.method == "GET" and op.host == "api":
            rows.setdefault((op.path, op.is_list), op)
    return rows


@cache
def _id_lists() -> dict[str, Operation[Any]]:
    """Top-level id names (``project_id``) → the list row whose items they name."""
    found: dict[str, Operation[Any]] = {}
    for op in OPERATIONS:
        if op.method == "GET" and op.path.count("/") == 2 and op.path.endswith("_id}"):
            listing = _rows_by_path().get((op.path.rsplit("/", 1)[0], True))
            if listing is not None:
                found.setdefault(op.path_params[0], listing)
    return found


def id_rows(op: Operation[Any], name: str) -> tuple[Operation[Any] | None, Operation[Any] | None]:
    """(retrieve row, list row) for the path id ``name`` of ``op``."""
    head = op.path.split("{" + name + "}")[0] + "{" + name + "}"
    return _rows_by_path().get((head, False)), _rows_by_path().get((head.rsplit("/", 1)[0], True))


def label(item: Any) -> str | None:
    """A human name for a Harvest record: its name, a person's full name, an invoice's
    number and subject, or a time entry's date and project."""
    data = item.model_dump() if isinstance(item, BaseModel) else dict(item)
    if data.get("name"):
        return str(data["name"])
    if data.get("first_name") or data.get("last_name"):
        return f"{data.get('first_name') or ''} {data.get('last_name') or ''}".strip()
    if data.get("number"):
        return " ".join(str(v) for v in (f"#{data['number']}", data.get("subject")) if v)
    project = data.get("project") or {}
    if data.get("spent_date") and project:
        return f"{data['spent_date']} {project.get('name', '')}".strip()
    return None


def _updated(item: Any) -> str:
    stamp = getattr(item, "updated_at", None)
    return stamp.isoformat() if stamp is not None else ""


async def candidates_for(
    harvest: AsyncHarvest,
    listing: Operation[Any],
    parents: Mapping[str, Any],
    text: str | None = None,
) -> list[dict[str, Any]]:
    """Up to five valid records of ``listing``: best name matches for ``text``, else the
    most recently updated (of the newest hundred). Failures to fetch them yield no
    candidates, never a new error."""
    args = {name: parents[name] for name in listing.path_params if name in parents}
    if len(args) != len(listing.path_params):
        return []
    try:
        page = await harvest.paginate(listing, **args, per_page=100).page()
    except HarvestError:
        return []
    items = sorted(page.items, key=_updated, reverse=True)
    rows = [{"id": getattr(item, "id", None), "name": label(item)} for item in items]
    rows = [row for row in rows if row["id"] is not None]
    if text:
        names = {i: row["name"] or "" for i, row in enumerate(rows)}
        ranked = process.extract(text, names, scorer=fuzz.WRatio, limit=MAX_CANDIDATES)
        return [rows[index] for _, _, index in ranked]
    return rows[:MAX_CANDIDATES]


async def _wrong_id(
    harvest: AsyncHarvest, op: Operation[Any], path_values: Mapping[str, Any]
) -> tuple[str, list[dict[str, Any]]] | None:
    """The first path id that names no record, with candidates for it."""
    for name in op.path_params:
        retrieve, listing = id_rows(op, name)
        if retrieve is None:
            continue
        args = {key: path_values[key] for key in retrieve.path_params}
        try:
            await harvest.call(retrieve, **args)
        except NotFoundError:
            found = await candidates_for(harvest, listing, path_values) if listing else []
            return name, found
        except HarvestError:
            return None
    return None


async def from_harvest_error(
    harvest: AsyncHarvest,
    exc: HarvestError,
    *,
    op: Operation[Any] | None = None,
    path_values: Mapping[str, Any] | None = None,
) -> ToolError:
    """A ToolError for an SDK error: Harvest's message, what to do next, and candidates."""
    said = f"Harvest said: {exc.message}"
    if isinstance(exc, NotFoundError):
        if op is not None and path_values:
            wrong = await _wrong_id(harvest, op, path_values)
            if wrong is not None:
                name, found = wrong
                return ToolError(
                    f"No record with {name} {path_values[name]}. {said}",
                    hint=f"Use one of the candidates' ids as {name}, or list them first.",
                    candidates=found,
                )
        return ToolError(f"Not found. {said}", hint="Check the ids; list the records first.")
    if isinstance(exc, UnprocessableError):
        return ToolError(
            f"Harvest rejected the values. {said}",
            hint="Change the argument the message names and call again.",
        )
    if isinstance(exc, PermissionDeniedError):
        return ToolError(
            f"Not allowed for this Harvest user's role. {said}",
            hint="Ask a Harvest manager or administrator, or use a read tool.",
        )
    if isinstance(exc, AuthenticationError):
        return ToolError(
            f"Harvest did not accept the credentials. {said}",
            hint="The person must reconnect their Harvest account; retrying will not help.",
        )
    if isinstance(exc, RateLimitedError):
        return rate_limited(exc)
    if isinstance(exc, BadRequestError):
        return ToolError(f"Harvest refused the request. {said}", hint="Fix the arguments.")
    if isinstance(exc, RequestLimitError):
        return ToolError(
            f"Not sent to Harvest: {exc.message}",
            hint="Shorten or correct the value the message names and call again.",
        )
    if isinstance(exc, UncertainWriteError):
        return ToolError(
            f"It is unknown whether the change was made. {said}",
            hint="List the records to check before trying again, so nothing is duplicated.",
        )
    if isinstance(exc, ServerError | TransportError):
        return ToolError(
            f"Harvest could not be reached or failed. {said}", hint="Try again shortly."
        )
    return ToolError(said, hint="Check the arguments and try again.")


_LIMITS = {
    "reports": "Harvest's reports rate limit (100 report requests per 15 minutes) is reached",
    "general": "Harvest's general rate limit (100 requests per 15 seconds) is reached",
}
_MEANWHILE = {
    "reports": "Meanwhile, tools that do not read reports still work; tell the person when "
    "the report will be ready rather than retrying sooner.",
    "general": "Meanwhile, make no other Harvest calls: every request counts against this limit.",
}


def rate_limited(exc: RateLimitedError) -> ToolError:
    """Which limit was reached, when to try again, what this request changed (nothing: it
    was held back, or Harvest refused it) and what to do until then."""
    bucket = exc.bucket if exc.bucket in _LIMITS else None
    limit = _LIMITS[bucket] if bucket else "Harvest's rate limit is reached"
    when = in_words(exc.retry_after)
    if exc.sent:
        what = f"Harvest refused this request, so it changed nothing. Harvest said: {exc.message}"
    else:
        what = "This request was not sent to Harvest, so it changed nothing."
    meanwhile = _MEANWHILE[bucket] if bucket else "Meanwhile, make no other Harvest calls."
    return ToolError(
        f"{limit}; a request can go through again {when}. {what}",
        hint=f"Call again {when}, not before. {meanwhile}",
    )


def in_words(seconds: float | None) -> str:
    """``in 45 s``, ``in 7 min`` (rounded up), or ``in a moment`` when unknown."""
    if seconds is None:
        return "in a moment"
    if seconds < 60:
        return f"in {max(1, math.ceil(seconds))} s"
    return f"in {math.ceil(seconds / 60)} min"


async def from_validation_error(
    harvest: AsyncHarvest | None,
    tool_name: str,
    exc: PydanticValidationError,
    arguments: Mapping[str, Any],
) -> ToolError:
    """A ToolError naming each wrong argument and why. Where text was given for an id
    (``project_id: "Website Redesign"``), the closest records by name are candidates."""
    problems = []
    found: list[dict[str, Any]] = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error["loc"]) or "arguments"
        problems.append(f"{where}: {error['msg']}")
        field = str(error["loc"][0]) if error["loc"] else ""
        given = arguments.get(field)
        listing = _id_lists().get(field)
        if harvest and listing and isinstance(given, str) and not found:
            found = await candidates_for(harvest, listing, {}, text=given)
    hint = f"Fix these arguments and call {tool_name} again."
    if found:
        hint += " Ids are numbers: use a candidate's id."
    return ToolError(
        f"Invalid arguments for {tool_name}: " + "; ".join(problems),
        hint=hint,
        candidates=found,
    )
