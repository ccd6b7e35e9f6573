"""`harvestkit serve` as a client starts it: stdio with a clean stdout, and HTTP that prints
its endpoint and a client configuration on stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import anyio
import pytest
from mcp import Client, StdioServerParameters

from harvestkit.mcp import ConfigurationError, client_config, environment_backend
from tests.conftest import private_env

HARVESTKIT = str(Path(sys.executable).with_name("harvestkit"))


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.mark.anyio
async def test_stdio_serves_the_sandbox() -> None:
    params = StdioServerParameters(
        command=HARVESTKIT, args=["serve", "--sandbox", "--read-only"], env=private_env()
    )
    async with Client(params) as client:
        tools = (await client.list_tools()).tools
        result = await client.call_tool("harvest_users_me", {})
    assert tools and all(t.annotations and t.annotations.read_only_hint for t in tools)
    assert not result.is_error, result.content
    assert result.structured_content is not None


@pytest.mark.anyio
async def test_http_prints_endpoint_and_client_config() -> None:
    command = [HARVESTKIT, "serve", "--sandbox", "--transport", "http", "--port", "0"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        lines: list[str] = []
        with anyio.fail_after(60):
            while not lines or not lines[-1].startswith("Press Ctrl+C"):
                lines.append(await anyio.to_thread.run_sync(process.stderr.readline))
                assert lines[-1], "".join(lines)
        text = "".join(lines)
        url = next(line.split()[-1] for line in lines if line.startswith("MCP endpoint:"))
        assert url.startswith("http://127.0.0.1:") and url.endswith("/mcp")
        assert client_config(url) in text and client_config() in text
        async with Client(url) as client:
            assert client.protocol_version == "2026-07-28"
            assert len((await client.list_tools()).tools) > 0
    finally:
        process.terminate()
        stdout, _ = process.communicate(timeout=10)
    assert stdout == ""


def test_client_configs() -> None:
    # Desktop clients start the command without the shell's PATH: it is given absolutely,
    # and it is this installation's harvestkit, which runs.
    assert json.loads(client_config()) == {
        "mcpServers": {"harvest": {"command": HARVESTKIT, "args": ["serve", "--sandbox"]}}
    }
    assert Path(HARVESTKIT).is_absolute()
    version = subprocess.run([HARVESTKIT, "--help"], capture_output=True, text=True, env={})
    assert version.returncode == 0, version.stderr
    assert json.loads(client_config("http://127.0.0.1:8766/mcp")) == {
        "mcpServers": {"harvest": {"type": "http", "url": "http://127.0.0.1:8766/mcp"}}
    }


def test_credentials_come_from_the_environment() -> None:
    with pytest.raises(ConfigurationError, match="Set HARVEST_ACCESS_TOKEN and HARVEST_ACCOUNT_ID"):
        environment_backend({})
    with pytest.raises(ConfigurationError, match="Set HARVEST_ACCOUNT_ID"):
        environment_backend({"HARVEST_ACCESS_TOKEN": "t"})
    backend = environment_backend(
        {
            "HARVEST_ACCESS_TOKEN": "t",
            "HARVEST_ACCOUNT_ID": "123",
            "HARVEST_BASE_URL": "http://localhost:8765/v2",
        }
    )
    assert backend.description == "Harvest at http://localhost:8765/v2 (account 123)"
