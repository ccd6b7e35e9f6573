"""Pages of a list tool: opaque cursors, and a size budget beside Harvest's page size.

A host refuses a tool result over about 25,000 tokens (100,000 bytes of JSON), and a
result carries its records twice (structured, and as a text copy). So a page keeps only
as many records as fit `PAGE_BYTES`; the rest of Harvest's page is not lost: the cursor
points at the same Harvest page and says how many of its records were already shown.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode, urlsplit

from pydantic import BaseModel

from harvestkit.api import Prepared

from .._tool import ToolError

__all__ = ["PAGE_BYTES", "decode_cursor", "encode_cursor", "first_link", "fit", "omitted"]

PAGE_BYTES = 40_000
"""JSON bytes of records one result may hold (twice that with its text copy)."""
_SKIP = "#skip="


def encode_cursor(link: str, skip: int = 0) -> str:
    """Harvest's page link (and how many of its records were shown) as an opaque token."""
    payload = f"{link}{_SKIP}{skip}" if skip else link
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, first: Prepared) -> tuple[str, int]:
    """The link inside `cursor` and the records of its page to skip, checked to continue
    the same list as `first`."""
    try:
        payload = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        payload = ""
    link, _, skip = payload.partition(_SKIP)
    if urlsplit(link).path != urlsplit(first.url).path or not (skip.isdigit() or not skip):
        raise ToolError(
            "cursor does not continue this list.",
            hint="Pass next_cursor from this tool's previous result, with the same filters, "
            "or omit cursor for the first page.",
        )
    return link, int(skip or 0)


def first_link(first: Prepared) -> str:
    """The first page's URL, as a link to come back to."""
    return f"{first.url}?{urlencode(first.query)}" if first.query else first.url


def fit(records: Sequence[Any], budget: int = PAGE_BYTES) -> int:
    """How many of `records`, from the first, fit `budget` bytes of JSON (at least one)."""
    used = 0
    for count, record in enumerate(records):
        data = record.model_dump(mode="json") if isinstance(record, BaseModel) else record
        used += len(json.dumps(data, separators=(",", ":"), ensure_ascii=False, default=str))
        if used > budget and count > 0:
            return count
    return len(records)


def omitted(shown: int, of: int) -> str:
    """The line saying what a size-cut page left out."""
    return (
        f"{of - shown} more records of this page were left out to keep the result under "
        f"{PAGE_BYTES // 1000} kB; pass next_cursor as cursor for them (response_format "
        "concise or a smaller per_page fits more per call)."
    )
