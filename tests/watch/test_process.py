"""`harvestkit watch` as a process against a sandbox served over HTTP: killed with
SIGKILL in the middle of a poll, then started again, it loses nothing and repeats
nothing. The store, the SMTP server and the webhook receiver are real."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from harvestkit.api import AsyncHarvest, InProcessRateLimiter, RateLimits
from harvestkit.governance import NotificationLog
from harvestkit.store import Store
from tests.conftest import ACCOUNT_ID, TOKEN, api_headers
from tests.tools.outcomes.conftest import NY_EVENING
from tests.watch.conftest import SECRET, SECRET_ENV
from tests.watch.servers import Receiver, free_port
from tests.watch.test_budget_crossing import log_past_90_on

pytestmark = [pytest.mark.anyio, pytest.mark.slow]

HARVESTKIT = str(Path(sys.executable).with_name("harvestkit"))
SCALE = 0.01
NOW = NY_EVENING.isoformat()


def _config(path: Path, smtp_port: int, receiver: Receiver) -> Path:
    path.write_text(
        f"""
[watch]
poll_seconds = 0.5

[delivery.email]
host = "127.0.0.1"
port = {smtp_port}
from = "watch@demo.test"
to = ["pm@demo.test"]

[[delivery.webhook]]
name = "ops"
url = "{receiver.url}/hook"
format = "json"
secret_env = "{SECRET_ENV}"

[rules.budget]
thresholds = [90, 100]
run_out_weeks = 0

[rules.estimates]
enabled = false

[rules.daily_summary]
enabled = false

[rules.timesheet_gaps]
enabled = false

[rules.money]
enabled = false
"""
    )
    return path


class Sandbox:
    """`harvestkit sandbox` on a copy of the pinned demo company, over HTTP."""

    def __init__(self, template: Path, directory: Path) -> None:
        db = directory / "sandbox.sqlite3"
        shutil.copyfile(template, db)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [HARVESTKIT, "sandbox", "--db", str(db), "--port", str(self.port),
                   "--token", TOKEN, "--account-id", str(ACCOUNT_ID),
                   "--rate-limit-scale", str(SCALE), "--now", NOW]  # fmt: skip
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{self.url}/v2/users/me", headers=api_headers(), timeout=1)
                return
            except httpx.TransportError:
                time.sleep(0.2)
        raise AssertionError("the sandbox did not start")

    def faults(self, **spec: Any) -> None:
        method = "PUT" if spec else "DELETE"
        httpx.request(method, f"{self.url}/_sandbox/faults", json=spec or None,
                      headers=api_headers()).raise_for_status()  # fmt: skip

    def admitted(self) -> int:
        """Requests the sandbox has let through so far."""
        answer = httpx.get(f"{self.url}/_sandbox/stats", headers=api_headers()).json()
        return int(answer["admitted"])

    def client(self) -> AsyncHarvest:
        limits = RateLimits().scaled(SCALE)
        pacing = {"rate_limits": limits, "rate_limiter": InProcessRateLimiter(limits)}
        return AsyncHarvest(TOKEN, ACCOUNT_ID, base_url=f"{self.url}/v2", **pacing)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def served(pinned_template: Path, tmp_path: Path) -> Any:
    sandbox = Sandbox(pinned_template, tmp_path)
    yield sandbox
    sandbox.stop()


def _env(sandbox: Sandbox, database: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        HARVESTKIT_DATABASE_URL=database,
        HARVEST_ACCESS_TOKEN=TOKEN,
        HARVEST_ACCOUNT_ID=str(ACCOUNT_ID),
        HARVEST_BASE_URL=f"{sandbox.url}/v2",
        **{SECRET_ENV: SECRET},
    )
    env.pop("HARVESTKIT_REDIS_URL", None)
    return env


def _watch(config: Path, *extra: str) -> list[str]:
    return [HARVESTKIT, "watch", str(config), "--now", NOW,
            "--rate-limit-scale", str(SCALE), "--lease-seconds", "3", *extra]  # fmt: skip


async def test_kill_9_mid_poll_loses_and_repeats_nothing(
    served: Sandbox,
    tmp_path: Path,
    mailbox: tuple[int, list[Any]],
    receiver: Receiver,
) -> None:
    smtp_port, mail = mailbox
    database = f"sqlite:///{tmp_path / 'harvestkit.sqlite3'}"
    env = _env(served, database)
    config = _config(tmp_path / "watch.toml", smtp_port, receiver)
    subprocess.run(_watch(config, "--once"), env=env, check=True, capture_output=True)
    async with served.client() as h:
        project_id = await log_past_90_on(h, lambda: NY_EVENING)

    served.faults(latency_ms=400)  # every request slow: a poll takes seconds
    start = served.admitted()
    worker = subprocess.Popen(_watch(config), env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while served.admitted() < start + 6:  # six of the worker's requests answered
        assert time.monotonic() < deadline and worker.poll() is None
        time.sleep(0.1)
    os.kill(worker.pid, signal.SIGKILL)  # mid-poll: it has read, not yet noticed
    worker.wait(timeout=10)
    assert (len(mail), len(receiver.received)) == (0, 0)
    served.faults()

    time.sleep(3.5)  # the killed worker's lease runs out
    for _ in range(2):
        subprocess.run(_watch(config, "--once"), env=env, check=True, capture_output=True)
    store = Store(database)
    keys = [n.key for n in NotificationLog(store).recent(account_id=ACCOUNT_ID)]
    store.close()
    assert keys == [f"budget:{project_id}:band1:gen0"]
    assert len(mail) == 1 and len(receiver.received) == 1
