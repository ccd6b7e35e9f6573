"""`harvestkit`: the command line entry point.

Each command lives in its own module and pulls in its own layer (the sandbox, the SDK,
the MCP SDK, the vault…). `run()` imports only the module of the command being run, so
`harvestkit sandbox` does not pay for the MCP server's imports; `--help` and the tests
(`app`) get every command.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import typer

HELP = "Work in Harvest safely from AI agents: SDK, tools, MCP server and a local sandbox."

# name → (module in harvestkit.cli, attribute, "command" or "group")
COMMANDS: dict[str, tuple[str, str, str]] = {
    "serve": ("serve", "serve", "command"),
    "sandbox": ("sandbox", "sandbox", "command"),
    "demo": ("demo", "demo", "command"),
    "tools": ("tools", "app", "group"),
    "call": ("tools", "call", "command"),
    "import": ("imports", "app", "group"),
    "auth": ("auth", "app", "group"),
    "keys": ("keys", "app", "group"),
    "policy": ("policy", "app", "group"),
    "audit": ("audit", "app", "group"),
    "stats": ("stats", "stats", "command"),
    "watch": ("watch", "watch", "command"),
    "approvals": ("approvals", "app", "group"),
    "receipts": ("receipts", "app", "group"),
}


def build(names: list[str] | None = None) -> typer.Typer:
    """The command line with the named commands (all of them by default)."""
    cli = typer.Typer(name="harvestkit", help=HELP, no_args_is_help=True, add_completion=False)

    @cli.callback()
    def main() -> None:
        """harvestkit command line."""

    for name in names or list(COMMANDS):
        module_name, attribute, kind = COMMANDS[name]
        target = getattr(importlib.import_module(f"harvestkit.cli.{module_name}"), attribute)
        if kind == "group":
            cli.add_typer(target, name=name)
        else:
            cli.command(name=name)(target)
    return cli


def run() -> None:
    """Console entry point."""
    words = [arg for arg in sys.argv[1:] if not arg.startswith("-")]
    name = words[0] if words else None
    build([name] if name in COMMANDS else None)()


def __getattr__(name: str) -> Any:
    if name == "app":  # the full command line, built on first use
        return build()
    raise AttributeError(f"module 'harvestkit.cli.main' has no attribute {name!r}")


if __name__ == "__main__":
    run()
