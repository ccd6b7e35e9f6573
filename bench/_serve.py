"""Start ``harvestkit serve --transport http`` in a subprocess for a benchmark, and talk to
it as an MCP client."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import threading
from collections.abc import AsyncIterator, Mapping
from pathlib import Path

import httpx2
from mcp import Client
from mcp.client.streamable_http import streamable_http_client

from ._sandbox import command

ENDPOINT = re.compile(r"MCP endpoint:\s*(http://\S+)")
API_KEY = re.compile(r"\b(hk_[A-Za-z0-9]+_[A-Za-z0-9_\-]+)")
TIMEOUT = 60.0


class Server:
    """`harvestkit serve ARGS` in a subprocess; its stderr is kept (and drained) in a
    thread."""

    def __init__(self, args: list[str], env: Mapping[str, str]) -> None:
        self.process = subprocess.Popen(
            [*command(), "serve", *args],
            env=dict(env),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        self._ready = threading.Event()
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line)
            if ENDPOINT.search(line):
                self._ready.set()
        self._ready.set()  # exited

    def wait_ready(self, timeout: float = 60) -> tuple[str, str | None]:
        """The endpoint URL and the API key the server printed, if any."""
        self._ready.wait(timeout)
        text = "".join(self.lines)
        found = ENDPOINT.search(text)
        if found is None:
            raise RuntimeError(f"the MCP server did not start: {text[-800:]}")
        key = API_KEY.search(text)
        return found.group(1), key.group(1) if key else None

    def status(self, field: str) -> int:
        """A ``VmHWM``/``VmRSS`` figure of the server process, in kB."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
        raise RuntimeError(f"{field} not in /proc/{self.process.pid}/status")

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@contextlib.asynccontextmanager
async def session(url: str, key: str | None) -> AsyncIterator[Client]:
    """An MCP client session on the server at `url`, sending `key` when there is one."""
    headers = {"authorization": f"Bearer {key}"} if key else {}
    async with (
        httpx2.AsyncClient(headers=headers, timeout=TIMEOUT) as http,
        Client(streamable_http_client(url, http_client=http)) as client,
    ):
        yield client


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]
