"""The agent-facing surface is committed: any change to a name, description, schema or
annotation shows up as a diff of tests/tools/snapshots/catalog.json.

Regenerate after an intended change with ``HARVESTKIT_UPDATE_SNAPSHOTS=1 pytest
tests/tools/test_snapshot.py``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from harvestkit.tools import catalog
from harvestkit.tools.export import snapshot

SNAPSHOT = Path(__file__).parent / "snapshots" / "catalog.json"


def test_catalog_matches_the_committed_snapshot() -> None:
    current = json.dumps(snapshot(catalog()), indent=1, ensure_ascii=False, sort_keys=True)
    if os.environ.get("HARVESTKIT_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(current + "\n", encoding="utf-8")
    committed = SNAPSHOT.read_text(encoding="utf-8") if SNAPSHOT.exists() else ""
    assert committed == current + "\n", (
        "The tool catalog changed. Review the diff, then regenerate the snapshot with "
        "HARVESTKIT_UPDATE_SNAPSHOTS=1."
    )
