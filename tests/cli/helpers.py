"""Running the CLI in process against a test store, and the environment it needs."""

from __future__ import annotations

import base64
from pathlib import Path
from urllib.parse import quote

import pytest
from typer.testing import CliRunner, Result

from harvestkit.cli.main import app
from tests.store.fixtures import StoreSpec

KEY = base64.b64encode(bytes(range(32))).decode()


def database_url(spec: StoreSpec) -> str:
    """A URL naming the test's own namespace (PostgreSQL: its schema as search path)."""
    if spec.schema is None:
        return spec.url
    return f"{spec.url}?options={quote(f'-csearch_path={spec.schema}')}"


@pytest.fixture
def cli_env(spec: StoreSpec, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> StoreSpec:
    """The environment of a person using harvestkit: their database, key and policy file."""
    monkeypatch.setenv("HARVESTKIT_DATABASE_URL", database_url(spec))
    monkeypatch.setenv("HARVESTKIT_SECRET_KEY", KEY)
    monkeypatch.setenv("HARVESTKIT_POLICY_FILE", str(tmp_path / "policy.toml"))
    monkeypatch.setenv("HARVESTKIT_USER", "alice")
    monkeypatch.setenv("HARVESTKIT_ENV", "dev")
    monkeypatch.delenv("HARVESTKIT_REDIS_URL", raising=False)
    return spec


def run(*args: str, input: str | None = None) -> Result:
    """``harvestkit <args>``; the result holds exit code and output."""
    return CliRunner().invoke(app, list(args), input=input)
