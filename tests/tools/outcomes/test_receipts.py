"""add_expense attaches receipts: as bytes, or by path only under the allowed directory."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from harvestkit.tools import ToolError
from harvestkit.tools.outcomes.add_expense import ADD_EXPENSE

from .conftest import ETHAN, World, run

pytestmark = pytest.mark.anyio

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TAXI = {"project": "Williams", "category": "travel", "amount": "18"}


async def _receipt_of(world: World, expense_id: int) -> object:
    expense = await world.ctx().harvest.call("expenses.retrieve", expense_id=expense_id)
    return expense.receipt


async def test_receipt_from_bytes(world: World) -> None:
    encoded = base64.b64encode(PDF).decode()
    made = await run(
        ADD_EXPENSE,
        world.ctx(ETHAN),
        {**TAXI, "receipt_base64": encoded, "receipt_file_name": "taxi.pdf"},
    )
    receipt = await _receipt_of(world, made.expense.id)
    assert receipt is not None
    assert (receipt.file_name, receipt.file_size, receipt.content_type) == (  # type: ignore[attr-defined]
        "taxi.pdf",
        len(PDF),
        "application/pdf",
    )


async def test_receipt_from_an_allowed_path(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "taxi.pdf").write_bytes(PDF)
    monkeypatch.setenv("HARVESTKIT_RECEIPT_DIR", str(tmp_path))
    made = await run(ADD_EXPENSE, world.ctx(ETHAN), {**TAXI, "receipt_path": "taxi.pdf"})
    receipt = await _receipt_of(world, made.expense.id)
    assert receipt is not None and receipt.file_name == "taxi.pdf"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("extra", "allowed", "message"),
    [
        ({"receipt_path": "taxi.pdf"}, False, "switched off"),
        ({"receipt_path": "/etc/passwd"}, True, "must be inside"),
        ({"receipt_path": "../outside.pdf"}, True, "must be inside"),
        ({"receipt_path": "missing.pdf"}, True, "no receipt file"),
        ({"receipt_base64": "@@@", "receipt_file_name": "x.pdf"}, True, "not valid base64"),
        ({"receipt_base64": "JVBERg=="}, True, "needs receipt_file_name"),
    ],
)
async def test_bad_receipts_write_nothing(
    world: World,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    extra: dict[str, str],
    allowed: bool,
    message: str,
) -> None:
    inside = tmp_path / "receipts"
    inside.mkdir()
    (tmp_path / "outside.pdf").write_bytes(PDF)
    if allowed:
        monkeypatch.setenv("HARVESTKIT_RECEIPT_DIR", str(inside))
    else:
        monkeypatch.delenv("HARVESTKIT_RECEIPT_DIR", raising=False)
    with pytest.raises(ToolError, match=message):
        await run(ADD_EXPENSE, world.ctx(ETHAN), {**TAXI, **extra})
    assert all(method == "GET" for method, _ in world.counter.requests)
