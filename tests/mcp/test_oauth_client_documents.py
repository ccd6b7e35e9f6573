"""Client ID metadata documents: which URLs are fetched at all, and which documents stand
for a client. No network: the fetch goes to a mock transport, host names to a table."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from harvestkit.mcp.oauth import SCOPES, ClientDocumentError, ClientDocuments

pytestmark = pytest.mark.anyio

URL = "https://app.example/oauth/client.json"
ADDRESSES = {
    "app.example": ["93.184.215.14"],
    "intranet.example": ["10.0.0.7"],
    "127.0.0.1": ["127.0.0.1"],
}


def document(**changes: Any) -> dict[str, Any]:
    return {
        "client_id": URL,
        "client_name": "App",
        "redirect_uris": ["http://127.0.0.1:4000/callback"],
        **changes,
    }


def documents(
    served: dict[str, Any] | None = None, **options: Any
) -> tuple[ClientDocuments, list[str]]:
    fetched: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        fetched.append(str(request.url))
        body = served if served is not None else document(client_id=str(request.url))
        return httpx.Response(200, json=body)

    made = ClientDocuments(
        SCOPES,
        transport=httpx.MockTransport(answer),
        resolve=lambda host: ADDRESSES[host],
        **options,
    )
    return made, fetched


async def test_a_document_stands_for_a_public_client_and_is_kept() -> None:
    made, fetched = documents(document())
    client = await made.get(URL)
    assert client.client_id == URL and client.client_name == "App"
    assert (
        client.token_endpoint_auth_method == "none" and client.scope == "harvest:read harvest:write"
    )
    await made.get(URL)
    assert fetched == [URL]


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://app.example/oauth/client.json", "must use https"),
        ("https://app.example/", "needs a path"),
        ("https://app.example/client.json#x", "needs a path"),
        ("https://user:pw@app.example/client.json", "needs a path"),
        ("https://app.example/a/../client.json", ". or .. segments"),
        ("https://intranet.example/client.json", "non-public address"),
        ("http://127.0.0.1:4000/client.json", "must use https"),
    ],
)
async def test_urls_that_are_not_fetched(url: str, why: str) -> None:
    made, fetched = documents()
    with pytest.raises(ClientDocumentError, match=why):
        await made.get(url)
    assert fetched == []


async def test_loopback_http_only_when_allowed_for_development() -> None:
    url = "http://127.0.0.1:4000/client.json"
    made, fetched = documents(allow_loopback_http=True)
    assert (await made.get(url)).client_id == url
    assert fetched == [url]


@pytest.mark.parametrize(
    ("served", "why"),
    [
        (document(client_id="https://other.example/client.json"), "client_id is not its URL"),
        (document(client_secret="s"), "may not carry a client secret"),
        (document(token_endpoint_auth_method="client_secret_post"), "is not supported"),
        (document(redirect_uris=[]), "lists no redirect_uris"),
        (["not", "an", "object"], "not a JSON object"),
    ],
)
async def test_documents_that_do_not_stand_for_a_client(served: Any, why: str) -> None:
    made, _ = documents(served)
    with pytest.raises(ClientDocumentError, match=why):
        await made.get(URL)
