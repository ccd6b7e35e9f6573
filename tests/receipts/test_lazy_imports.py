"""The server and the catalog start without the OCR engine, image or PDF libraries: they
load on the first receipt read."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEAVY = ("rapidocr", "onnxruntime", "cv2", "numpy", "PIL", "pypdfium2", "pillow_heif")


def test_serving_does_not_import_the_receipt_reader() -> None:
    script = (
        "import sys\n"
        "import harvestkit.mcp, harvestkit.tools, harvestkit.receipts, harvestkit.cli.receipts\n"
        "from harvestkit.tools import catalog\n"
        "catalog()\n"
        f"print([m for m in {HEAVY!r} if m in sys.modules])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_reading_a_photo_needs_no_network() -> None:
    """The OCR models come from the installed wheel: a read with every socket refused works."""
    script = (
        "import socket\n"
        "def refuse(*args, **kwargs):\n"
        "    raise OSError('network used')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "from harvestkit.receipts import read\n"
        "from tests.receipts.corpus import receipt\n"
        "sample = receipt(1)\n"
        "got = read(sample.data, sample.name)\n"
        "print(got.source, got.total.value == sample.total)\n"
    )
    root = Path(__file__).parents[2]
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=root
    ).stdout
    assert out.split() == ["ocr", "True"]
