"""The operation table is complete, consistent, and every row has its resource methods."""

from __future__ import annotations

import contextlib
import inspect
import typing
from typing import Any

import anyio
import httpx
import pydantic
import pytest

from harvestkit.api import OPERATIONS, AsyncHarvest, Harvest, HarvestError, types
from harvestkit.api.operations import API_OPERATIONS, IDENTITY_OPERATIONS, Operation
from harvestkit.api.types import HarvestModel, Params
from harvestkit.api.types import arguments as argument_types

from .conftest import mock_async_harvest, mock_harvest

LOGICAL = {
    "time_entries.create_by_times",
    "invoices.create_from_tracked",
    "invoices.line_items.create",
    "invoices.line_items.update",
    "invoices.line_items.delete",
    "estimates.line_items.create",
    "estimates.line_items.update",
    "estimates.line_items.delete",
    "invoices.messages.mark_sent",
    "invoices.messages.mark_closed",
    "invoices.messages.reopen",
    "invoices.messages.mark_draft",
    "estimates.messages.mark_sent",
    "estimates.messages.mark_accepted",
    "estimates.messages.mark_declined",
    "estimates.messages.reopen",
    "users.archive",
}


def test_130_documented_operations_on_113_routes_plus_identity() -> None:
    assert len(API_OPERATIONS) == 130
    assert len({(op.method, op.path) for op in API_OPERATIONS}) == 113
    assert len({op.name for op in OPERATIONS}) == len(OPERATIONS)
    assert {op.name for op in IDENTITY_OPERATIONS} == {
        "accounts.list",
        "oauth.authorize",
        "oauth.exchange_code",
        "oauth.refresh",
    }
    assert all(op.host == "identity" for op in IDENTITY_OPERATIONS)
    shared_route = {
        op.name for op in API_OPERATIONS
        if sum((o.method, o.path) == (op.method, op.path) for o in API_OPERATIONS) > 1
    }  # fmt: skip
    assert shared_route >= LOGICAL


def rows() -> list[Any]:
    return [pytest.param(op, id=op.name) for op in OPERATIONS]


@pytest.mark.parametrize("op", rows())
def test_row_is_consistent(op: Operation[Any]) -> None:
    assert op.summary and op.summary[0].isupper() and len(op.summary) <= 100
    assert op.read_only == (op.method == "GET")
    assert op.bucket == ("reports" if op.path.startswith("/reports/") else "general")
    assert op.is_list == (op.list_key is not None)
    if op.method == "DELETE":
        assert op.destructive and op.result is None
    if op.method == "POST":
        assert not op.idempotent
    if op.is_list:
        assert op.params is not None and op.pagination in ("page", "cursor")
    if op.name.startswith(("invoices.payments.create", "expenses.create")):
        assert op.moves_money


def resource_method(client: Any, name: str) -> Any:
    target = client
    for part in name.split("."):
        target = getattr(target, part)
    return target


def api_rows() -> list[Any]:
    return [pytest.param(op, id=op.name) for op in [*API_OPERATIONS, *IDENTITY_OPERATIONS[:1]]]


@pytest.mark.parametrize("op", api_rows())
def test_every_row_has_a_sync_and_async_method_with_the_same_signature(op: Operation[Any]) -> None:
    sync = resource_method(mock_harvest(lambda r: None), op.name)
    async_ = resource_method(mock_async_harvest(lambda r: None), op.name)
    assert inspect.signature(sync).parameters == inspect.signature(async_).parameters
    assert inspect.iscoroutinefunction(async_) != op.is_list
    assert sync.__doc__.strip() == op.summary


@pytest.mark.parametrize("op", api_rows())
def test_method_arguments_are_the_path_and_model_fields(op: Operation[Any]) -> None:
    sync = resource_method(mock_harvest(lambda r: None), op.name)
    params = inspect.signature(sync).parameters
    positional = [n for n, p in params.items() if p.kind is p.POSITIONAL_OR_KEYWORD]
    assert positional == list(op.path_params)
    keywords = [p for p in params.values() if p.kind is not p.POSITIONAL_OR_KEYWORD]
    model = op.params or op.body
    if model is None:
        assert keywords == []
        return
    assert [(p.name, p.kind) for p in keywords] == [("params", inspect.Parameter.VAR_KEYWORD)]
    unpacked = typing.get_type_hints(sync, include_extras=True)["params"]
    assert typing.get_origin(unpacked) is typing.Unpack
    (arguments,) = typing.get_args(unpacked)
    assert arguments is getattr(argument_types, arguments.__name__)
    assert arguments.__name__ == model.__name__.removesuffix("Params") + "Arguments"
    assert list(arguments.__annotations__) == list(model.model_fields)
    required = {name for name, field in model.model_fields.items() if field.is_required()}
    assert arguments.__required_keys__ == required
    # Left out means "not sent"; None is "send null", which only a body can carry.
    hints = typing.get_type_hints(arguments)
    for name in model.model_fields.keys() - required:
        assert (type(None) in typing.get_args(hints[name])) == (op.body is not None), name


def models() -> list[Any]:
    found = [getattr(types, name) for name in types.__all__]
    return [
        pytest.param(m, id=m.__name__)
        for m in found
        if isinstance(m, type) and issubclass(m, pydantic.BaseModel)
    ]


@pytest.mark.parametrize("model", models())
def test_every_model_is_complete_and_has_a_json_schema(model: type[pydantic.BaseModel]) -> None:
    assert model.__pydantic_complete__
    schema = model.model_json_schema()
    assert schema["type"] == "object"
    if issubclass(model, Params):
        assert model.__name__.endswith("Params")
        assert model.model_config.get("extra") == "forbid"
    else:
        assert issubclass(model, HarvestModel) and model.model_config.get("extra") == "allow"


def test_clients_expose_the_same_resources() -> None:
    public = {n for n in vars(mock_harvest(lambda r: None)) if not n.startswith("_")}
    assert public == {n for n in vars(mock_async_harvest(lambda r: None)) if not n.startswith("_")}
    assert isinstance(mock_harvest(lambda r: None), Harvest)
    assert isinstance(mock_async_harvest(lambda r: None), AsyncHarvest)


TWIN_CASES = [
    pytest.param("time_entries.update", (7,), {"notes": None, "hours": "1.5"}, id="path and body"),
    pytest.param("time_entries.update", (), {"time_entry_id": 7, "notes": "x"}, id="path by name"),
    pytest.param("invoices.line_items.delete", (3,), {"id": 9}, id="nested"),
    pytest.param("time_entries.list", (), {"project_id": 4, "from_": "2026-01-05"}, id="list"),
]


@pytest.mark.parametrize(("name", "args", "kwargs"), TWIN_CASES)
def test_async_twin_sends_what_the_sync_method_sends(
    name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    sent: dict[str, list[tuple[str, str, bytes]]] = {"sync": [], "async": []}

    def recorder(flavour: str) -> Any:
        def handler(request: httpx.Request) -> httpx.Response:
            sent[flavour].append((request.method, str(request.url), request.read()))
            return httpx.Response(500)

        return handler

    with contextlib.suppress(HarvestError):
        result = resource_method(mock_harvest(recorder("sync")), name)(*args, **kwargs)
        if hasattr(result, "first_page"):
            result.first_page()

    async def run() -> None:
        method = resource_method(mock_async_harvest(recorder("async")), name)
        with contextlib.suppress(HarvestError):
            result = method(*args, **kwargs)
            await (result.first_page() if hasattr(result, "first_page") else result)

    anyio.run(run)
    assert sent["sync"] and sent["async"][0] == sent["sync"][0]


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [((), {}), ((7,), {"note": "x"}), ((7, 8), {})],
    ids=["missing path", "unknown keyword", "extra positional"],
)
def test_async_twin_refuses_what_the_sync_method_refuses(
    args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    with pytest.raises(TypeError):
        mock_harvest(lambda r: httpx.Response(500)).time_entries.update(*args, **kwargs)

    async def run() -> None:
        # The async method is a coroutine function: a wrong positional and an unknown
        # keyword (refused when the parameter model validates it) both fail on await.
        update = mock_async_harvest(lambda r: httpx.Response(500)).time_entries.update
        await update(*args, **kwargs)

    with pytest.raises(TypeError):
        anyio.run(run)


def keyed_rows() -> list[Any]:
    return [pytest.param(op, id=op.name) for op in OPERATIONS if op.natural_key is not None]


@pytest.mark.parametrize("op", keyed_rows())
def test_natural_key_lists_the_same_collection_by_fields_of_the_body(op: Operation[Any]) -> None:
    key = op.natural_key
    assert key is not None and op.method == "POST" and op.body is not None
    assert key.list_op.is_list and key.list_op.path == op.path
    assert key.list_op.result is op.result
    assert key.fields and set(key.fields) <= set(op.body.model_fields)


def test_every_create_decides_how_a_lost_response_is_recovered() -> None:
    # A new POST row either names its natural key or joins this list: its lost creates are
    # then reported as uncertain (message events and OAuth exchanges are not records one
    # can list and match; invoices and estimates take their number from Harvest).
    unkeyed = {op.name for op in OPERATIONS if op.method == "POST" and op.natural_key is None}
    assert unkeyed == {
        "estimates.create",
        "estimates.messages.create",
        "estimates.messages.mark_accepted",
        "estimates.messages.mark_declined",
        "estimates.messages.mark_sent",
        "estimates.messages.reopen",
        "invoices.create",
        "invoices.create_from_tracked",
        "invoices.messages.create",
        "invoices.messages.mark_closed",
        "invoices.messages.mark_draft",
        "invoices.messages.mark_sent",
        "invoices.messages.reopen",
        "oauth.exchange_code",
        "oauth.refresh",
        "users.billable_rates.create",
        "users.cost_rates.create",
    }
