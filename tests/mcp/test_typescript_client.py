"""The official TypeScript MCP client (`@modelcontextprotocol/sdk`, pinned in
tests/mcp/typescript/package-lock.json) against `harvestkit serve --sandbox`, over stdio and
streamable HTTP, as the hosts most people use drive it.

It lists every tool (compiling each output schema, as the client does) and calls every
tool with good input (the recipes of tests/tools, built on a twin of the server's demo
company) and with bad input (an argument that does not exist; every argument of the wrong
type, ids of 20 digits). The client validates each structured result against the tool's
output schema and throws when it does not match, or when a tool with an output schema
answers without structured content: no call may end in a client-side exception.

`make test` installs the client with npm; without node or npm these tests skip, except
under CI=true, where they must run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import pytest

from harvestkit.tools import Tool, catalog
from tests.conftest import ON_CI, endpoint_of, private_env
from tests.tools.recipes import RECIPES

from .conftest import harvest_for

CLIENT_DIR = Path(__file__).parent / "typescript"
DRIVER = CLIENT_DIR / "drive.mjs"
HARVESTKIT = str(Path(sys.executable).with_name("harvestkit"))
SCALE = "0.01"  # the embedded sandbox's rate windows, and the server's, scaled alike
TOOLS = catalog()
WATCH_TOOLS = {"watch_notifications", "approvals"}


def node_client() -> str:
    """The node executable, with the pinned client installed; skips (fails on CI) without."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        reason = "node and npm are needed for the TypeScript MCP client tests"
        if ON_CI:
            pytest.fail(reason + " (required when CI=true)")
        pytest.skip(reason)
    if not (CLIENT_DIR / "node_modules" / "@modelcontextprotocol" / "sdk").exists():
        # `make test` does this; a direct pytest run does it here, from the lock file.
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"], cwd=CLIENT_DIR, check=True, timeout=600
        )
    return node


def wrong(schema: dict[str, Any]) -> Any:
    """A value of the wrong type for a property schema."""
    kind = schema.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    if "integer" in kinds or "number" in kinds:
        return "twelve"
    if "boolean" in kinds:
        return "maybe"
    if "array" in kinds:
        return "not a list"
    if "object" in kinds:
        return 7
    return 12345678901234567890  # a 20-digit number where text is wanted


def bad_inputs(tool: Tool) -> list[tuple[str, dict[str, Any]]]:
    properties = tool.input_model.model_json_schema(by_alias=True).get("properties", {})
    typed = {name: wrong(prop) for name, prop in properties.items()}
    huge_ids = {name: 10**19 + 7 for name in properties if name.endswith("_id")}
    cases = [("unknown-argument", {"no_such_argument": 1}), ("wrong-types", typed)]
    if huge_ids:
        cases.append(("20-digit-ids", huge_ids))
    return cases


def order(tool: Tool) -> int:
    """Reads first, destructive tools last: a delete should not take records from others."""
    return 0 if tool.read_only else 2 if tool.annotations.destructive else 1


@pytest.fixture(scope="module")
def calls(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """Every tool's good call (its recipe on a twin demo company) and its bad calls."""
    from harvestkit.sandbox import SandboxConfig, create_app
    from tests.conftest import ACCOUNT_ID, TOKEN

    def twin() -> Any:
        db = tmp_path_factory.mktemp("twin") / "demo.sqlite3"
        shutil.copyfile(demo_template, db)
        return create_app(
            SandboxConfig(db=str(db), seed="demo", token=TOKEN, account_id=ACCOUNT_ID)
        )

    async def recipe(app: Any, name: str) -> dict[str, Any]:
        async with harvest_for(app) as harvest:
            return await RECIPES[name](harvest)

    async def good() -> dict[str, dict[str, Any]]:
        # One twin for all; a recipe that clashes with an earlier one's records (each is
        # written for a fresh company) gets a fresh twin of its own.
        args, shared = {}, twin()
        try:
            # Reads first, while the twin is still the server's company exactly.
            for tool in sorted(TOOLS, key=order):
                try:
                    args[tool.name] = await recipe(shared, tool.name)
                except Exception:
                    fresh = twin()
                    try:
                        args[tool.name] = await recipe(fresh, tool.name)
                    finally:
                        fresh.state.sandbox.close()
        finally:
            shared.state.sandbox.close()
        return args

    recipes = anyio.run(good)
    planned: list[dict[str, Any]] = []
    for tool in sorted(TOOLS, key=order):
        for case, arguments in bad_inputs(tool):
            planned.append({"id": f"{tool.name}:{case}", "tool": tool.name, "arguments": arguments})
    for tool in sorted(TOOLS, key=order):
        planned.append(
            {"id": f"{tool.name}:good", "tool": tool.name, "arguments": recipes[tool.name]}
        )
    # A question a person asks, answered through the client.
    planned.append(
        {"id": "question", "tool": "budget_status", "arguments": {"project": "Website Redesign"}}
    )
    return planned


def drive(node: str, plan: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    done = subprocess.run(
        [node, str(DRIVER), str(path)], capture_output=True, text=True, timeout=900, check=False
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, Any] = json.loads(done.stdout)
    return report


SERVE = [HARVESTKIT, "serve", "--sandbox", "--toolsets", "all", "--rate-limit-scale", SCALE]


@pytest.fixture
def http_url() -> Iterator[str]:
    process = subprocess.Popen(
        [*SERVE, "--transport", "http", "--port", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **private_env()},
    )
    try:
        url = endpoint_of(process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def check(report: dict[str, Any], planned: list[dict[str, Any]]) -> None:
    # `harvestkit serve` also offers the watch's notification log and the approvals tool.
    assert set(report["listed"]) == {tool.name for tool in TOOLS} | WATCH_TOOLS
    thrown = [(c["id"], c["exception"]) for c in report["calls"] if c["exception"]]
    assert thrown == [], f"{len(thrown)} client-side exceptions"
    assert [c["id"] for c in report["calls"]] == [c["id"] for c in planned]
    by_id = {c["id"]: c for c in report["calls"]}
    for call in report["calls"]:
        if call["is_error"]:
            # The error reaches the model: text that says what went wrong, nothing structured.
            assert call["text"] and call["structured"] is None, call["id"]
    for tool in TOOLS:
        for case, _ in bad_inputs(tool):
            # Refused, or (a tool that asks first) stopped at its question, nothing done.
            bad = by_id[f"{tool.name}:{case}"]
            asked = (bad["structured"] or {}).get("status") in (
                "needs_confirmation",
                "needs_choice",
            )
            assert bad["is_error"] or asked, f"{tool.name}:{case} was accepted"
    reads = [t for t in TOOLS if t.read_only]
    failed = [t.name for t in reads if by_id[f"{t.name}:good"]["is_error"]]
    assert len(failed) <= len(reads) // 20, f"reads that failed on good input: {failed}"
    answer = by_id["question"]
    assert not answer["is_error"] and answer["structured"]["project"]["name"] == "Website Redesign"


@pytest.mark.slow
def test_every_tool_over_stdio(calls: list[dict[str, Any]], tmp_path: Path) -> None:
    node = node_client()
    plan = {
        "transport": "stdio",
        "command": SERVE[0],
        "args": SERVE[1:],
        "env": {**private_env(), "PATH": os.environ.get("PATH", "")},
        "calls": calls,
    }
    check(drive(node, plan, tmp_path), calls)


@pytest.mark.slow
def test_every_tool_over_http(calls: list[dict[str, Any]], http_url: str, tmp_path: Path) -> None:
    node = node_client()
    check(drive(node, {"transport": "http", "url": http_url, "calls": calls}, tmp_path), calls)


IMPORT_ROWS = 1000
IMPORT_SCALE = 0.1  # Harvest's windows a tenth as long; the client's 60 s timeout alike


def import_csv() -> str:
    lines = ["date,project,task,duration,notes"]
    for n in range(IMPORT_ROWS):
        day = f"2026-10-{1 + n % 28:02d}"
        lines.append(f"{day},Internal Training,,0:06,import row {n}")
    return "\n".join(lines) + "\n"


@pytest.mark.slow
def test_a_long_import_answers_in_time_and_continues(tmp_path: Path) -> None:
    """1,000 rows at Harvest's rate limit take about 150 s, past a TypeScript host's 60 s.
    Scaled tenfold (limits, the server's answer time and the client's timeout alike), the
    import answers within the timeout, reports progress, and continues with its job
    handle until done: every row once."""
    node = node_client()
    serve = [HARVESTKIT, "serve", "--sandbox", "--toolsets", "time"]
    plan = {
        "transport": "stdio",
        "command": serve[0],
        "args": [*serve[1:], "--rate-limit-scale", str(IMPORT_SCALE)],
        "env": {**private_env(), "PATH": os.environ.get("PATH", "")},
        "timeout_ms": int(60_000 * IMPORT_SCALE),
        "calls": [
            {
                "id": "import",
                "tool": "import_time",
                "arguments": {"csv": import_csv(), "confirm": True},
                "progress": True,
                "resume": ["job", "job"],
            },
            {
                "id": "check",
                "tool": "harvest_time_entries_list",
                "arguments": {"from": "2026-10-01", "to": "2026-10-28", "per_page": 100},
                "resume": ["next_cursor", "cursor"],
            },
        ],
    }
    report = drive(node, plan, tmp_path)
    thrown = [(c["id"], c["exception"]) for c in report["calls"] if c["exception"]]
    assert thrown == []  # no timeout, no rejected result
    imports = [c for c in report["calls"] if c["id"] == "import"]
    assert len(imports) > 1, "the import finished in one call: the test no longer needs a job"
    assert all(not c["is_error"] for c in imports), [c["text"] for c in imports]
    assert all(c["seconds"] * 1000 < plan["timeout_ms"] for c in imports)
    assert sum(c["structured"]["created"] for c in imports) == IMPORT_ROWS
    assert imports[-1]["structured"]["job"] is None
    assert all(c["progress"] for c in imports if c["structured"]["created"])
    for call in imports:
        done = [p["progress"] for p in call["progress"]]
        assert done == sorted(done)
    notes = [
        entry["notes"]
        for c in report["calls"]
        if c["id"] == "check"
        for entry in c["structured"]["time_entries"]
        if (entry.get("notes") or "").startswith("import row ")
    ]
    assert sorted(notes) == sorted(f"import row {n}" for n in range(IMPORT_ROWS))  # no duplicate
