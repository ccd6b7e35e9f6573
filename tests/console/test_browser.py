"""The console in a real browser (headless Chromium driven by Playwright), against a real
server on a socket: first-run setup, connect the sandbox's token, create an API key, grant
a toolset, call a tool over MCP with that key, find the call in Activity, verify the
chain, approve a pending plan, open a project's burn-down chart.

Uses the system's Chromium (Debian's `chromium` package; `make test` installs it under
CI=true). Screenshots of each page go to tmp/console/.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import httpx2
import pytest
import uvicorn
from mcp import Client
from mcp.client.streamable_http import streamable_http_client

from harvestkit.governance import ApprovalStore, AuditLog
from harvestkit.mcp import bind
from harvestkit.tools import Detail, ToolContext
from harvestkit.tools.approvals import propose

from .conftest import PASSWORD, Deployment, deploy

ON_CI = os.environ.get("CI") == "true"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = Path(__file__).resolve().parents[2] / "tmp" / "console"
PROJECT_ID, TASK_ID = 14307913, 8083366  # a demo project and one of its tasks

T = TypeVar("T")


def _why_not() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[dev]')"
    if CHROMIUM is None:
        return "no system Chromium (apt-get install chromium; `make test` does under CI=true)"
    return None


class BrowserThread:
    """One headless Chromium for the whole session, driven from a thread of its own:
    Playwright's sync API keeps an event loop on the thread that starts it, which would
    break the async tests that run after it in this process."""

    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(1, thread_name_prefix="chromium")
        self.playwright: Any = None
        self.browser: Any = None
        self.pool.submit(self._start).result()

    def _start(self) -> None:
        from playwright.sync_api import sync_playwright

        self.playwright = sync_playwright().start()
        self.browser = self.playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"]
        )

    def run(self, flow: Callable[[Any], T]) -> T:
        """Run ``flow(browser)`` on the browser's thread."""
        return self.pool.submit(flow, self.browser).result()

    def close(self) -> None:
        def stop() -> None:
            self.browser.close()
            self.playwright.stop()

        self.pool.submit(stop).result()
        self.pool.shutdown()


@pytest.fixture(scope="session")
def chromium() -> Iterator[BrowserThread]:
    problem = _why_not()
    if problem is not None:
        if ON_CI:
            pytest.fail(f"CI=true needs the browser tests: {problem}")
        pytest.skip(problem)
    browser = BrowserThread()
    yield browser
    browser.close()


@contextmanager
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Deployment]]:
    sock = bind("127.0.0.1", 0)
    origin = f"http://127.0.0.1:{sock.getsockname()[1]}"
    deployment = deploy(tmp_path, monkeypatch, origin=origin)
    server = uvicorn.Server(uvicorn.Config(deployment.app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.02)
    try:
        yield origin, deployment
    finally:
        server.should_exit = True
        thread.join(15)


def in_loop(make: Callable[[], Awaitable[T]]) -> T:
    """Run a coroutine on its own loop (Playwright's sync API owns this thread's)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(make())).result()  # type: ignore[arg-type]


async def call_tool(origin: str, key: str, name: str, arguments: dict[str, Any]) -> Any:
    headers = {"authorization": f"Bearer {key}"}
    async with (
        httpx2.AsyncClient(headers=headers, timeout=60) as http,
        Client(streamable_http_client(f"{origin}/mcp", http_client=http)) as mcp,
    ):
        return await mcp.call_tool(name, arguments)


async def propose_accepted_estimate(deployment: Deployment) -> int:
    """What the watch worker does when a client accepts an estimate."""
    async with deployment.backend.harvest_factory() as h:
        sent = [e async for e in h.paginate("estimates.list", state="sent") if e.line_items]
        estimate = sent[0]
        await h.call("estimates.messages.mark_accepted", estimate_id=estimate.id)
        ctx = ToolContext(harvest=h, clock=deployment.backend.clock)
        approval, _ = await propose(
            ApprovalStore(deployment.store),
            ctx,
            "estimate_to_project",
            {"estimate": str(estimate.id), "deposit_percent": 30},
            title=f"Estimate {estimate.number} was accepted: make it a project",
            details=[Detail("client", estimate.client.name)],
            source=f"estimate:{estimate.id}:accepted",
        )
    return approval.id


def test_the_whole_console_in_a_browser(
    chromium: BrowserThread, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    with served(tmp_path, monkeypatch) as (origin, deployment):
        chromium.run(lambda browser: walk_through(browser, origin, deployment))


def walk_through(browser: Any, origin: str, deployment: Deployment) -> None:
    """The flow, as a person clicks it."""
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()

    def shot(name: str) -> None:
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    # First run: the console sends us to setup, which creates the owner.
    page.goto(origin + "/")
    expect(page).to_have_url(re.compile(r"/setup$"))
    page.fill("input[name=name]", "olivia")
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=confirm]", PASSWORD)
    shot("01-setup")
    page.click("button[type=submit]")
    expect(page).to_have_url(re.compile(r"/activity$"))
    cookie = next(c for c in context.cookies() if c["name"] == "hk_session")
    assert cookie["httpOnly"] and cookie["secure"] and cookie["sameSite"] == "Strict"

    # Connect the sandbox's token: Harvest ID says whose it is and which account.
    page.click("nav >> text=Connections")
    page.fill("input[name=env]", "sandbox")
    assert deployment.backend.demo_token is not None
    page.fill("input[name=token]", deployment.backend.demo_token.reveal())
    page.click("text=Check and save")
    expect(page.locator("#connection-result")).to_contain_text("Connected sandbox")
    expect(page.locator("#connection-result")).to_contain_text("Bright Harbor Studio")
    page.click("table >> text=Test")
    expect(page.locator("#connection-result")).to_contain_text("sandbox works")
    shot("02-connections")

    # An API key for the dev environment, shown once.
    page.click("nav >> text=Access")
    page.fill("form:has-text('Create API key') input[name=env]", "dev")
    page.fill("form:has-text('Create API key') input[name=name]", "laptop")
    page.click("text=Create API key")
    key = page.inner_text("#new-key").strip()
    assert key.startswith("hk_")
    shot("03-access-key")
    entry = {"entries": [{"project": str(PROJECT_ID), "task": str(TASK_ID), "duration": "1:30",
             "date": "2026-11-20", "notes": "console flow"}]}  # fmt: skip
    refused = in_loop(lambda: call_tool(origin, key, "log_time", entry))
    assert refused.is_error  # dev is read-only until granted

    # Grant the time toolset to olivia in dev; its words say what it allows.
    page.goto(origin + "/access")
    grant_form = page.locator("form:has-text('Grant')").last
    grant_form.locator("select[name=user]").select_option("olivia")
    grant_form.locator("input[name=env]").fill("dev")
    grant_form.locator("select[name=target]").select_option("toolset:time")
    grant_form.locator("button").click()
    expect(page.locator("#grants")).to_contain_text("the time toolset that create")
    assert key not in page.content()  # shown once, never again
    shot("04-access-grant")

    # The same call over MCP with the key now writes.
    done = in_loop(lambda: call_tool(origin, key, "log_time", entry))
    assert not done.is_error, done.content

    # Activity: both calls, with outcome; the record's Harvest requests and X-Request-Id.
    page.click("nav >> text=Activity")
    rows = page.locator("#records tbody tr")
    expect(rows.first).to_contain_text("log_time")
    expect(rows.first).to_contain_text("ok")
    expect(rows.nth(1)).to_contain_text("refused")
    expect(page.locator("svg.chart").first).to_be_visible()
    shot("05-activity")
    page.fill("#filters input[name=tool]", "log_time")
    page.select_option("#filters select[name=outcome]", "ok")
    page.click("#filters button")
    expect(rows).to_have_count(1)
    shot("05-activity-filtered")
    rows.first.locator("a").click()
    requests = page.locator("#requests tbody tr")
    expect(requests.filter(has_text="POST")).to_have_count(1)
    shown = [row.locator("td").nth(3).inner_text().strip() for row in requests.all()]
    stored = AuditLog(deployment.store).records(tool="log_time")[-1]
    assert shown == [r["request_id"] for r in stored.requests] and "-" not in shown
    shot("06-activity-record")

    # Verify the chain.
    page.goto(origin + "/activity")
    page.click("text=Verify the chain")
    expect(page.locator("#verify-result")).to_contain_text("Intact")
    shot("07-verify")

    # A pending plan from the watch worker: approve it, exactly as shown.
    approval_id = in_loop(lambda: propose_accepted_estimate(deployment))
    page.click("nav >> text=Approvals")
    page.click(f"#pending >> text={approval_id}")
    plan_rows = page.locator("#plan tbody tr")
    expect(plan_rows.first).to_contain_text("POST")
    expect(plan_rows.first).to_contain_text("/v2/projects")
    shot("08-approval")
    page.click("text=Approve and run")
    expect(page.locator("#outcome")).to_contain_text("approved")
    final = ApprovalStore(deployment.store).get(approval_id)
    assert final is not None and final.state == "approved" and final.decided_by == "olivia"
    assert AuditLog(deployment.store).records(tool="approvals.approve")[-1].outcome == "ok"
    shot("09-approved")

    # Budgets, at risk first; a project's burn-down chart.
    page.click("nav >> text=Budgets")
    verdicts = page.locator("#budgets tbody tr td:nth-child(3)").all_inner_texts()
    order = {"over": 0, "at risk": 1, "on track": 2, "no budget": 3}
    assert verdicts and [order[v] for v in verdicts] == sorted(order[v] for v in verdicts)
    shot("10-budgets")
    page.locator("#budgets tbody tr.verdict-at_risk td:first-child a").first.click()
    chart = page.locator("#burn-down svg")
    expect(chart).to_be_visible()
    svg = chart.inner_html()
    for drawn in ("budget ", "today", "forecast: runs out 202", "2026-11-", "remaining"):
        assert drawn in svg
    shot("11-burn-down")

    # Sign out: the session is gone.
    page.click("text=Sign out")
    expect(page).to_have_url(re.compile(r"/login$"))
    context.close()
