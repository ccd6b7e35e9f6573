"""`harvestkit`: the command line entry point."""

from __future__ import annotations

import typer

from .sandbox import sandbox

app = typer.Typer(
    name="harvestkit",
    help="Work in Harvest safely from AI agents: SDK, tools, MCP server and a local sandbox.",
    no_args_is_help=True,
    add_completion=False,
)
app.command(name="sandbox")(sandbox)


@app.callback()
def main() -> None:
    """harvestkit command line."""


if __name__ == "__main__":
    app()
