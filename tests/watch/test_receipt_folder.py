"""A watched folder of receipts: each new file a proposal (an approval request) for its
owner; questions and unreadable files recorded; nothing repeated after a restart."""

from __future__ import annotations

import os
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from harvestkit.governance import ApprovalStore
from harvestkit.store import Store
from harvestkit.tools.approvals import approve
from harvestkit.watch import WatchConfig, WatchConfigError
from harvestkit.watch._state import WatchState
from harvestkit.watch.receipt_folder import ReceiptFolder
from tests.receipts.corpus import simple_receipt
from tests.tools.outcomes.conftest import ETHAN, NY_EVENING, World
from tests.tools.outcomes.test_receipt_expenses import FARE, _days
from tests.watch.conftest import Bed

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
    assert (
        outcomes["dinner.png"].question
        and outcomes["dinner.png"].question["key"] == "receipt_project"
    )
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


async def test_a_receipts_rule_of_the_watch_worker(
    bed: Bed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "receipts"
    folder.mkdir()
    monkeypatch.setenv("HARVESTKIT_RECEIPT_DIR", str(folder))
    taxi, _ = simple_receipt("CITY CAB CO", FARE, date(2026, 11, 16))
    (folder / "taxi.png").write_bytes(taxi)
    (folder / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n broken")
    for path in folder.iterdir():
        _old(path)
    bed.clock.set(NY_EVENING)
    worker = bed.worker(bed.config(receipts={"enabled": True, "folder": str(folder)}))
    first = await worker.poll()
    assert first.error is None and len(first.noticed) == 2
    subjects = sorted(m["Subject"] for m in bed.mail)
    assert subjects[0] == "A receipt could not be expensed"
    assert subjects[1].startswith("A receipt ")
    assert (await worker.poll()).noticed == []


def test_the_receipts_rule_needs_a_folder_inside_the_receipt_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HARVESTKIT_RECEIPT_DIR", str(tmp_path / "allowed"))
    with pytest.raises(WatchConfigError, match="must be inside HARVESTKIT_RECEIPT_DIR"):
        WatchConfig.from_dict({"rules": {"receipts": {"enabled": True, "folder": str(tmp_path)}}})
