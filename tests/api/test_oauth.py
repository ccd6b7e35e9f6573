"""OAuth2: authorize URL, code exchange, refresh before expiry and once after a 401."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from harvestkit.api import (
    AuthenticationError,
    InMemoryTokenStore,
    OAuthClient,
    OAuthTokenProvider,
    StaticTokenProvider,
    StoredToken,
    TokenProvider,
    authorization_url,
)

from .conftest import mock_async_harvest, mock_harvest

IDENTITY = "https://id.example"


def test_authorization_url() -> None:
    url = authorization_url(
        "cid", redirect_uri="https://app.example/cb", state="s1", identity_url=IDENTITY
    )
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://id.example/oauth2/authorize"
    assert parse_qs(parts.query) == {
        "client_id": ["cid"],
        "response_type": ["code"],
        "redirect_uri": ["https://app.example/cb"],
        "state": ["s1"],
    }


class TokenEndpoint:
    def __init__(self) -> None:
        self.forms: list[dict[str, list[str]]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        assert str(request.url) == f"{IDENTITY}/api/v2/oauth2/token"
        assert "harvestkit" in request.headers["User-Agent"]
        form = parse_qs(request.content.decode())
        self.forms.append(form)
        if form["client_secret"] != ["secret"]:
            return httpx.Response(
                400, json={"error": "invalid_client", "error_description": "bad client"}
            )
        n = len(self.forms)
        body = {
            "access_token": f"access-{n}",
            "refresh_token": f"refresh-{n}",
            "token_type": "bearer",
            "expires_in": 1209600,
        }
        return httpx.Response(200, json=body)


def oauth(endpoint: TokenEndpoint, secret: str = "secret") -> OAuthClient:
    return OAuthClient(
        "cid",
        secret,
        identity_url=IDENTITY,
        transport=httpx.MockTransport(endpoint),
        async_transport=httpx.MockTransport(endpoint),
    )


def test_code_exchange_posts_the_form() -> None:
    endpoint = TokenEndpoint()
    token = oauth(endpoint).exchange_code("the-code", redirect_uri="https://app.example/cb")
    assert token.access_token == "access-1" and token.expires_in == 1209600
    assert endpoint.forms[0] == {
        "code": ["the-code"],
        "client_id": ["cid"],
        "client_secret": ["secret"],
        "grant_type": ["authorization_code"],
        "redirect_uri": ["https://app.example/cb"],
    }


def test_token_endpoint_errors_keep_their_description() -> None:
    with pytest.raises(Exception, match="bad client") as caught:
        oauth(TokenEndpoint(), secret="wrong").exchange_code("c")
    assert "wrong" not in str(caught.value)


@pytest.mark.parametrize(
    ("expires_in", "expected", "refreshes"),
    [(3600.0, "access-0", 0), (60.0, "access-1", 1), (-5.0, "access-1", 1)],
    ids=["fresh", "inside-margin", "expired"],
)
def test_provider_refreshes_before_expiry(expires_in: float, expected: str, refreshes: int) -> None:
    endpoint = TokenEndpoint()
    store = InMemoryTokenStore(StoredToken("access-0", "refresh-0", 1000.0 + expires_in))
    provider = OAuthTokenProvider(oauth(endpoint), store, refresh_margin=300, clock=lambda: 1000.0)
    assert isinstance(provider, TokenProvider)
    assert provider.get_token() == expected
    assert len(endpoint.forms) == refreshes
    if refreshes:
        assert endpoint.forms[0]["refresh_token"] == ["refresh-0"]
        assert endpoint.forms[0]["grant_type"] == ["refresh_token"]
        assert store.load() == StoredToken("access-1", "refresh-1", 1000.0 + 1209600)


def api_accepting(token: str, seen: list[str]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["Authorization"])
        if request.headers["Authorization"] != f"Bearer {token}":
            return httpx.Response(
                401, json={"error": "invalid_token", "error_description": "expired"}
            )
        return httpx.Response(200, json={"id": 1, "first_name": "A"})

    return httpx.MockTransport(handler)


def provider_with_revoked_token(endpoint: TokenEndpoint) -> OAuthTokenProvider:
    store = InMemoryTokenStore(StoredToken("revoked", "refresh-0", None))
    return OAuthTokenProvider(oauth(endpoint), store)


def test_a_401_refreshes_once_and_retries() -> None:
    seen: list[str] = []
    endpoint = TokenEndpoint()
    transport = api_accepting("access-1", seen)
    h = mock_harvest(transport.handler, token_provider=provider_with_revoked_token(endpoint))
    assert h.users.me().id == 1
    assert seen == ["Bearer revoked", "Bearer access-1"]


def test_a_second_401_is_final() -> None:
    seen: list[str] = []
    transport = api_accepting("never", seen)
    h = mock_harvest(transport.handler, token_provider=provider_with_revoked_token(TokenEndpoint()))
    with pytest.raises(AuthenticationError):
        h.users.me()
    assert seen == ["Bearer revoked", "Bearer access-1"]


@pytest.mark.anyio
async def test_async_refresh_once_on_401() -> None:
    seen: list[str] = []
    transport = api_accepting("access-1", seen)
    provider = provider_with_revoked_token(TokenEndpoint())
    h = mock_async_harvest(transport.handler, token_provider=provider)
    assert (await h.users.me()).id == 1
    assert seen == ["Bearer revoked", "Bearer access-1"]


def test_static_provider_hides_the_token() -> None:
    provider = StaticTokenProvider("pat-secret")
    assert "pat-secret" not in repr(provider)
    assert provider.refresh() == provider.get_token() == "pat-secret"


def test_tokens_never_show_in_reprs() -> None:
    stored = StoredToken("access-secret", "refresh-secret", 1.0)
    endpoint_token = TokenEndpoint()
    token = oauth(endpoint_token).exchange_code("c")
    for text in (repr(stored), repr(token)):
        assert "secret" not in text and "access-1" not in text and "refresh-1" not in text
    assert "hush-hush" not in repr(OAuthClient("cid", "hush-hush"))
