"""Imports only point down, and the sandbox stands alone (DESIGN.md, "Layers").

Every ``import`` and ``from … import`` in ``src/harvestkit`` is read with ``ast`` (those
inside functions and under ``TYPE_CHECKING`` too) and resolved to the layer it reaches.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parents[1] / "src"

# Top to bottom. A layer may import the layers below it, never one above it or beside it.
TIERS: list[set[str]] = [
    {"cli"},
    {"console"},  # the web pages: sign-in, access, activity, approvals, budgets
    {"mcp", "watch"},  # transports, and the watch worker
    {"tools"},
    {"governance"},
    {"auth"},
    {"api"},  # with the root package, which re-exports the SDK
    {"store"},
    {"clock", "receipts"},  # leaves: the one clock, and receipt reading
]
RANK = {layer: rank for rank, tier in enumerate(TIERS) for layer in tier}
# The emulator imports nothing from harvestkit; only the processes that run it import it.
SANDBOX = "sandbox"
RUN_THE_SANDBOX = {"cli", "console", "mcp", "watch"}


def layer_of(module: str) -> str:
    """``harvestkit.tools.resolve`` → ``tools``; the root package (``harvestkit``,
    ``harvestkit.__version__``) counts as ``api``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and (parts[1] in RANK or parts[1] == SANDBOX) else "api"


def module_name(path: Path, src: Path) -> str:
    parts = list(path.relative_to(src).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(tree: ast.AST, module: str, is_package: bool) -> list[tuple[int, str]]:
    """(line, absolute module) of every harvestkit import in ``tree``."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            origin = ".".join([*base, *([node.module] if node.module else [])])
            # From the root package, each imported name may be a layer of its own.
            names = (
                [f"{origin}.{a.name}" for a in node.names] if origin == "harvestkit" else [origin]
            )
        else:
            continue
        found += [(node.lineno, name) for name in names if name.split(".")[0] == "harvestkit"]
    return found


def violation(source: str, target: str) -> str | None:
    """Why ``source`` layer may not import ``target`` layer, or ``None`` if it may."""
    if source == target:
        return None
    if source == SANDBOX:
        return "the sandbox imports nothing from the rest of harvestkit"
    if target == SANDBOX:
        return None if source in RUN_THE_SANDBOX else f"{source} does not run the sandbox"
    if source not in RANK or target not in RANK:
        return f"{source if source not in RANK else target} is in no tier of this test"
    if RANK[target] < RANK[source]:
        return f"{target} is above {source}"
    if RANK[target] == RANK[source]:
        return f"{target} is beside {source}"
    return None


def violations(src: Path) -> list[str]:
    found = []
    for path in sorted((src / "harvestkit").rglob("*.py")):
        module = module_name(path, src)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, target in imported(tree, module, path.name == "__init__.py"):
            why = violation(layer_of(module), layer_of(target))
            if why:
                found.append(f"{path.relative_to(src)}:{line} imports {target}: {why}")
    return found


def test_imports_only_point_down_and_the_sandbox_stands_alone() -> None:
    found = violations(SRC)
    assert not found, "\n".join(found)


def test_every_layer_is_in_a_tier() -> None:
    layers = {p.name for p in (SRC / "harvestkit").iterdir() if p.is_dir() and p.name[0] != "_"}
    layers |= {p.stem for p in (SRC / "harvestkit").glob("*.py") if p.stem != "__init__"}
    assert layers - {"__pycache__"} == set(RANK) | {SANDBOX}


@pytest.mark.parametrize(
    ("path", "source", "expected"),
    [
        ("harvestkit/api/_x.py", "from ..tools import catalog", "tools is above api"),
        ("harvestkit/api/_x.py", "import harvestkit.store.engine", None),
        ("harvestkit/sandbox/x.py", "from harvestkit.clock import now", "the sandbox imports"),
        ("harvestkit/tools/x.py", "from harvestkit import sandbox", "tools does not run"),
        ("harvestkit/mcp/x.py", "from ..watch import worker", "watch is beside mcp"),
        ("harvestkit/tools/x.py", "def f():\n    from ..mcp import server", "mcp is above tools"),
        ("harvestkit/cli/x.py", "from harvestkit.sandbox import create_app", None),
    ],
)
def test_the_check_sees_a_bad_import(
    tmp_path: Path, path: str, source: str, expected: str | None
) -> None:
    file = tmp_path / path
    file.parent.mkdir(parents=True)
    file.write_text(source + "\n", encoding="utf-8")
    found = violations(tmp_path)
    if expected is None:
        assert found == []
    else:
        assert len(found) == 1 and expected in found[0]
