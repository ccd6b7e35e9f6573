"""A declared resource method behaves as a hand-written one would, on both clients."""

from __future__ import annotations

import inspect
from typing import Any

import anyio
import httpx
import pytest

from harvestkit.api import AsyncHarvest, Harvest
from harvestkit.api.resources import InvoiceMessages, Invoices
from harvestkit.api.resources._base import ResourceMethod

from .conftest import mock_async_harvest, mock_harvest


def refusing(sent: list[httpx.Request]) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(500)

    return handler


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda h: h.clients.retrieve(), "missing a required argument: 'client_id'"),
        (lambda h: h.clients.retrieve(1, 2), "too many positional arguments"),
        (lambda h: h.invoices.messages.delete(3), "missing a required argument: 'message_id'"),
        (lambda h: h.clients.retrieve(1, client_id=1), "multiple values for argument"),
    ],
)
def test_a_wrong_call_is_refused_before_anything_is_sent(call: Any, message: str) -> None:
    sent: list[httpx.Request] = []
    with pytest.raises(TypeError, match=message):
        call(mock_harvest(refusing(sent)))

    async def awaited() -> None:
        # The async method is a coroutine function, so it checks its arguments when awaited.
        await call(mock_async_harvest(refusing(sent)))

    with pytest.raises(TypeError, match=message):
        anyio.run(awaited)
    assert sent == []


def test_a_path_parameter_may_be_named() -> None:
    paths: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        paths.append(request.url.path)
        return httpx.Response(200, json={"id": 9, "name": "Acme"})

    assert mock_harvest(handler).clients.retrieve(client_id=9).name == "Acme"
    assert paths == ["/v2/clients/9"]


def test_nested_resources_share_their_clients_core() -> None:
    h, a = mock_harvest(refusing([])), mock_async_harvest(refusing([]))
    assert isinstance(h.invoices, Invoices) and isinstance(h.invoices.messages, InvoiceMessages)
    assert h.invoices.messages._core is h.invoices._core is h._core
    assert a.invoices.payments._core is a._core
    assert isinstance(h, Harvest) and isinstance(a, AsyncHarvest)


def test_a_callers_subclass_keeps_the_resources_whatever_it_annotates() -> None:
    class Recording(Harvest):
        journal: NotDefinedHere  # noqa: F821

    h = Recording("token", 1, transport=httpx.MockTransport(refusing([])))
    assert isinstance(h.invoices.messages, InvoiceMessages)


def test_methods_read_as_declared() -> None:
    h, a = mock_harvest(refusing([])), mock_async_harvest(refusing([]))
    assert str(inspect.signature(h.invoices.messages.delete)) == (
        "(invoice_id: 'int', message_id: 'int') -> 'None'"
    )
    assert h.clients.retrieve.__doc__ == "Retrieve a client."
    assert h.clients.retrieve.__name__ == "retrieve"
    assert isinstance(Invoices.list, ResourceMethod)
    assert not inspect.iscoroutinefunction(h.clients.retrieve)
    assert inspect.iscoroutinefunction(a.clients.retrieve)
    assert not inspect.iscoroutinefunction(a.clients.list)


def test_async_results_are_awaited_values() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"id": 9, "name": "Acme"})

    async def main() -> str:
        async with mock_async_harvest(handler) as a:
            return (await a.clients.retrieve(9)).name

    assert anyio.run(main) == "Acme"
