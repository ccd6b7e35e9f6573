"""Recording the Harvest requests of a tool call through the SDK, per call, sync and async."""

from __future__ import annotations

import asyncio
import contextlib
import threading

import httpx
from starlette.testclient import TestClient

from harvestkit.api import AsyncHarvest, Harvest
from harvestkit.governance import AsyncRequestRecorder, HarvestRequest, RequestRecorder
from tests.auth.helpers import SANDBOX_URL, AppTransport
from tests.conftest import ACCOUNT_ID, TOKEN


def test_each_capture_sees_only_its_own_requests(empty: TestClient) -> None:
    recorder = RequestRecorder(AppTransport(empty.app))
    harvest = Harvest(TOKEN, ACCOUNT_ID, base_url=f"{SANDBOX_URL}/v2", transport=recorder)
    seen: dict[str, list[HarvestRequest]] = {}

    def call(name: str) -> None:
        with recorder.capture() as requests:
            if name == "me":
                harvest.users.me()
            else:
                harvest.company.retrieve()
        seen[name] = requests

    threads = [threading.Thread(target=call, args=(n,)) for n in ("me", "company")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    harvest.users.me()  # outside any capture: recorded nowhere
    assert [(r.method, r.path, r.status) for r in seen["me"]] == [("GET", "/v2/users/me", 200)]
    assert [(r.method, r.path, r.status) for r in seen["company"]] == [("GET", "/v2/company", 200)]


def test_async_captures_per_task(empty: TestClient) -> None:
    recorder = AsyncRequestRecorder(httpx.ASGITransport(app=empty.app))

    async def main() -> list[list[HarvestRequest]]:
        async with AsyncHarvest(
            TOKEN, ACCOUNT_ID, base_url=f"{SANDBOX_URL}/v2", transport=recorder
        ) as harvest:

            async def call(times: int) -> list[HarvestRequest]:
                with recorder.capture() as requests:
                    for _ in range(times):
                        await harvest.users.me()
                return requests

            return list(await asyncio.gather(call(1), call(3)))

    one, three = asyncio.run(main())
    assert (len(one), len(three)) == (1, 3)


def test_failed_connection_is_recorded_without_status() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    recorder = RequestRecorder(httpx.MockTransport(refuse))
    with (
        recorder.capture() as requests,
        httpx.Client(transport=recorder) as client,
        contextlib.suppress(httpx.ConnectError),
    ):
        client.get("https://api.harvestapp.com/v2/users/me?secret=1")
    assert requests == [HarvestRequest("GET", "/v2/users/me", None, None)]


def test_request_id_and_path_without_query() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(422, headers={"X-Request-Id": "abc-123"}, json={})

    recorder = RequestRecorder(httpx.MockTransport(answer))
    with recorder.capture() as requests, httpx.Client(transport=recorder) as client:
        client.post("https://api.harvestapp.com/v2/time_entries?notes=private", json={})
    assert requests == [HarvestRequest("POST", "/v2/time_entries", 422, "abc-123")]
