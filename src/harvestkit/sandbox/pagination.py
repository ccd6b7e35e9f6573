"""List envelopes and links (API-NOTES §4).

Two styles share one envelope: `page` endpoints move by `page=N`; `cursor` endpoints hand
out opaque cursors (URL-safe base64 of `{"after":{"id":N}}` / `{"before":{"id":N}}`) in
`links.next`/`links.previous`, keep page-based `first`/`last` links, and report `page`,
`next_page` and `previous_page` only on the first and last pages. Links keep the request's
filters, parameters sorted by name as Harvest prints them.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from collections.abc import Callable, Sequence
from typing import Any, Literal
from urllib.parse import urlencode

from sqlalchemy import Row, Select, func, select
from starlette.responses import Response

from .context import Ctx
from .errors import unprocessable
from .responses import json_response

Style = Literal["page", "cursor"]
MAX_PER_PAGE = 2000
_NOT_KEPT = {"page", "cursor", "per_page", "ref", "access_token", "account_id"}


def encode_cursor(direction: str, row_id: int) -> str:
    raw = json.dumps({direction: {"id": row_id}}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, int]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        payload = json.loads(base64.urlsafe_b64decode(padded.encode()))
        ((direction, position),) = payload.items()
        if direction not in ("after", "before"):
            raise ValueError(direction)
        return direction, int(position["id"])
    except (ValueError, TypeError, KeyError, AttributeError, binascii.Error) as exc:
        raise unprocessable("Invalid cursor parameter") from exc


def per_page(ctx: Ctx, default: int = MAX_PER_PAGE) -> int:
    value = ctx.params.raw("per_page")
    if value is None or value == "":
        return default
    try:
        number = int(str(value))
    except ValueError as exc:
        raise unprocessable("Invalid per_page parameter") from exc
    if not 1 <= number <= MAX_PER_PAGE:
        raise unprocessable("Invalid per_page parameter")
    return number


def _page_number(ctx: Ctx) -> int:
    value = ctx.params.raw("page")
    if value is None or value == "":
        return 1
    try:
        number = int(str(value))
    except ValueError as exc:
        raise unprocessable("Invalid page parameter") from exc
    return max(number, 1)


class _Links:
    def __init__(self, ctx: Ctx, size: int) -> None:
        path = ctx.request.url.path
        self.base = f"{ctx.base_url}{path}"
        self.kept = [
            (k, v) for k, v in ctx.request.query_params.multi_items() if k not in _NOT_KEPT
        ]
        self.size = size

    def url(self, **extra: Any) -> str:
        pairs = [*self.kept, ("per_page", str(self.size))]
        pairs += [(k, str(v)) for k, v in extra.items()]
        return f"{self.base}?{urlencode(sorted(pairs, key=lambda kv: kv[0]))}"

    def page(self, number: int, ref: str | None = None) -> str:
        return self.url(page=number, **({"ref": ref} if ref else {}))

    def cursor(self, direction: str, row_id: int) -> str:
        ref = "next_cursor" if direction == "after" else "previous_cursor"
        return self.url(cursor=encode_cursor(direction, row_id), ref=ref)


def envelope(
    key: str,
    items: list[dict[str, Any]],
    *,
    size: int,
    total: int,
    page: int | None,
    next_page: int | None,
    previous_page: int | None,
    links: dict[str, str | None],
) -> dict[str, Any]:
    """Harvest's key order: list, per_page, total_pages, total_entries, next_page,
    previous_page, page, links."""
    return {
        key: items,
        "per_page": size,
        "total_pages": max(1, math.ceil(total / size)),
        "total_entries": total,
        "next_page": next_page,
        "previous_page": previous_page,
        "page": page,
        "links": links,
    }


def paginate(
    ctx: Ctx,
    query: Select[Any],
    *,
    key: str,
    render: Callable[[Row[Any]], dict[str, Any]],
    style: Style,
    default_per_page: int = MAX_PER_PAGE,
    rows_of: Select[Any] | None = None,
) -> Response:
    """Run an ordered `query` (which must select a table with an `id` column) and answer
    one page of it in Harvest's envelope. `rows_of`, when given, has exactly the rows of
    `query` and is cheaper to count (it leaves out what only the columns need)."""
    size = per_page(ctx, default_per_page)
    links = _Links(ctx, size)
    cursor = ctx.params.str("cursor")
    if style == "cursor" and cursor:
        return _cursor_page(ctx, query, key, render, size, links, cursor)
    counted = (query if rows_of is None else rows_of).order_by(None).subquery()
    total = ctx.conn.execute(select(func.count()).select_from(counted))
    total_entries = int(total.scalar_one())
    number = _page_number(ctx)
    pages = max(1, math.ceil(total_entries / size))
    # Past the last page there is nothing to fetch (and a huge offset would overflow SQLite).
    offset = (number - 1) * size
    rows = ctx.conn.execute(query.limit(size).offset(offset)).all() if number <= pages else []
    has_next = number < pages
    if style == "cursor":
        next_link = links.cursor("after", rows[-1].id) if has_next and rows else None
        prev_link = links.cursor("before", rows[0].id) if number > 1 and rows else None
    else:
        next_link = links.page(number + 1) if has_next else None
        prev_link = links.page(number - 1) if number > 1 else None
    body = envelope(
        key,
        [render(r) for r in rows],
        size=size,
        total=total_entries,
        page=number,
        next_page=number + 1 if has_next else None,
        previous_page=number - 1 if number > 1 else None,
        links={
            "first": links.page(1, "first"),
            "next": next_link,
            "previous": prev_link,
            "last": links.page(pages, "last"),
        },
    )
    return json_response(ctx.request, body)


def _cursor_page(
    ctx: Ctx,
    query: Select[Any],
    key: str,
    render: Callable[[Row[Any]], dict[str, Any]],
    size: int,
    links: _Links,
    cursor: str,
) -> Response:
    direction, anchor = decode_cursor(cursor)
    # Cursors only carry an id, so find the anchor in the full ordered id list; this keeps
    # every endpoint's own sort order (lists under a cursor are small: people, projects…).
    ids: Sequence[int] = [
        r[0] for r in ctx.conn.execute(query.with_only_columns(query.selected_columns.id))
    ]
    try:
        position = ids.index(anchor)
    except ValueError:
        position = -1
    if direction == "after":
        start = position + 1 if position >= 0 else len(ids)
    else:
        start = max(0, position - size) if position >= 0 else 0
    end = min(start + size, position if direction == "before" and position >= 0 else len(ids))
    window = list(ids[start:end])
    by_id = {}
    if window:
        table_id = query.selected_columns.id
        by_id = {r.id: r for r in ctx.conn.execute(query.where(table_id.in_(window)))}
    rows = [by_id[i] for i in window if i in by_id]
    total = len(ids)
    pages = max(1, math.ceil(total / size))
    is_first, is_last = start == 0, end >= total
    body = envelope(
        key,
        [render(r) for r in rows],
        size=size,
        total=total,
        page=1 if is_first else (pages if is_last else None),
        next_page=None if is_last else (2 if is_first else None),
        previous_page=(pages - 1 if pages > 1 else None) if is_last and not is_first else None,
        links={
            "first": links.page(1, "first"),
            "next": links.cursor("after", rows[-1].id) if rows and not is_last else None,
            "previous": links.cursor("before", rows[0].id) if rows and not is_first else None,
            "last": links.page(pages, "last"),
        },
    )
    return json_response(ctx.request, body)
