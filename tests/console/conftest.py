"""A console deployment as `harvestkit serve --sandbox --transport http --require-keys`
builds it: the embedded demo sandbox, the store, the policy, API keys, the MCP endpoint at
/mcp and the console at /, all in one ASGI app."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from harvestkit.cli.serve import ServeConfig, assemble, web_console
from harvestkit.clock import Clock
from harvestkit.mcp import Backend, Governance, http_app, transport_security
from harvestkit.store import Store

NOW = datetime(2026, 11, 20, 23, 0, tzinfo=UTC)
"""The demo's pinned evening (a Friday in New York)."""
ORIGIN = "http://127.0.0.1:8766"
PASSWORD = "correct horse battery"


@dataclass
class Deployment:
    app: Starlette
    server: Any
    governance: Governance
    backend: Backend
    console: Starlette

    @property
    def store(self) -> Store:
        store = self.governance.policy.store
        assert store is not None
        return store


def deploy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, origin: str = ORIGIN) -> Deployment:
    monkeypatch.setenv("HARVESTKIT_DATABASE_URL", f"sqlite:///{tmp_path / 'harvestkit.sqlite3'}")
    monkeypatch.setenv("HARVESTKIT_POLICY_FILE", str(tmp_path / "policy.toml"))
    config = ServeConfig(
        user="owner", env="sandbox", sandbox=True, http=True, clock=Clock(NOW), require_keys=True
    )
    served = assemble(config)
    server, backend, governance = served.server, served.backend, served.governance
    security = transport_security()
    web = web_console(governance, backend, security, env="sandbox", mcp_url=f"{origin}/mcp")
    app = http_app(server, security, keys=governance.keys, console=web)
    return Deployment(app, server, governance, backend, web)


@pytest.fixture
def deployment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Deployment:
    return deploy(tmp_path, monkeypatch)


@contextmanager
def browser(app: Starlette) -> Iterator[TestClient]:
    """A client that keeps Secure cookies (https) and sends the Host the allowlist takes.
    The app's lifespan is not started (the console needs none; MCP tests start it once)."""
    client = TestClient(app, base_url="https://127.0.0.1:8766", follow_redirects=False)
    try:
        yield client
    finally:
        client.close()


def csrf_of(html: str) -> str:
    marker = 'name="csrf" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


def set_up_owner(client: TestClient, name: str = "olivia") -> None:
    page = client.get("/setup")
    form = {"csrf": csrf_of(page.text), "name": name, "password": PASSWORD, "confirm": PASSWORD}
    done = client.post("/setup", data=form)
    assert done.status_code == 303, done.text


def sign_in(client: TestClient, name: str, password: str = PASSWORD) -> None:
    page = client.get("/login")
    form = {"csrf": csrf_of(page.text), "name": name, "password": password}
    done = client.post("/login", data=form)
    assert done.status_code == 303, done.text


@pytest.fixture
def owner_client(deployment: Deployment) -> Iterator[TestClient]:
    with browser(deployment.app) as client:
        set_up_owner(client)
        yield client
