"""Enormous input, every tool and every argument: periods such as "last 1000000000 days",
amounts past any currency, ids of 20 digits. Each tool's valid recipe has one argument
replaced at a time; the call must end as `test_bad_input` demands (a result, a ToolError
with a message, or a question), with no traceback, no sandbox 5xx and no write left behind
by a call that failed. The sandbox's own admin routes get 20-digit ids and huge numbers too.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from harvestkit.tools import Tool, catalog
from tests.conftest import TOKEN, open_copy

from .conftest import SCALE
from .test_bad_input import ToolSandbox, _check

TOOLS = {tool.name: tool for tool in catalog()}

ENORMOUS_PERIODS = ("last 1000000000 days", "next 99999999999 weeks", "1000000000 months ago")
HUGE_AMOUNTS: tuple[Any, ...] = ("1e400", "9" * 40 + ".99", 10**25, "-1e400")
TWENTY_DIGIT_IDS = (10**19 + 7, 99_999_999_999_999_999_999)


def enormous(prop: dict[str, Any]) -> tuple[Any, ...]:
    """The enormous values for one argument, by the types its schema allows."""
    variants = prop.get("anyOf") or [prop]
    kinds = {v.get("type") for v in variants}
    values: tuple[Any, ...] = ()
    if "integer" in kinds:
        values += TWENTY_DIGIT_IDS
    if "number" in kinds:
        values += HUGE_AMOUNTS
    if "string" in kinds:
        values += ENORMOUS_PERIODS if "number" not in kinds else ()
    return values


def cases(tool: Tool) -> list[tuple[str, Any]]:
    properties = tool.input_model.model_json_schema().get("properties", {})
    return [(name, value) for name, prop in properties.items() for value in enormous(prop)]


@pytest.fixture
def sandbox(
    request: pytest.FixtureRequest, demo_template: Path, tmp_path: Path
) -> Iterator[ToolSandbox]:
    app = open_copy(demo_template, tmp_path, rate_limit_scale=SCALE)
    yield ToolSandbox(app, TOOLS[request.node.callspec.params["name"]])
    app.state.sandbox.close()


@pytest.mark.parametrize("name", sorted(TOOLS))
def test_enormous_arguments_never_break_a_tool(name: str, sandbox: ToolSandbox) -> None:
    tool = sandbox.tool
    for field, value in cases(tool):
        args = {**sandbox.base(), field: value}
        try:
            asyncio.run(_check(sandbox.app, tool, args))
        except AssertionError as failed:
            raise AssertionError(f"{field}={value!r}: {failed}") from failed
        except Exception as crashed:  # a traceback the agent would have seen
            raise AssertionError(f"{field}={value!r} crashed: {crashed!r}") from crashed


ADMIN_BODIES = [
    ("POST", "/_sandbox/tokens", {"user_id": 10**19 + 7}),
    ("POST", "/_sandbox/tokens", {"user_id": 99_999_999_999_999_999_999}),
    ("POST", "/_sandbox/tokens", {"user_id": -(10**19)}),
    ("PUT", "/_sandbox/clock", {"advance_seconds": 1e308}),
    ("PUT", "/_sandbox/clock", {"advance_seconds": "1e400"}),
    ("PUT", "/_sandbox/clock", {"now": "+999999999-01-01T00:00:00Z"}),
    ("PATCH", "/_sandbox/faults", {"latency_ms": 10**20}),
    ("PATCH", "/_sandbox/faults", {"storm_seconds": 1e308}),
]


@pytest.mark.parametrize(("method", "path", "body"), ADMIN_BODIES)
def test_admin_routes_refuse_enormous_numbers(
    method: str, path: str, body: dict[str, Any], demo_template: Path, tmp_path: Path
) -> None:
    app = open_copy(demo_template, tmp_path)
    try:
        with TestClient(app, base_url="http://sandbox.test") as http:
            response = http.request(
                method, path, json=body, headers={"Authorization": f"Bearer {TOKEN}"}
            )
            after = http.get("/_sandbox/faults", headers={"Authorization": f"Bearer {TOKEN}"})
    finally:
        app.state.sandbox.close()
    assert response.status_code < 500, response.text
    assert response.status_code in (400, 404, 422) or response.is_success
    assert after.status_code == 200  # still answering
