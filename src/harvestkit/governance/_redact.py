"""Redaction and canonical JSON for the audit trail.

Arguments are redacted by key (anything named like a token, secret, password, key or
authorization) and by value (``Secret`` objects, bearer tokens, harvestkit API keys,
token-bearing URL query parameters), at any depth.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from ..auth import REDACTED, Secret

__all__ = ["canonical_json", "redact", "redact_text"]

_SECRET_KEY = re.compile(
    r"token|secret|passw|authorization|api[_-]?key|cookie|credential|signature|private",
    re.IGNORECASE,
)
_BEARER = re.compile(r"(?i)\b(bearer\s+)[A-Za-z0-9._~+/=-]+")
_API_KEY = re.compile(r"\bhk_[0-9a-f]{8}_[A-Za-z0-9_-]{20,}")
_SECRET_PARAM = re.compile(
    r"(?i)\b((?:access_token|refresh_token|client_secret|code|token|password|api_key)=)[^&#\s]*"
)


def redact_text(text: str) -> str:
    """``text`` with bearer tokens, API keys and secret query values replaced."""
    text = _BEARER.sub(rf"\g<1>{REDACTED}", text)
    text = _API_KEY.sub(REDACTED, text)
    return _SECRET_PARAM.sub(rf"\g<1>{REDACTED}", text)


def redact(value: Any) -> Any:
    """A JSON-ready copy of ``value`` with secrets replaced by ``REDACTED``."""
    if isinstance(value, Secret):
        return REDACTED
    if isinstance(value, BaseModel):
        return redact(value.model_dump(mode="json"))
    if isinstance(value, Mapping):
        return {
            str(k): REDACTED if _SECRET_KEY.search(str(k)) else redact(v) for k, v in value.items()
        }
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return [redact(v) for v in items]
    if isinstance(value, str):
        return redact_text(value)
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, (Decimal, date, datetime)):
        return str(value) if isinstance(value, Decimal) else value.isoformat()
    return redact_text(str(value))


def canonical_json(value: Any) -> str:
    """One fixed serialisation (sorted keys, no spaces, UTF-8) so hashes are reproducible."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
