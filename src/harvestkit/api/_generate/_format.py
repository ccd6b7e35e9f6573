"""Generated source goes through the project's own ruff settings, so it reads like the rest."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

__all__ = ["formatted"]


def formatted(source: str, path: Path, root: Path) -> str:
    """``source`` with its imports sorted and formatted as ``ruff format`` would leave it."""
    if path.suffix != ".py":
        return source
    name = str(path.relative_to(root))
    sorted_imports = _ruff(
        ["check", "--select", "I,F401", "--fix-only", "--exit-zero"], source, name, root
    )
    return _ruff(["format"], sorted_imports, name, root)


def _ruff(command: list[str], source: str, name: str, root: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "ruff", *command, "--quiet", "--stdin-filename", name, "-"],
        input=source,
        capture_output=True,
        text=True,
        cwd=root,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"ruff {command[0]} failed on {name}: {done.stderr.strip()}")
    return done.stdout
