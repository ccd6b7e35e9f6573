"""`harvestkit tools …` (inspect and export the catalog) and `harvestkit call` (run a tool).

`harvestkit call` runs the tool as `harvestkit serve` would on stdio: for `--user` in
`--env`, under the policy, with that user's credential from the vault (`harvestkit auth
login`; HARVEST_ACCESS_TOKEN and HARVEST_ACCOUNT_ID when set), leaving an audit record;
with --sandbox against an in-process demo sandbox (a fresh copy each time: nothing written
there is kept). It prints the tool's structured result as JSON. Exit codes: 0 done, 1 tool
error (a refusal too), 2 bad usage, 3 the tool needs a decision.
Someone is waiting at the terminal, so a call waits for Harvest's rate limits at most
`RetryPolicy.interactive()` allows (60 s) and otherwise fails saying when to try again.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import httpx
import typer
from pydantic import BaseModel

from harvestkit.api import AsyncHarvest, RetryPolicy
from harvestkit.cli._clock import NowOption, clock_for, harvest_base_url
from harvestkit.clock import Clock, Now, from_environment
from harvestkit.tools import NeedsInput, Tool, ToolContext, ToolError, catalog, execute, select
from harvestkit.tools.docs import render, summary
from harvestkit.tools.export import Format, export, mcp_tool

from ._people import UserOption

app = typer.Typer(help="Inspect and export the agent tool catalog.", no_args_is_help=True)

EXIT_TOOL_ERROR = 1
EXIT_USAGE = 2
EXIT_NEEDS_INPUT = 3
SANDBOX_TOKEN = "sandbox-cli-token"
SANDBOX_ACCOUNT = 4477001

ToolsetsOption = Annotated[
    str | None,
    typer.Option("--toolsets", help="Comma-separated toolsets (or all, default)."),
]
NamesOption = Annotated[
    str | None, typer.Option("--tools", help="Comma-separated tool names to add.")
]
ReadOnlyOption = Annotated[bool, typer.Option("--read-only", help="Only tools that never write.")]


def _split(value: str | None) -> list[str] | None:
    return [part.strip() for part in value.split(",") if part.strip()] if value else None


def _selection(toolsets: str | None, names: str | None, read_only: bool) -> tuple[Tool, ...]:
    try:
        return select(
            catalog(),
            toolsets=_split(toolsets),
            tools=_split(names),
            read_only=read_only,
            defaults=False,
        )
    except ValueError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(EXIT_USAGE) from exc


def _by_name(name: str) -> Tool:
    tools = {tool.name: tool for tool in catalog()}
    if name not in tools:
        typer.echo(f"No tool named {name!r}; see `harvestkit tools list`.", err=True)
        raise typer.Exit(EXIT_USAGE)
    return tools[name]


@app.command("list")
def list_tools(
    toolsets: ToolsetsOption = None, tools: NamesOption = None, read_only: ReadOnlyOption = False
) -> None:
    """List tools (all unless filtered): default (*), name, toolset, one-line summary."""
    for tool in _selection(toolsets, tools, read_only):
        mark = "*" if tool.default else " "
        typer.echo(f"{mark} {tool.name:<48} {tool.toolset:<10} {summary(tool)}")


@app.command("show")
def show(name: Annotated[str, typer.Argument(help="Tool name.")]) -> None:
    """Show one tool as an MCP definition (description, schemas, annotations) in JSON."""
    typer.echo(json.dumps(mcp_tool(_by_name(name)), indent=2, ensure_ascii=False))


@app.command("export")
def export_tools(
    fmt: Annotated[str, typer.Option("--format", help="mcp, openai or anthropic.")] = "mcp",
    toolsets: ToolsetsOption = None,
    tools: NamesOption = None,
    read_only: ReadOnlyOption = False,
) -> None:
    """Print tool definitions as JSON for a host: MCP, OpenAI (strict) or Anthropic."""
    if fmt not in ("mcp", "openai", "anthropic"):
        typer.echo("--format must be mcp, openai or anthropic.", err=True)
        raise typer.Exit(EXIT_USAGE)
    chosen: Format = fmt  # type: ignore[assignment]
    typer.echo(json.dumps(export(_selection(toolsets, tools, read_only), chosen), indent=2))


@app.command("docs")
def docs() -> None:
    """Print docs/tools.md (generated from the catalog)."""
    typer.echo(render(), nl=False)


def _harvest(sandbox: bool, clock: Clock | None = None) -> tuple[AsyncHarvest, Now]:
    """The client, and the clock its tools read (the embedded sandbox's own, when there is
    one, so both agree on today)."""
    clock = clock or from_environment()
    if sandbox:
        from harvestkit.sandbox import SandboxConfig, create_app

        config = SandboxConfig(
            db=":memory:", seed="demo", token=SANDBOX_TOKEN, account_id=SANDBOX_ACCOUNT
        )
        if clock.start is not None:
            config.now = clock.start
        app = create_app(config)
        harvest = AsyncHarvest(
            SANDBOX_TOKEN,
            SANDBOX_ACCOUNT,
            base_url="http://sandbox.test/v2",
            identity_url="http://sandbox.test",
            transport=httpx.ASGITransport(app=app),
            retry=RetryPolicy.interactive(),
        )
        return harvest, app.state.sandbox.clock.exact
    token = os.environ.get("HARVEST_ACCESS_TOKEN")
    account = os.environ.get("HARVEST_ACCOUNT_ID")
    if not token or not account:
        typer.echo(
            "Set HARVEST_ACCESS_TOKEN and HARVEST_ACCOUNT_ID (and optionally "
            "HARVEST_BASE_URL), or pass --sandbox to use the demo sandbox.",
            err=True,
        )
        raise typer.Exit(EXIT_USAGE)
    options: dict[str, Any] = {"retry": RetryPolicy.interactive()}
    if os.environ.get("HARVEST_BASE_URL"):
        options["base_url"] = os.environ["HARVEST_BASE_URL"]
    return AsyncHarvest(token, account, **options), clock


def _answers(pairs: list[str]) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            typer.echo(f"--answer takes KEY=VALUE, not {pair!r}.", err=True)
            raise typer.Exit(EXIT_USAGE)
        answers[key] = {"true": True, "false": False}.get(value.lower(), value)
    return answers


def _arguments(given: str) -> dict[str, Any]:
    """`--json` as text, `@FILE` or `-` (standard input): the command line holds at most
    a few hundred KiB, and a CSV for import_time easily takes more."""
    text = given
    try:
        if given == "-":
            text = sys.stdin.read()
        elif given.startswith("@"):
            text = Path(given[1:]).read_text(encoding="utf-8")
    except OSError as exc:
        typer.echo(f"--json {given}: {exc.strerror or exc}.", err=True)
        raise typer.Exit(EXIT_USAGE) from exc
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        typer.echo(f"--json is not valid JSON: {exc.msg}.", err=True)
        raise typer.Exit(EXIT_USAGE) from exc
    if not isinstance(parsed, dict):
        typer.echo("--json must be a JSON object.", err=True)
        raise typer.Exit(EXIT_USAGE)
    return parsed


async def _run(
    tool: Tool,
    arguments: dict[str, Any],
    answers: dict[str, Any],
    *,
    sandbox: bool,
    user: str | None,
    env: str | None,
    clock: Clock,
) -> BaseModel:
    # The MCP server's guard: imported here, `harvestkit tools list` needn't load it.
    from ._governed import guard, run_guarded

    async def work(context: ToolContext, args: Mapping[str, Any]) -> BaseModel:
        return await execute(tool, context, args)

    async with guard(sandbox=sandbox, user=user, env=env, clock=clock) as guarded:
        return await run_guarded(guarded, tool, arguments, answers, work)


def call(
    name: Annotated[str, typer.Argument(help="Tool name, e.g. harvest_projects_list.")],
    arguments: Annotated[
        str,
        typer.Option(
            "--json",
            help="The tool's arguments as a JSON object; @FILE reads it from a file, "
            "- from standard input.",
        ),
    ] = "{}",
    sandbox: Annotated[
        bool, typer.Option("--sandbox", help="Run against an in-process demo sandbox.")
    ] = False,
    answer: Annotated[
        list[str] | None,
        typer.Option("--answer", help="KEY=VALUE answer to a question the tool asked."),
    ] = None,
    user: UserOption = None,
    env: Annotated[
        str | None,
        typer.Option(
            "--env",
            help="Environment whose grants and credential apply [default: $HARVESTKIT_ENV "
            "or dev; sandbox with --sandbox].",
        ),
    ] = None,
    now: NowOption = None,
) -> None:
    """Run one tool under the policy, with your credential, and print its structured
    result as JSON; the call goes to the audit trail."""
    tool = _by_name(name)
    clock = clock_for(now, sandbox=sandbox, base_url=harvest_base_url())
    parsed = _arguments(arguments)
    answers = _answers(answer or [])
    try:
        run = _run(tool, parsed, answers, sandbox=sandbox, user=user, env=env, clock=clock)
        result = asyncio.run(run)
    except ToolError as exc:
        error = {
            "error": exc.message,
            "hint": exc.hint,
            "candidates": exc.candidates,
            # Harvest text, kept apart from our sentence as quoted data (see `ToolError`).
            "details": [{"label": d.label, "value": d.value} for d in exc.details],
        }
        typer.echo(json.dumps(error, indent=2, ensure_ascii=False), err=True)
        raise typer.Exit(EXIT_TOOL_ERROR) from exc
    except NeedsInput as exc:
        question = exc.question
        typer.echo(question.message, err=True)
        for detail in question.details:  # Harvest text: quoted, apart from our sentence
            typer.echo(
                f"  {detail.label}: {json.dumps(detail.value, ensure_ascii=False)}", err=True
            )
        for choice in question.choices:
            typer.echo(f"  {choice.value}: {choice.label}", err=True)
        if question.kind == "confirm":
            typer.echo('To go ahead, call again with "confirm": true in --json.', err=True)
        else:
            typer.echo(
                f"Call again with --answer {question.key}=<one of the values above>.", err=True
            )
        raise typer.Exit(EXIT_NEEDS_INPUT) from exc
    typer.echo(json.dumps(result.model_dump(mode="json"), indent=2, ensure_ascii=False))
