"""The agent-facing surface is committed: any change to a name, description, schema or
annotation shows up as a diff of that tool's file in tests/tools/snapshots/ (one file a
tool, ``<tool name>.json``; ``catalog.order`` holds the order tools are listed in).

Regenerate after an intended change with ``HARVESTKIT_UPDATE_SNAPSHOTS=1 pytest
tests/tools/test_snapshot.py``: it rewrites every file and removes those of tools that
are gone.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from harvestkit.tools import catalog
from harvestkit.tools.export import snapshot

SNAPSHOTS = Path(__file__).parent / "snapshots"
ORDER = SNAPSHOTS / "catalog.order"
UPDATE = os.environ.get("HARVESTKIT_UPDATE_SNAPSHOTS") == "1"
AGAIN = "Review the diff, then regenerate the snapshots with HARVESTKIT_UPDATE_SNAPSHOTS=1."

CURRENT = {entry["name"]: entry for entry in snapshot(catalog())}


def rendered(entry: dict[str, Any]) -> str:
    return json.dumps(entry, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


if UPDATE:
    SNAPSHOTS.mkdir(exist_ok=True)
    for stale in SNAPSHOTS.glob("*.json"):
        if stale.stem not in CURRENT:
            stale.unlink()
    for name, entry in CURRENT.items():
        (SNAPSHOTS / f"{name}.json").write_text(rendered(entry), encoding="utf-8")
    ORDER.write_text("".join(f"{name}\n" for name in CURRENT), encoding="utf-8")


@pytest.mark.parametrize("name", list(CURRENT))
def test_tool_matches_its_committed_snapshot(name: str) -> None:
    path = SNAPSHOTS / f"{name}.json"
    committed = path.read_text(encoding="utf-8") if path.exists() else ""
    assert committed == rendered(CURRENT[name]), f"The tool {name} changed. {AGAIN}"


def test_every_snapshot_is_a_tool_of_the_catalog_in_its_order() -> None:
    assert sorted(path.stem for path in SNAPSHOTS.glob("*.json")) == sorted(CURRENT), AGAIN
    assert ORDER.read_text(encoding="utf-8").split() == list(CURRENT), AGAIN
