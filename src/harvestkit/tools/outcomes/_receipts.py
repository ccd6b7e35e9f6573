"""Receipt files for expenses: given as bytes, or as a path the operator allowed.

A path is read on the server's machine, so over HTTP an agent could otherwise attach any
file the server can read and send it to Harvest. Paths are accepted only under the directory
named by HARVESTKIT_RECEIPT_DIR, after resolving links.
"""

from __future__ import annotations

import base64
import binascii
import mimetypes
import os
from pathlib import Path

from harvestkit.api.types.expenses import ReceiptParams
from harvestkit.receipts import MAX_BYTES

from .._tool import ToolError

RECEIPT_DIR = "HARVESTKIT_RECEIPT_DIR"


def _content_type(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def _from_path(raw: str) -> ReceiptParams:
    allowed = os.environ.get(RECEIPT_DIR)
    if not allowed:
        raise ToolError(
            "receipt_path is switched off on this server",
            hint=f"send receipt_base64 and receipt_file_name, or set {RECEIPT_DIR} on the server",
        )
    root = Path(allowed).expanduser().resolve()
    path = Path(raw).expanduser()
    path = (path if path.is_absolute() else root / path).resolve()
    if not path.is_relative_to(root):
        raise ToolError(f"receipt_path must be inside {root}", hint="move the file there")
    if not path.is_file():
        raise ToolError(f"no receipt file at {path}")
    if path.stat().st_size > MAX_BYTES:
        raise ToolError(f"the receipt is larger than {MAX_BYTES // (1024 * 1024)} MB")
    return ReceiptParams(
        file_name=path.name, content=path.read_bytes(), content_type=_content_type(path.name)
    )


def _from_bytes(encoded: str, name: str | None) -> ReceiptParams:
    if not name:
        raise ToolError("receipt_base64 needs receipt_file_name", hint="e.g. 'taxi.pdf'")
    try:
        content = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise ToolError("receipt_base64 is not valid base64") from None
    if not content:
        raise ToolError("the receipt is empty")
    if len(content) > MAX_BYTES:
        raise ToolError(f"the receipt is larger than {MAX_BYTES // (1024 * 1024)} MB")
    return ReceiptParams(
        file_name=Path(name).name, content=content, content_type=_content_type(name)
    )


def read_receipt(path: str | None, encoded: str | None, name: str | None) -> ReceiptParams | None:
    """The receipt to upload, or None; a ToolError says what to fix."""
    if path and encoded:
        raise ToolError("give the receipt once: receipt_path or receipt_base64, not both")
    if path:
        return _from_path(path)
    if encoded:
        return _from_bytes(encoded, name)
    return None
