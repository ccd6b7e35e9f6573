"""Fixtures shared by the whole suite."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from harvestkit.sandbox import SandboxConfig, create_app
from harvestkit.sandbox.core import Sandbox

TOKEN = "test-admin-token"
ACCOUNT_ID = 4477001
USER_AGENT = "harvestkit-tests (tests@harvestkit.example)"
ON_CI = os.environ.get("CI") == "true"

# The suite never touches the user's own data, config or state directories (the credential
# store, its key file, the audit trail, sandbox databases): they live in a private home.
_PRIVATE_HOME = Path(tempfile.mkdtemp(prefix="harvestkit-tests-"))
for _variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
    os.environ[_variable] = str(_PRIVATE_HOME / _variable.lower())
atexit.register(shutil.rmtree, _PRIVATE_HOME, ignore_errors=True)

# Seeded demo databases are kept per day between runs (sandbox/templates.py); tests keep
# theirs beside pytest's own cache rather than in the user's cache directory.
os.environ.setdefault(
    "HARVESTKIT_CACHE_DIR", str(Path(__file__).resolve().parents[1] / ".pytest_cache" / "sandbox")
)


def private_env(**extra: str) -> dict[str, str]:
    """Variables a child process needs to keep to the suite's private home and its clock.

    An MCP client starting a stdio server passes it only a few safe variables (PATH, HOME…),
    so a server started without these would use the user's own data directory, and would
    live at the real time while the suite runs at a pinned one (HARVESTKIT_NOW) or under
    libfaketime (tests/at_instants.py)."""
    names = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "HARVESTKIT_CACHE_DIR")
    clock = ("HARVESTKIT_NOW", "TZ", "LD_PRELOAD")
    kept = {
        name: value
        for name, value in os.environ.items()
        if name in names or name in clock or name.startswith("FAKETIME")
    }
    return {**kept, **extra}


def endpoint_of(process: subprocess.Popen[str]) -> str:
    """The URL a `harvestkit serve --transport http` child prints ("MCP endpoint: …") on
    stderr, read as it starts; fails if it stops first."""
    assert process.stderr is not None
    while line := process.stderr.readline():
        if line.startswith("MCP endpoint:"):
            return line.split()[-1]
    raise AssertionError("the server stopped before printing its endpoint")


def api_headers(token: str = TOKEN) -> dict[str, str]:
    return {
        "Authorization": f"Bearer {token}",
        "Harvest-Account-Id": str(ACCOUNT_ID),
        "User-Agent": USER_AGENT,
    }


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo-seeded database built once per test process; tests get copies."""
    path = tmp_path_factory.mktemp("demo") / "template.sqlite3"
    app = create_app(SandboxConfig(db=str(path), seed="demo", token=TOKEN, account_id=ACCOUNT_ID))
    app.state.sandbox.close()
    return path


def _client(app: object) -> TestClient:
    client = TestClient(app, base_url="http://sandbox.test")  # type: ignore[arg-type]
    client.headers.update(api_headers())
    return client


@pytest.fixture
def empty_app(tmp_path: Path) -> Iterator[object]:
    app = create_app(SandboxConfig(db=":memory:", seed="empty", token=TOKEN, account_id=ACCOUNT_ID))
    yield app
    app.state.sandbox.close()


def open_copy(template: Path, directory: Path, *, rate_limit_scale: float = 1.0) -> Any:
    """A sandbox on a private copy of a seeded database (seeding per test would be slow)."""
    db = directory / "demo.sqlite3"
    shutil.copyfile(template, db)
    config = SandboxConfig(
        db=str(db),
        seed="demo",
        token=TOKEN,
        account_id=ACCOUNT_ID,
        rate_limit_scale=rate_limit_scale,
    )
    return create_app(config)


@pytest.fixture
def demo_app(demo_template: Path, tmp_path: Path) -> Iterator[object]:
    app = open_copy(demo_template, tmp_path)
    yield app
    app.state.sandbox.close()


@pytest.fixture
def empty(empty_app: object) -> TestClient:
    """An API client (administrator) on an empty sandbox."""
    return _client(empty_app)


@pytest.fixture
def demo(demo_app: object) -> TestClient:
    """An API client (administrator) on a demo-seeded sandbox."""
    return _client(demo_app)


def sandbox_of(client: TestClient) -> Sandbox:
    sandbox: Sandbox = client.app.state.sandbox  # type: ignore[attr-defined]
    return sandbox


def as_user(client: TestClient, user_id: int) -> TestClient:
    """Another client on the same sandbox, acting as the given user."""
    token = sandbox_of(client).mint_token(user_id)
    other = TestClient(client.app, base_url="http://sandbox.test")
    other.headers.update(api_headers(token))
    return other
