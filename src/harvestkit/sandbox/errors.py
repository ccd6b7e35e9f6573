"""One error type, rendered in Harvest's exact shapes (API-NOTES §3.4, §5, §6).

Handlers raise `ApiError` (or call one of the constructors below); `render` turns it into
the response Harvest would send. Nothing else in the sandbox builds error responses.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.responses import HTMLResponse, JSONResponse, Response

INVALID_TOKEN = {
    "error": "invalid_token",
    "error_description": (
        "The access token provided is expired, revoked, malformed or invalid for other reasons."
    ),
}
_WWW_AUTHENTICATE = (
    'Bearer realm="Rack::OAuth2 Protected Resources", error="invalid_token", '
    'error_description="The access token provided is expired, revoked, malformed or invalid '
    'for other reasons."'
)

NOT_FOUND_PAGE = """<!DOCTYPE html>
<html>
<head><title>HARVEST: Canʼt find page</title></head>
<body><h1>Canʼt find page</h1><p>The page you were looking for doesnʼt exist.</p></body>
</html>
"""

THROTTLED_PAGE = """<!DOCTYPE html>
<html><head><title>Too Many Requests</title></head>
<body><h1>Too Many Requests</h1><p>Your request has been throttled.</p></body></html>
"""

JSON_CONTENT_TYPE = "application/json; charset=utf-8"


@dataclass
class ApiError(Exception):
    """A Harvest error response: status, JSON body (or HTML), extra headers."""

    status: int
    body: dict[str, object] | None = None
    html: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.status} {self.body or ''}"


def unprocessable(message: str) -> ApiError:
    """422 with Harvest's `{"message": ...}` body; business-rule refusals also carry Hint."""
    return ApiError(422, {"message": message})


def refused(message: str) -> ApiError:
    """422 for a business rule (deletion rules and the like), with the `Hint` header."""
    return ApiError(422, {"message": message}, headers={"Hint": message})


def bad_request(message: str) -> ApiError:
    return ApiError(400, {"message": message})


def not_found() -> ApiError:
    """Unknown record: JSON, unlike an unknown route."""
    return ApiError(404, {"status": 404, "error": "Not Found"})


def route_not_found() -> ApiError:
    return ApiError(404, html=NOT_FOUND_PAGE)


def forbidden() -> ApiError:
    return ApiError(403, {"message": "Not authorized!"})


def unauthorized() -> ApiError:
    return ApiError(401, dict(INVALID_TOKEN), headers={"WWW-Authenticate": _WWW_AUTHENTICATE})


def throttled(retry_after: int) -> ApiError:
    return ApiError(429, html=THROTTLED_PAGE, headers={"Retry-After": str(retry_after)})


def server_error(status: int = 500) -> ApiError:
    return ApiError(
        status, html="<html><body><h1>We're sorry, but something went wrong.</h1></body></html>"
    )


def render(error: ApiError) -> Response:
    if error.html is not None:
        return HTMLResponse(error.html, status_code=error.status, headers=error.headers)
    response = JSONResponse(error.body, status_code=error.status, headers=error.headers)
    response.headers["content-type"] = JSON_CONTENT_TYPE
    return response
