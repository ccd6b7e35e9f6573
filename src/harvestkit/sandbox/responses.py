"""Successful responses as Harvest sends them: compact JSON, weak ETags, 201 + Location."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .errors import JSON_CONTENT_TYPE


def _encode(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def json_response(
    request: Request, data: Any, status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    body = _encode(data)
    etag = f'W/"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"'
    all_headers = {
        "ETag": etag,
        "Cache-Control": "max-age=0, private, must-revalidate",
        **(headers or {}),
    }
    # Rails' Rack::ConditionalGet answers a matching If-None-Match with 304 (unconfirmed
    # for Harvest, see docs/sandbox.md).
    if request.method == "GET" and status == 200:
        candidates = {tag.strip() for tag in request.headers.get("if-none-match", "").split(",")}
        if etag in candidates or etag.removeprefix("W/") in candidates:
            return Response(status_code=304, headers=all_headers)
    return Response(body, status_code=status, headers=all_headers, media_type=JSON_CONTENT_TYPE)


def created(request: Request, data: dict[str, Any], resource_path: str) -> Response:
    """201 with `Location: <base>/api/v2/<resource_path>/<id>`, as Harvest emits it."""
    base = f"{request.url.scheme}://{request.url.netloc}"
    location = f"{base}/api/v2/{resource_path.strip('/')}/{data['id']}"
    return json_response(request, data, status=201, headers={"Location": location})
