"""The reference OpenAPI spec of Harvest API v2, as tests check responses against it.

The file is machine-generated from Harvest's docs and has known defects; they are
corrected here, in the loader, never in the file. Each
correction says why.
"""

from __future__ import annotations

import copy
import re
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import yaml
from openapi_schema_validator import OAS30Validator

SPEC_PATH = Path(__file__).resolve().parent / "reference" / "harvest-openapi.yaml"
"""Kept in the repository (with its origin in reference/SOURCES.md), so a clone from
anywhere tests against the same spec."""


def _drop_int32(node: Any) -> None:
    """Ids are 64-bit (time entry ids exceed 2**31); the generator typed them int32."""
    if isinstance(node, dict):
        if node.get("format") == "int32":
            del node["format"]
        for value in node.values():
            _drop_int32(value)
    elif isinstance(node, list):
        for value in node:
            _drop_int32(value)


def _nullable(schemas: dict[str, Any], schema: str, *fields: str) -> None:
    for field in fields:
        schemas[schema]["properties"][field]["nullable"] = True


def _correct(spec: dict[str, Any]) -> dict[str, Any]:
    spec = copy.deepcopy(spec)
    _drop_int32(spec)
    schemas = spec["components"]["schemas"]
    # Cursor-paginated lists return `page: null` on middle pages (API-NOTES §4).
    for name, schema in schemas.items():
        if "links" in schema.get("properties", {}) and "page" in schema["properties"]:
            _nullable(schemas, name, "page")
    # Expense units are fractional (12.5 miles); the docs' own examples return `1.0`.
    schemas["Expense"]["properties"]["units"]["type"] = "number"
    # An expense's embedded category carries `unit_price` as the number ExpenseCategory has
    # (0.535 in the docs); the generator typed this copy a string.
    schemas["Expense"]["properties"]["expense_category"]["properties"]["unit_price"]["type"] = (
        "number"
    )
    return spec


@cache
def spec() -> dict[str, Any]:
    with SPEC_PATH.open(encoding="utf-8") as fh:
        return _correct(yaml.safe_load(fh))


def _resolve(node: Any, root: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        if "$ref" in node:
            target: Any = root
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            return _resolve(target, root)
        return {k: _resolve(v, root) for k, v in node.items()}
    if isinstance(node, list):
        return [_resolve(v, root) for v in node]
    return node


@cache
def _operations() -> list[tuple[re.Pattern[str], int, str, str]]:
    """(path regex, literal segment count, method, spec path), most literal first."""
    out = []
    for path, ops in spec()["paths"].items():
        pattern = re.compile("^" + re.sub(r"\{[^}]+\}", r"[^/]+", path) + "$")
        literal = sum(1 for seg in path.split("/") if seg and not seg.startswith("{"))
        for method in ops:
            out.append((pattern, literal, method.upper(), path))
    out.sort(key=lambda item: -item[1])
    return out


def operation_for(method: str, url_path: str) -> tuple[str, dict[str, Any]]:
    """The spec operation answering `method url_path` (`/v2/...` or `/api/v2/...`)."""
    path = re.sub(r"^(/api)?/v2", "", url_path).removesuffix(".json")
    for pattern, _, op_method, spec_path in _operations():
        if op_method == method.upper() and pattern.match(path):
            return spec_path, spec()["paths"][spec_path][method.lower()]
    raise AssertionError(f"no operation in the reference spec for {method} {url_path}")


def response_schema(method: str, url_path: str, status: int) -> dict[str, Any] | None:
    _, op = operation_for(method, url_path)
    response = op["responses"].get(status)
    if response is None:
        raise AssertionError(
            f"{method} {url_path} answered {status}, which the spec does not list "
            f"({sorted(k for k in op['responses'] if k != 'default')})"
        )
    content = (response.get("content") or {}).get("application/json")
    if content is None:
        return None
    resolved: dict[str, Any] = _resolve(content["schema"], spec())
    return resolved


class Response(Protocol):
    """What `assert_conforms` reads: an httpx (or httpx2, Starlette's TestClient's) response."""

    @property
    def status_code(self) -> int: ...
    @property
    def request(self) -> Any: ...
    @property
    def headers(self) -> Any: ...
    @property
    def content(self) -> bytes: ...
    @property
    def text(self) -> str: ...
    def json(self) -> Any: ...


def assert_conforms(response: Response) -> None:
    """A successful response matches its operation's schema in the reference spec."""
    request = response.request
    assert response.status_code < 300, f"{request.method} {request.url}: {response.text[:500]}"
    schema = response_schema(request.method, request.url.path, response.status_code)
    if schema is None:  # documented without a body (deletes); JSON is still required if any
        if response.content:
            response.json()
        return
    assert response.headers["content-type"].startswith("application/json")
    errors = sorted(
        OAS30Validator(schema).iter_errors(response.json()), key=lambda e: list(e.absolute_path)
    )
    assert not errors, f"{request.method} {request.url.path}: " + "; ".join(
        f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in errors[:10]
    )
