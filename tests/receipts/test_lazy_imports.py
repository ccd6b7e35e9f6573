"""The server and the catalog start without the OCR engine, image or PDF libraries: they
load on the first receipt read."""

from __future__ import annotations

import subprocess
import sys

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
