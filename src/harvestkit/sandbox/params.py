"""Request parameters the way Harvest (a Rails app) reads them (API-NOTES §2).

Query string and body are merged (the official Postman collection sends POST fields in the
query string). Form and query keys use bracket notation: `a[b]=1`, `a[]=1`, `a[0]b=1`,
`a[0][b]=1`. Values are coerced on read: `"1.0"` is a number, `"true"` a boolean, and a
datetime given for a date is cut to its date. Unknown keys are ignored by handlers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request

from .errors import ApiError, bad_request, unprocessable

_KEY_PART = re.compile(r"\[([^\]]*)\]|([^\[\]]+)")
_MISSING = object()


def _split_key(key: str) -> list[str]:
    """`line_items[0][kind]` → ["line_items", "0", "kind"]; `line_items[0]id` too."""
    return [m.group(1) if m.group(1) is not None else m.group(2) for m in _KEY_PART.finditer(key)]


def _is_index(part: str) -> bool:
    return part.isascii() and part.isdigit()  # "²".isdigit() is true, but int("²") fails


def _assign(target: dict[str, Any], parts: list[str], value: Any) -> None:
    head, rest = parts[0], parts[1:]
    if not rest:
        target[head] = value
        return
    nxt = rest[0]
    if nxt == "":  # a[]=v → list append
        bucket = target.setdefault(head, [])
        if not isinstance(bucket, list):
            return
        if len(rest) == 1:
            bucket.append(value)
        else:
            item: dict[str, Any] = {}
            bucket.append(item)
            _assign(item, rest[1:], value)
        return
    if _is_index(nxt):  # a[0]b=v → list of objects keyed by index
        index_map = target.setdefault(head, {})
        if not isinstance(index_map, dict):
            return
        _assign(index_map, rest, value)
        return
    child = target.setdefault(head, {})
    if isinstance(child, dict):
        _assign(child, rest, value)


def _lists_from_index_maps(value: Any) -> Any:
    if isinstance(value, dict):
        converted = {k: _lists_from_index_maps(v) for k, v in value.items()}
        if converted and all(_is_index(k) for k in converted):
            return [converted[k] for k in sorted(converted, key=int)]
        return converted
    if isinstance(value, list):
        return [_lists_from_index_maps(v) for v in value]
    return value


def nest(pairs: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """Flat bracket-notation pairs → nested dicts and lists."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        parts = _split_key(key)
        if parts:
            _assign(out, parts, value)
    # Only nested keys become lists: a top-level `0=x` stays a (meaningless) named param.
    return {key: _lists_from_index_maps(value) for key, value in out.items()}


async def read_params(request: Request) -> dict[str, Any]:
    """Merge query and body parameters; the body wins on a clash."""
    merged = nest(request.query_params.multi_items())
    if request.method in ("GET", "HEAD"):
        return merged
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json":
        raw = await request.body()
        if raw.strip():
            try:
                body = json.loads(raw)
            except (ValueError, UnicodeDecodeError) as exc:
                raise bad_request("There was a problem parsing the JSON body.") from exc
            if not isinstance(body, dict):
                raise bad_request("The JSON body must be an object.")
            merged.update(body)
    elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.form(max_files=10, max_fields=5000)
        merged.update(nest(form.multi_items()))
    return merged


# The getters below are named after the types they return; these aliases keep the
# builtins reachable inside the class body and its annotations.
Str = str
Int = int
Bool = bool
List = list
Dict = dict
Date = date
DateTime = datetime


class Params:
    """Typed access to merged parameters. Each getter returns None when absent;
    `has(name)` tells "absent" apart from "given as null" (null clears a field)."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = dict(data)

    def has(self, name: Str) -> Bool:
        return name in self.data

    def raw(self, name: Str) -> Any:
        return self.data.get(name)

    def str(self, name: Str) -> Str | None:
        value = self.data.get(name)
        if value is None:
            return None
        if isinstance(value, (dict, list, UploadFile)):
            raise unprocessable(f"{_label(name)} is invalid")
        if isinstance(value, bool):
            return "true" if value else "false"
        return Str(value)

    def int(self, name: Str) -> Int | None:
        return to_int(self.data.get(name), name)

    def decimal(self, name: Str) -> Decimal | None:
        return to_decimal(self.data.get(name), name)

    def bool(self, name: Str) -> Bool | None:
        return to_bool(self.data.get(name), name)

    def date(self, name: Str) -> Date | None:
        return to_date(self.data.get(name), name)

    def datetime(self, name: Str) -> DateTime | None:
        return to_datetime(self.data.get(name), name)

    def dict(self, name: Str) -> Dict[Str, Any] | None:
        value = self.data.get(name)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise unprocessable(f"{_label(name)} is invalid")
        return value

    def list(self, name: Str) -> List[Any] | None:
        value = self.data.get(name)
        if value is None:
            return None
        if isinstance(value, dict):  # a[0]=… rendered as an index map with no digits rule
            return List(value.values())
        if not isinstance(value, list):
            return [value]
        return value

    def int_list(self, name: Str) -> List[Int] | None:
        values = self.list(name)
        if values is None:
            return None
        out = [to_int(v, name) for v in values]
        return [v for v in out if v is not None]

    def required_str(self, name: Str) -> Str:
        value = self.str(name)
        if value is None or not value.strip():
            raise unprocessable(f"{_label(name)} can't be blank")
        return value

    def sub(self, name: Str) -> Params:
        return Params(self.dict(name) or {})


def _label(name: str) -> str:
    """`spent_date` → `Spent date`, as Rails names attributes in messages."""
    return name.replace("_id", "").replace("_", " ").capitalize()


label = _label


def to_int(value: Any, name: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise unprocessable(f"{_label(name)} is not a number")
    if isinstance(value, int):
        number = value
    else:
        try:
            number = int(Decimal(str(value).strip()))
        except (InvalidOperation, ValueError) as exc:
            raise unprocessable(f"{_label(name)} is not a number") from exc
    if not -(2**63) <= number < 2**63:
        raise unprocessable(f"{_label(name)} is out of range")
    return number


def to_decimal(value: Any, name: str) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise unprocessable(f"{_label(name)} is not a number")
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as exc:
        raise unprocessable(f"{_label(name)} is not a number") from exc
    if not number.is_finite() or abs(number) >= Decimal("1e12"):
        raise unprocessable(f"{_label(name)} is not a number")
    return number


_TRUE = {"true", "1", "t", "yes", "on"}
_FALSE = {"false", "0", "f", "no", "off"}


def to_bool(value: Any, name: str) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value != 0
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise unprocessable(f"{_label(name)} is not a boolean")


# Dates outside these years are refused: date arithmetic (due dates, rate end dates, time
# zones) must never fall off the calendar, and no Harvest record lives that far out.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2999


def to_date(value: Any, name: str) -> date | None:
    if value is None or value == "":
        return None
    text = str(value).strip()
    try:
        if len(text) == 8 and text.isascii() and text.isdigit():  # reports take YYYYMMDD
            parsed = date(int(text[:4]), int(text[4:6]), int(text[6:]))
        elif len(text) > 10 and text[10] in "T ":  # a datetime given for a date: keep the date
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        else:
            parsed = date.fromisoformat(text)
    except ValueError as exc:
        raise unprocessable(f"{_label(name)} is not a valid date") from exc
    if not EARLIEST_YEAR <= parsed.year <= LATEST_YEAR:
        raise unprocessable(f"{_label(name)} is not a valid date")
    return parsed


def to_datetime(value: Any, name: str) -> datetime | None:
    """An ISO 8601 datetime → naive UTC (how the store keeps timestamps)."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        if parsed.tzinfo is not None:  # 0001-01-01T00:00+00:01 falls off the calendar
            parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    except (ValueError, OverflowError) as exc:
        raise unprocessable(f"{_label(name)} is not a valid date time") from exc
    if not EARLIEST_YEAR <= parsed.year <= LATEST_YEAR:
        raise unprocessable(f"{_label(name)} is not a valid date time")
    return parsed


__all__ = [
    "ApiError",
    "Params",
    "label",
    "nest",
    "read_params",
    "to_bool",
    "to_date",
    "to_datetime",
    "to_decimal",
    "to_int",
]

del _MISSING
