"""Error statuses become typed errors carrying Harvest's message, never the token."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from harvestkit.api import (
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    HarvestError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    RetryPolicy,
    ServerError,
    TransportError,
    UncertainWriteError,
    UnprocessableError,
    ValidationError,
    error_for_status,
)
from harvestkit.api._errors import redact_url

from .conftest import TOKEN, mock_harvest

NO_RETRY = RetryPolicy(max_retries=0, max_rate_limit_wait=0)


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (422, UnprocessableError),
        (429, RateLimitedError),
        (500, ServerError),
        (502, ServerError),
        (503, ServerError),
        (418, APIStatusError),
    ],
)
def test_error_for_status(status: int, cls: type[HarvestError]) -> None:
    assert error_for_status(status) is cls


def test_the_tree_has_one_root() -> None:
    leaves: list[type[HarvestError]] = [
        BadRequestError,
        AuthenticationError,
        PermissionDeniedError,
        NotFoundError,
    ]
    leaves += [
        UnprocessableError,
        RateLimitedError,
        ServerError,
        TransportError,
        UncertainWriteError,
    ]
    assert all(issubclass(cls, HarvestError) for cls in leaves)
    assert ValidationError is UnprocessableError


AUTH_BODY = {
    "error": "invalid_token",
    "error_description": "The access token provided is expired, revoked, malformed or invalid.",
}


@pytest.mark.parametrize(
    ("status", "kwargs", "cls", "message"),
    [
        (
            422,
            {"json": {"message": "Project can't be blank"}},
            UnprocessableError,
            "Project can't be blank",
        ),
        (403, {"json": {"message": "Not authorized!"}}, PermissionDeniedError, "Not authorized!"),
        (401, {"json": AUTH_BODY}, AuthenticationError, AUTH_BODY["error_description"]),
        (404, {"json": {"status": 404, "error": "Not Found"}}, NotFoundError, "Not Found"),
        (
            429,
            {"html": "<html><title>Throttled</title></html>", "headers": {"Retry-After": "15"}},
            RateLimitedError,
            "Throttled",
        ),
        (
            400,
            {"text": "Invalid timeframe: must not exceed 1 year"},
            BadRequestError,
            "Invalid timeframe",
        ),
        (500, {"text": ""}, ServerError, "Internal Server Error"),
    ],
    ids=[
        "422-message",
        "403",
        "401-error-description",
        "404-error",
        "429-html",
        "400-text",
        "500-empty",
    ],
)
def test_error_carries_harvests_message(
    status: int, kwargs: dict[str, Any], cls: type[APIStatusError], message: str
) -> None:
    headers = {"X-Request-Id": "req-42", **kwargs.pop("headers", {})}

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, headers=headers, **kwargs)

    with pytest.raises(cls) as caught:
        mock_harvest(handler, retry=NO_RETRY).clients.retrieve(7)
    error = caught.value
    assert message in error.message
    assert (error.method, error.status, error.request_id) == ("GET", status, "req-42")
    assert error.url == "https://api.harvestapp.com/v2/clients/7"
    assert TOKEN not in str(error)
    if isinstance(error, RateLimitedError):
        assert error.retry_after == 15


def test_query_auth_is_redacted_from_urls() -> None:
    url = "https://api.harvestapp.com/v2/users/me?access_token=secret123&account_id=9"
    assert (
        redact_url(url)
        == "https://api.harvestapp.com/v2/users/me?access_token=REDACTED&account_id=9"
    )
    error = HarvestError("boom", method="GET", url=url)
    assert "secret123" not in str(error) and "secret123" not in (error.url or "")


def test_connection_errors_become_transport_errors() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(TransportError, match="ConnectError"):
        mock_harvest(handler, retry=NO_RETRY).clients.retrieve(1)
