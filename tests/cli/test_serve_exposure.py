"""`serve --sandbox` grants writes to whoever reaches it: over HTTP it listens beyond this
machine only when API keys are required."""

from __future__ import annotations

import pytest

from harvestkit.cli.serve import ServeConfig, governed
from harvestkit.mcp import is_loopback
from tests.cli.helpers import run
from tests.store.fixtures import StoreSpec


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "harvest.example.com"])
def test_a_keyless_sandbox_is_not_served_to_the_network(cli_env: StoreSpec, host: str) -> None:
    result = run("serve", "--sandbox", "--transport", "http", "--host", host, "--port", "0")
    assert result.exit_code == 2
    assert "--require-keys" in result.output


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("localhost", True),
     ("0.0.0.0", False), ("10.0.0.1", False), ("example.com", False)],
)  # fmt: skip
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_required_keys_apply_to_the_sandbox_too(cli_env: StoreSpec) -> None:
    for require_keys, keyed in ((False, False), (True, True)):
        config = ServeConfig(
            user="alice", env="sandbox", sandbox=True, http=True, require_keys=require_keys
        )
        _, governance = governed(config)
        assert (governance.keys is not None) is keyed
