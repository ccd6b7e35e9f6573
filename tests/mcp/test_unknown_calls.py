"""Calls of tools the server does not serve leave an audit record, like refusals do."""

from __future__ import annotations

import pytest
from mcp import Client

from harvestkit.tools import catalog

from .test_governance import ENV, USER, Bed, bed

__all__ = ["bed"]

pytestmark = pytest.mark.anyio

ATTEMPTS = 170


async def test_unknown_and_unserved_tool_calls_are_audited(bed: Bed) -> None:
    served = tuple(t for t in catalog() if t.name == "harvest_users_me")
    server = bed.server(tools=served)
    names = ["harvest_time_entries_delete", "drop_all_tables", "x" * 500]
    async with Client(server) as client:
        for n in range(ATTEMPTS):
            result = await client.call_tool(names[n % 3], {"api_token": "tok-secret", "n": n})
            assert result.is_error
        assert not (await client.call_tool("harvest_users_me", {})).is_error
    records = bed.records()
    assert len(records) == ATTEMPTS + 1
    refused = records[:ATTEMPTS]
    assert {r.outcome for r in refused} == {"refused"}
    assert {r.tool for r in refused} == {names[0], names[1], "x" * 200}
    assert all(r.user == USER and r.env == ENV for r in refused)
    assert all(r.arguments["api_token"] != "tok-secret" for r in refused)  # redacted
    assert records[-1].tool == "harvest_users_me" and records[-1].outcome == "ok"
    assert bed.wire.requests[:1] == bed.wire.requests  # only the served call reached Harvest
