"""`harvestkit`: the command line entry point."""

from __future__ import annotations

import typer

from . import audit, auth, imports, keys, policy, tools
from .demo import demo
from .sandbox import sandbox
from .serve import serve
from .stats import stats

app = typer.Typer(
    name="harvestkit",
    help="Work in Harvest safely from AI agents: SDK, tools, MCP server and a local sandbox.",
    no_args_is_help=True,
    add_completion=False,
)
app.command(name="sandbox")(sandbox)
app.add_typer(auth.app, name="auth")
app.add_typer(audit.app, name="audit")
app.add_typer(policy.app, name="policy")
app.add_typer(keys.app, name="keys")
app.command(name="stats")(stats)
app.add_typer(tools.app, name="tools")
app.command(name="call")(tools.call)
app.command(name="serve")(serve)
app.add_typer(imports.app, name="import")
app.command(name="demo")(demo)


@app.callback()
def main() -> None:
    """harvestkit command line."""


if __name__ == "__main__":
    app()
