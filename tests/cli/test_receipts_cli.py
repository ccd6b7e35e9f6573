"""`harvestkit receipts read` prints JSON per file; `harvestkit receipts watch` deals with
each file once, across restarts."""

from __future__ import annotations

import json
import os
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tests.receipts.corpus import receipt, simple_receipt
from tests.store.fixtures import StoreSpec

from .helpers import run


def test_read_prints_each_receipt_as_json(tmp_path: Path) -> None:
    scan = receipt(4)  # a text PDF
    (tmp_path / scan.name).write_bytes(scan.data)
    result = run("receipts", "read", str(tmp_path / scan.name), "--category", "Transportation")
    assert result.exit_code == 0, result.output
    [got] = json.loads(result.stdout)
    assert got["total"]["value"] == str(scan.total) and got["total"]["confidence"] > 0.9
    assert got["date"]["value"] == scan.spent.isoformat()
    assert got["vendor"]["value"] == scan.vendor
    assert got["currency"]["value"] == scan.currency
    assert got["category"]["value"] == "Transportation"
    assert got["source"] == "text"


def test_read_says_which_files_could_not_be_read(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a receipt")
    result = run("receipts", "read", str(tmp_path / "notes.txt"))
    assert result.exit_code == 1
    [got] = json.loads(result.stdout)
    assert got["error"]["kind"] == "unsupported"


def test_watch_deals_with_each_file_once(
    cli_env: StoreSpec, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    monkeypatch.delenv("HARVESTKIT_RECEIPT_DIR", raising=False)
    data, _ = simple_receipt("Uber", [("Trip fare", Decimal("23.10"))], date(2026, 11, 2))
    (folder / "uber.png").write_bytes(data)
    (folder / "empty.pdf").write_bytes(b"")
    for path in folder.iterdir():
        os.utime(path, (path.stat().st_mtime - 60,) * 2)
    first = run("receipts", "watch", str(folder), "--sandbox", "--once")
    assert first.exit_code == 0, first.output
    lines = [json.loads(line) for line in first.stdout.splitlines()]
    assert sorted(line["file"] for line in lines) == ["empty.pdf", "uber.png"]
    assert {line["file"]: line["outcome"] for line in lines}["empty.pdf"] == "refused"
    again = run("receipts", "watch", str(folder), "--sandbox", "--once")
    assert again.exit_code == 0 and again.stdout == ""
