"""Turning a table row plus arguments into a request, and a response into a result.

Nothing here does I/O, so the sync and async clients share it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import quote

import httpx
from pydantic import BaseModel

from ._errors import APIStatusError, RateLimitedError, error_for_status
from ._limits import check_body
from .operations import Operation
from .types._base import Params

__all__ = [
    "Prepared",
    "error_from_response",
    "harvest_message",
    "jsonable",
    "parse_result",
    "prepare",
    "retry_after",
]

_OCTETS = "application/octet-stream"
_TITLE = re.compile(r"<title>(.*?)</title>", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Prepared:
    """A request ready to send: one table row, its URL, query and JSON body."""

    op: Operation[Any]
    url: str
    query: dict[str, str] = field(default_factory=dict)
    json: Any = None
    path_values: dict[str, Any] = field(default_factory=dict)
    files: dict[str, tuple[str, bytes, str]] = field(default_factory=dict)
    """Files to upload; when present the body goes as multipart form fields instead of JSON."""

    @property
    def method(self) -> str:
        """The HTTP method of the row."""
        return self.op.method


def prepare(op: Operation[Any], args: Mapping[str, Any], base_url: str) -> Prepared:
    """Build the request for ``op`` from keyword arguments named as in the method signature."""
    args = dict(args)
    missing = [name for name in op.path_params if name not in args]
    if missing:
        raise TypeError(f"{op.name}: missing path argument(s) {', '.join(missing)}")
    path_values = {name: args.pop(name) for name in op.path_params}
    path = op.path.format(**{k: quote(str(v), safe="") for k, v in path_values.items()})
    url = base_url.rstrip("/") + path
    query = encode_query(_validate(op, op.params, args)) if op.params else {}
    body = build_body(op, args) if op.method in ("POST", "PATCH") else None
    check_body(op.name, body)
    if not op.params and not op.body and args:
        raise TypeError(f"{op.name}: unexpected argument(s) {', '.join(sorted(args))}")
    body, files = split_files(body)
    return Prepared(op, url, query, body, path_values, files)


def split_files(body: Any) -> tuple[Any, dict[str, tuple[str, bytes, str]]]:
    """Take uploads (fields holding ``content`` bytes) out of a JSON body."""
    if not isinstance(body, dict):
        return body, {}
    files = {
        name: (value["file_name"], value["content"], value.get("content_type", _OCTETS))
        for name, value in body.items()
        if isinstance(value, dict) and isinstance(value.get("content"), bytes)
    }
    return {k: v for k, v in body.items() if k not in files}, files


def form_fields(body: dict[str, Any]) -> dict[str, str]:
    """Multipart form values: booleans as ``true``/``false``, null as an empty string."""
    out: dict[str, str] = {}
    for key, value in body.items():
        if isinstance(value, bool):
            out[key] = "true" if value else "false"
        elif value is None:
            out[key] = ""
        elif isinstance(value, dict | list):
            out[key] = json.dumps(value)
        else:
            out[key] = str(value)
    return out


def _validate(op: Operation[Any], model: type[Params], args: dict[str, Any]) -> Params:
    try:
        return model.model_validate(args)
    except Exception as exc:  # pydantic's error text names the offending field
        raise TypeError(f"{op.name}: {exc}") from exc


def build_body(op: Operation[Any], args: dict[str, Any]) -> Any:
    """The JSON body: the body model's given fields, the row's fixed fields, then ``wrap``."""
    body: dict[str, Any] = {}
    if op.body is not None:
        body = jsonable(_validate(op, op.body, args))
    body.update(op.fixed)
    if op.wrap:
        return {op.wrap: [body]}
    return body if body or op.body is not None or op.fixed else None


def jsonable(value: Any) -> Any:
    """Convert models and Python values to JSON-ready values, keeping only given fields.

    Decimals become JSON numbers (Harvest's money and hours are plain numbers); dates are
    ISO 8601; datetimes are sent in UTC with a ``Z`` suffix.
    """
    if isinstance(value, BaseModel):
        return jsonable(value.model_dump(by_alias=True, exclude_unset=True))
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.isoformat(timespec="seconds") + "Z"
    if isinstance(value, date):
        return value.isoformat()
    return value


def encode_query(params: Params) -> dict[str, str]:
    """Query string values: given, non-null fields; booleans as ``true``/``false``."""
    out: dict[str, str] = {}
    for key, value in jsonable(params).items():
        if value is None:
            continue
        if isinstance(value, bool):
            out[key] = "true" if value else "false"
        elif isinstance(value, list):
            out[key] = ",".join(str(v) for v in value)
        else:
            out[key] = str(value)
    return out


def retry_after(response: httpx.Response, default: float = 1.0) -> float:
    """Seconds from ``Retry-After`` (integer seconds per Harvest); ``default`` if absent."""
    raw = response.headers.get("Retry-After", "")
    try:
        return max(0.0, float(raw))
    except ValueError:
        return default


def harvest_message(response: httpx.Response) -> str:
    """Harvest's explanation: ``message``, else ``error_description``/``error``, else text."""
    try:
        data = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        data = None
    if isinstance(data, dict):
        for key in ("message", "error_description", "error"):
            if isinstance(data.get(key), str) and data[key]:
                return str(data[key])
    text = response.text.strip()
    if "html" in response.headers.get("Content-Type", ""):
        title = _TITLE.search(text)
        return title.group(1).strip() if title else response.reason_phrase
    return text[:500] if text else response.reason_phrase


def error_from_response(response: httpx.Response) -> APIStatusError:
    """The typed error for an error response."""
    cls = error_for_status(response.status_code)
    try:
        body: Any = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        body = response.text
    where: dict[str, Any] = {
        "method": response.request.method,
        "url": str(response.request.url),
        "status": response.status_code,
        "request_id": response.headers.get("X-Request-Id"),
        "body": body,
    }
    if cls is RateLimitedError:
        return RateLimitedError(
            harvest_message(response), retry_after=retry_after(response), **where
        )
    return cls(harvest_message(response), **where)


def parse_result(op: Operation[Any], response: httpx.Response) -> Any:
    """Parse a success response into the row's result model (``None`` for deletes)."""
    if op.result is None or op.result is type(None):
        return None
    model: type[BaseModel] = op.result
    return model.model_validate(response.json())
