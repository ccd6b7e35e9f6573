"""The one handler shape every operation tool shares: validate, confirm, call, summarise.

A confirming tool makes no Harvest write before its question is answered: it reads the
target (to name it, and to fail early with candidates on a wrong id), answers a dry run
with the exact requests, asks, and only then writes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pydantic import BaseModel

from harvestkit.api import HarvestError, Operation

from .._errors import from_harvest_error, id_rows, label
from .._tool import Detail, Handler, Question, ToolContext, ToolError
from ..plan import Plan, Step, agreed
from ._models import Target, ToolOutput, record_key, summary_model
from ._paging import decode_cursor, encode_cursor, first_link, fit, omitted
from ._stakes import at_stake

__all__ = ["CONTROLS", "make_handler"]

# Inputs the tool layer consumes itself; everything else goes to the SDK.
CONTROLS = frozenset({"cursor", "response_format", "confirm", "dry_run"})


def _given(model: BaseModel, exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The non-null values of ``model`` by field name, nested models pruned the same way.

    Strict function calling makes agents send null for every field they leave out, and
    Harvest reads null as "clear this field", so nulls are never passed on.
    """
    return {
        name: _prune(value)
        for name in type(model).model_fields
        if name not in exclude and (value := getattr(model, name)) is not None
    }


def _prune(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return type(value).model_validate(_given(value))
    if isinstance(value, list):
        return [_prune(item) for item in value]
    return value


def _shape(record: Any, fmt: str) -> Any:
    if fmt == "detailed" or not isinstance(record, BaseModel):
        return record
    model: type[BaseModel] = type(record)
    return summary_model(model).model_validate(record.model_dump())


async def _target(ctx: ToolContext, op: Operation[Any], path: Mapping[str, Any]) -> Target | None:
    """The record the tool acts on: the innermost path id that can be read back."""
    for name in reversed(op.path_params):
        retrieve, _ = id_rows(op, name)
        if retrieve is not None:
            record = await ctx.harvest.call(retrieve, **{k: path[k] for k in retrieve.path_params})
            kind = name.removesuffix("_id").replace("_", " ")
            return Target(kind=kind, id=int(path[name]), name=label(record))
    return None


def _question(
    title: str, target: Target | None, stake: str = "", more: tuple[Detail, ...] = ()
) -> Question:
    # The target's name is Harvest text (people wrote it), so it stays out of the prose:
    # the kind and id identify the record, and the name goes along as a detail.
    if target is None:
        return Question(key="confirm", kind="confirm", message=f"{title}?{stake}", details=more)
    details = ((Detail(target.kind, target.name),) if target.name else ()) + more
    message = f"{title} ({target.kind} {target.id})?{stake}"
    return Question(key="confirm", kind="confirm", message=message, details=details)


def make_handler(
    name: str,
    op: Operation[Any],
    output_model: Callable[[], type[ToolOutput]],
    *,
    title: str,
    confirms: bool,
) -> Handler:
    """The handler of the tool ``name`` for ``op``; ``output_model`` makes its output class
    (the same one each time)."""
    key = record_key(op.result) if op.result not in (None, type(None)) else None

    async def handler(ctx: ToolContext, args: Any) -> BaseModel:
        outputs = output_model()
        values = _given(args, exclude=CONTROLS)
        fmt = args.response_format or "concise"
        path = {param: values[param] for param in op.path_params}
        try:
            if op.is_list:
                return await _page(ctx, op, outputs, values, args.cursor, fmt)
            extra: dict[str, Any] = {}
            # The one request this tool makes: what the dry run shows is what runs.
            plan = Plan((Step(op, values, says=title),))
            if confirms:
                target = await _target(ctx, op, path)
                extra = {"target": target, "dry_run": False, "planned_requests": []}
                if args.dry_run:
                    empty = {key: None} if key else {"deleted": False}
                    return outputs.model_validate(
                        {**extra, **empty}
                        | {"dry_run": True, "planned_requests": plan.requests(ctx.harvest)}
                    )
                stake, more = await at_stake(ctx, op, values)
                question = _question(title, target, stake, more)
                if not args.confirm and not agreed(ctx.ask(question)):
                    raise ToolError(
                        f"{name} was not confirmed; nothing was changed.",
                        hint="Call again with confirm: true only if the person agrees.",
                    )
            (result,) = await plan.run(ctx.harvest)
        except HarvestError as exc:
            raise await from_harvest_error(ctx.harvest, exc, op=op, path_values=path) from exc
        except TypeError as exc:
            # The SDK validates the arguments again with its own parameter models and
            # reports a mismatch as a TypeError, before anything is sent.
            raise ToolError(
                f"Invalid arguments for {name}: {exc}",
                hint=f"Fix the arguments and call {name} again.",
            ) from exc
        body = {"deleted": True} if key is None else {key: _shape(result, fmt)}
        return outputs.model_validate({**body, **extra})

    return handler


async def _page(
    ctx: ToolContext,
    op: Operation[Any],
    outputs: type[ToolOutput],
    values: dict[str, Any],
    cursor: str | None,
    fmt: str,
) -> BaseModel:
    pager = ctx.harvest.paginate(op, **values)
    first = ctx.harvest.prepare(op, **values)
    link, skip = decode_cursor(cursor, first) if cursor else (None, 0)
    page = await pager.page(link)
    assert op.list_key is not None
    records = [_shape(item, fmt) for item in page.items[skip:]]
    shown = fit(records)
    next_cursor: str | None
    if shown < len(records):  # cut by size: come back to this Harvest page
        next_cursor = encode_cursor(link or first_link(first), skip + shown)
        note = omitted(shown, len(records))
    else:
        next_cursor = encode_cursor(page.next_cursor) if page.next_cursor else None
        note = None
    return outputs.model_validate(
        {
            "total_entries": page.total_entries,
            "next_cursor": next_cursor,
            "omitted": note,
            op.list_key: records[:shown],
        }
    )
