"""Every generated file and its expected text."""

from __future__ import annotations

from pathlib import Path

from ._arguments import arguments_module
from ._docs import api_reference
from ._format import formatted
from ._names import resources
from ._resources import client_module, package_module, resource_module

__all__ = ["expected", "generated_root", "stray"]

_RESOURCES = Path("src/harvestkit/api/resources")
_HAND_WRITTEN = {"_base.py"}
_ARGUMENTS = Path("src/harvestkit/api/types/arguments.py")


def generated_root() -> Path:
    """The source checkout this package sits in (generation needs the repository)."""
    root = Path(__file__).resolve().parents[4]
    if not (root / "pyproject.toml").is_file() or not (root / _RESOURCES).is_dir():
        raise SystemExit(f"{root} is not a harvestkit source checkout")
    return root


def expected(root: Path) -> dict[Path, str]:
    """Path to text of every generated file."""
    every = resources()
    files = {
        _RESOURCES / f"{r.module}.py": resource_module(r, [c for c in every if c.parent == r.name])
        for r in every
    }
    files[_RESOURCES / "__init__.py"] = package_module(every)
    files[_RESOURCES / "_client.py"] = client_module([r for r in every if r.parent is None])
    files[_ARGUMENTS] = arguments_module()
    files[Path("docs/api.md")] = api_reference(every)
    return {root / path: formatted(text, root / path, root) for path, text in files.items()}


def stray(root: Path, files: dict[Path, str]) -> list[Path]:
    """Modules in ``resources/`` that are neither generated nor the hand-written base."""
    return sorted(
        path
        for path in (root / _RESOURCES).glob("*.py")
        if path not in files and path.name not in _HAND_WRITTEN
    )
