"""Start ``harvestkit sandbox`` in a subprocess for a benchmark, and stop it afterwards."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

TOKEN = "bench-token"
ACCOUNT_ID = 424242
USER_AGENT = "harvestkit-bench (https://github.com/harvestkit/harvestkit)"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def command() -> list[str]:
    """The installed ``harvestkit`` command."""
    beside = Path(sys.executable).with_name("harvestkit")
    exe = str(beside) if beside.exists() else shutil.which("harvestkit")
    if exe is None:
        raise RuntimeError("the harvestkit command is not installed")
    return [exe]


@contextlib.contextmanager
def sandbox(
    rate_limit_scale: float,
    seed: str = "empty",
    faults: str = "",
    token: str = TOKEN,
    scale: int = 1,
    ready_within: float = 60,
) -> Iterator[str]:
    """Run the sandbox on a free port, its administrator's token `token`, the demo company
    `scale` times its size; yields its root URL (API at ``/v2``)."""
    port = free_port()
    args = [
        *command(), "sandbox", "--port", str(port), "--db", ":memory:", "--seed", seed,
        "--token", token, "--account-id", str(ACCOUNT_ID),
        "--rate-limit-scale", str(rate_limit_scale),
    ]  # fmt: skip
    if faults:
        args += ["--faults", faults]
    if scale != 1:
        args += ["--scale", str(scale)]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url, process, token, ready_within)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_ready(url: str, process: subprocess.Popen[bytes], token: str, within: float = 60) -> None:
    headers = {
        "Authorization": f"Bearer {token}",
        "Harvest-Account-Id": str(ACCOUNT_ID),
        "User-Agent": USER_AGENT,
    }
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if process.poll() is not None:
            error = process.stderr.read().decode() if process.stderr else ""
            raise RuntimeError(f"the sandbox exited: {error[-500:]}")
        try:
            if httpx.get(f"{url}/v2/company", headers=headers, timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the sandbox did not become ready within {within:.0f} s")
