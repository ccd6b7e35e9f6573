"""Fixtures for the MCP server tests: a demo sandbox per test, reached in process."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from harvestkit.api import AsyncHarvest, RateLimits
from harvestkit.sandbox import SandboxConfig, create_app
from tests.conftest import ACCOUNT_ID, TOKEN

# Sandbox and SDK windows scaled down together: calling every tool stays within the limit
# without waiting 15 s per hundred requests.
RATE_LIMIT_SCALE = 0.001


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def sandbox_app(demo_template: Path, tmp_path: Path) -> Iterator[Any]:
    db = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template, db)
    config = SandboxConfig(
        db=str(db),
        seed="demo",
        token=TOKEN,
        account_id=ACCOUNT_ID,
        rate_limit_scale=RATE_LIMIT_SCALE,
    )
    app = create_app(config)
    yield app
    app.state.sandbox.close()


def harvest_for(app: Any) -> AsyncHarvest:
    """An SDK client on the sandbox `app`, as the server's administrator."""
    return AsyncHarvest(
        TOKEN,
        ACCOUNT_ID,
        base_url="http://sandbox.test/v2",
        identity_url="http://sandbox.test",
        transport=httpx.ASGITransport(app=app),
        rate_limits=RateLimits().scaled(RATE_LIMIT_SCALE),
    )


@pytest.fixture
def harvest_factory(sandbox_app: Any) -> Callable[[], AsyncHarvest]:
    return lambda: harvest_for(sandbox_app)
