"""A watched folder of receipts: each new file a proposal (an approval request) for its
owner; questions and unreadable files recorded; nothing repeated after a restart."""

from __future__ import annotations

import os
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from harvestkit.governance import ApprovalStore
from harvestkit.store import Store
from harvestkit.tools.approvals import approve
from harvestkit.watch._state import WatchState
from harvestkit.watch.receipt_folder import ReceiptFolder
from tests.receipts.corpus import simple_receipt
from tests.tools.outcomes.conftest import ETHAN, World
from tests.tools.outcomes.test_receipt_expenses import FARE, _days

pytestmark = pytest.mark.anyio


def _old(path: Path) -> Path:
    """Written a minute ago: settled, not still being copied in."""
    stamp = path.stat().st_mtime - 60
    os.utime(path, (stamp, stamp))
    return path


def _watcher(world: World, store: Store, folder: Path) -> ReceiptFolder:
    return ReceiptFolder(
        folder,
        world.ctx(ETHAN),
        ApprovalStore(store),
        WatchState(store, 4477001),
        owner="ethan",
    )


async def test_new_files_become_proposals_once_even_after_a_restart(
    app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = World(app)
    single, several = await _days(world)
    folder = tmp_path / "receipts"
    folder.mkdir()
    monkeypatch.setenv("HARVESTKIT_RECEIPT_DIR", str(folder))
    taxi, total = simple_receipt("CITY CAB CO", FARE, single)
    (folder / "taxi.png").write_bytes(taxi)
    lunch = [("Lunch special", Decimal("24.50")), ("Espresso", Decimal("3.20"))]
    (folder / "dinner.png").write_bytes(simple_receipt("Blue Door Bistro", lunch, several)[0])
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n not really")
    (folder / ".partial").write_bytes(b"ignored")
    for name in ("taxi.png", "dinner.png", "broken.pdf"):
        _old(folder / name)
    store = Store(f"sqlite:///{tmp_path / 'hk.sqlite3'}")

    outcomes = {o.file: o for o in await _watcher(world, store, folder).scan()}

    assert {name: o.outcome for name, o in outcomes.items()} == {
        "taxi.png": "proposed",
        "dinner.png": "needs_answer",
        "broken.pdf": "refused",
    }
    assert outcomes["dinner.png"].question and outcomes["dinner.png"].question["key"] == "project"
    assert "damaged" in (outcomes["broken.pdf"].message or "")
    pending = ApprovalStore(store).list(state="pending")
    assert [a.id for a in pending] == [outcomes["taxi.png"].approval_id]
    plan = pending[0].plan
    assert plan["read_from_receipt"]["total"] == str(total)
    assert plan["planned_requests"][0]["body"]["spent_date"] == single.isoformat()

    # A restart (a new store object and watcher), and the taxi receipt dropped in again
    # under another name: nothing is proposed twice.
    _old(Path(shutil.copy(folder / "taxi.png", folder / "taxi-again.png")))
    restarted = Store(f"sqlite:///{tmp_path / 'hk.sqlite3'}")
    assert await _watcher(world, restarted, folder).scan() == []
    assert len(ApprovalStore(restarted).list()) == 1

    # The owner approves: exactly the plan shown runs, with the receipt attached.
    done = await approve(ApprovalStore(restarted), pending[0].id, world.ctx(ETHAN), by="ethan")
    assert done.state == "approved", done.result
    expense = done.result["expense"]
    assert expense["total_cost"] == str(total)
    stored = await world.ctx(ETHAN).harvest.call("expenses.retrieve", expense_id=expense["id"])
    assert stored.receipt is not None and stored.receipt.file_name == "taxi.png"
