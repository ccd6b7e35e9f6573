"""Conditional GETs with ETags."""

from __future__ import annotations

from typing import Any

import httpx

from harvestkit.api import Harvest

from .conftest import ACCOUNT_ID, TOKEN, SyncASGITransport, client_options, mock_harvest

COMPANY = {"name": "Iridesco", "week_start_day": "Monday"}


class ConditionalServer:
    def __init__(self) -> None:
        self.conditional: list[str | None] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        tag = request.headers.get("If-None-Match")
        self.conditional.append(tag)
        if tag == 'W/"v1"':
            return httpx.Response(304, headers={"ETag": 'W/"v1"'})
        return httpx.Response(200, json=COMPANY, headers={"ETag": 'W/"v1"'})


def test_second_get_revalidates_and_reuses_the_body() -> None:
    server = ConditionalServer()
    h = mock_harvest(server)
    first, second = h.company.retrieve(), h.company.retrieve()
    assert first == second and second.name == "Iridesco"
    assert server.conditional == [None, 'W/"v1"']


def test_etags_can_be_turned_off() -> None:
    server = ConditionalServer()
    h = mock_harvest(server, etags=False)
    h.company.retrieve()
    h.company.retrieve()
    assert server.conditional == [None, None]


class Recording(httpx.BaseTransport):
    """Passes requests on and notes (If-None-Match, status) for each."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.seen: list[tuple[str | None, int]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        self.seen.append((request.headers.get("If-None-Match"), response.status_code))
        return response


def test_conditional_get_against_the_sandbox(app: Any) -> None:
    inner = SyncASGITransport(app)
    recording = Recording(inner)
    h = Harvest(TOKEN, ACCOUNT_ID, transport=recording, **client_options())
    first, second = h.company.retrieve(), h.company.retrieve()
    assert first == second
    assert recording.seen[0] == (None, 200)
    assert recording.seen[1][0] is not None and recording.seen[1][1] == 304
    h.company.update(weekly_capacity=126000)
    assert h.company.retrieve().weekly_capacity == 126000  # a changed record is not stale
    inner.close()
