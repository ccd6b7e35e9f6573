"""Limits on what a write may send, checked before it is sent.

Harvest documents no limits on text length, hours or characters, and what it does with a
megabyte of notes or a NUL byte is unconfirmed. The SDK refuses them itself, the same way
everywhere (SDK, 1:1 tools, outcome tools), with ``RequestLimitError`` naming the field:

* a text value is at most ``MAX_TEXT`` characters;
* text holds no control characters except tab, line feed and carriage return;
* ``hours`` of a time entry is between 0 and ``MAX_HOURS`` (one day).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from ._errors import RequestLimitError

__all__ = ["MAX_HOURS", "MAX_TEXT", "check_body"]

MAX_TEXT = 10_000
MAX_HOURS = Decimal(24)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def check_body(op_name: str, body: Any, path: str = "") -> None:
    """Raise ``RequestLimitError`` for the first value of ``body`` over a limit."""
    if isinstance(body, dict):
        for key, value in body.items():
            where = f"{path}.{key}" if path else str(key)
            if key == "hours" and op_name.startswith("time_entries."):
                _check_hours(op_name, where, value)
            check_body(op_name, value, where)
    elif isinstance(body, list):
        for index, value in enumerate(body):
            check_body(op_name, value, f"{path}[{index}]")
    elif isinstance(body, str):
        if len(body) > MAX_TEXT:
            raise RequestLimitError(
                f"{op_name}: {path} has {len(body)} characters; at most {MAX_TEXT} are sent"
            )
        found = _CONTROL.search(body)
        if found:
            raise RequestLimitError(
                f"{op_name}: {path} holds the control character U+{ord(found.group()):04X}; "
                "only tab, line feed and carriage return are sent"
            )


def _check_hours(op_name: str, where: str, value: Any) -> None:
    if value is None:
        return
    try:
        hours = Decimal(str(value))
    except InvalidOperation:
        return  # not a number: the body model has refused it already
    if not Decimal(0) <= hours <= MAX_HOURS:
        raise RequestLimitError(
            f"{op_name}: {where} is {value}; a time entry has 0 to {MAX_HOURS} hours"
        )
