"""The asynchronous request loop: limiter, auth, retries, recovery of lost creates."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, TypeVar

import httpx

from ._core import Attempts, CoreConfig, LostResponse, settle, uncertain
from ._errors import HarvestError
from ._pagination import AsyncPager, Page, parse_page, read_page
from ._ratelimit import Permit, SlotTooFar
from ._recovery import Lookup, plan_lookup
from ._request import Prepared, error_from_response, parse_result
from .operations import Operation

__all__ = ["PARSE_IN_THREAD_FROM", "AsyncCore"]

R = TypeVar("R")

PARSE_IN_THREAD_FROM = 64 * 1024
"""Bytes: a list page at least this long is decoded and validated in a worker thread."""


def _parse_page_of(op: Operation[Any], response: httpx.Response) -> Page[Any]:
    return read_page(op, response.content)


class AsyncCore:
    """Sends table rows over an ``httpx.AsyncClient``; the twin of ``SyncCore``."""

    def __init__(self, config: CoreConfig, http: httpx.AsyncClient) -> None:
        self.config = config
        self.http = http

    async def call(self, op: Operation[R], args: Mapping[str, Any]) -> R:
        """Run one non-list operation and return its parsed result."""
        prepared = self.config.prepare(op, args)
        if not op.idempotent:
            result: R = await self._create(prepared)
            return result
        response = await self._send(prepared)
        if response.is_error:
            raise error_from_response(response)
        parsed: R = parse_result(op, response)
        return parsed

    def paginate(self, op: Operation[R], args: Mapping[str, Any]) -> AsyncPager[R]:
        """A lazy pager over a list operation."""
        first = self.config.prepare(op, args)

        async def fetch(cursor: str | None) -> Page[R]:
            target = first if cursor is None else self.config.follow(first, cursor)
            response = await self._send(target)
            if response.is_error:
                raise error_from_response(response)
            if len(response.content) < PARSE_IN_THREAD_FROM:
                return parse_page(op, response.json())
            # A page of 2,000 time entries takes a tenth of a second to read: in a worker
            # thread, one record at a time (not json.loads, one call that holds the
            # interpreter's lock for 20 to 35 ms), the event loop gets its turn every few
            # milliseconds (the interpreter's switch interval) instead of waiting for it.
            return await asyncio.to_thread(_parse_page_of, op, response)

        return AsyncPager(fetch)

    async def _json(self, prepared: Prepared) -> Any:
        response = await self._send(prepared)
        if response.is_error:
            raise error_from_response(response)
        return response.json()

    async def _send(self, p: Prepared) -> httpx.Response:
        attempts = Attempts(p.op, self.config.retry)
        while True:
            token = await self.config.tokens.get_token_async()
            request = self.config.build(self.http, p, token)
            permit = await self._acquire(request, token, attempts) if p.op.host == "api" else None
            try:
                response = await self.http.send(request)
            except httpx.TransportError as exc:
                await asyncio.sleep(attempts.after_exception(request, exc))
                continue
            finally:
                if permit is not None:
                    await self.config.limiter.complete_async(permit)
            # The provider hears which token was rejected: concurrent 401s refresh once.
            if (
                attempts.may_refresh(response)
                and await self.config.tokens.refresh_async(rejected=token) != token
            ):
                continue
            delay = attempts.after_response(response)
            if delay is None:
                return self.config.revalidated(request, response)
            await asyncio.sleep(delay)

    async def _acquire(self, request: httpx.Request, token: str, attempts: Attempts) -> Permit:
        """Wait for a rate-limit slot, or raise ``RateLimitedError`` if it is too far."""
        key, allowance = self.config.limiter_key(token), attempts.slot_allowance()
        try:
            permit = await self.config.limiter.acquire_async(key, attempts.op.bucket, allowance)
        except SlotTooFar as too_far:
            raise attempts.no_slot(request, too_far) from too_far
        attempts.got_slot(permit)
        return permit

    async def _create(self, p: Prepared) -> Any:
        lookup = plan_lookup(p.op, p.json, p.path_values, datetime.now(UTC))
        before = await self._before(lookup)
        last: HarvestError | None = None
        for attempt in range(self.config.retry.max_retries + 1):
            if attempt:
                await asyncio.sleep(self.config.retry.backoff(attempt - 1))
            try:
                response = await self._send(p)
            except LostResponse as lost:
                found = await self._recover(p, lookup, before, answered=False, why=str(lost))
            else:
                if not response.is_error:
                    return parse_result(p.op, response)
                last = error_from_response(response)
                if response.status_code < 500:
                    raise last
                found = await self._recover(p, lookup, before, answered=True, why=str(last))
            if found is not None:
                return found
        raise last or uncertain(p, "retries exhausted", [])

    async def _before(self, lookup: Lookup | None) -> frozenset[Any]:
        """Ids of the records a natural-key lookup finds before the create is sent."""
        if lookup is None or lookup.keyed:
            return frozenset()
        return frozenset(item.get("id") for item in await self._items(lookup))

    async def _recover(
        self,
        p: Prepared,
        lookup: Lookup | None,
        before: frozenset[Any],
        *,
        answered: bool,
        why: str,
    ) -> Any:
        """The record the create made, or ``None`` when it provably made none."""
        if lookup is None:
            raise uncertain(p, why)
        found = await self._find(p, lookup, before, why)
        if not found and not answered:
            # No answer came back: the write may still be committing; look once more.
            await asyncio.sleep(self.config.retry.recheck_delay)
            found = await self._find(p, lookup, before, why)
        return settle(p, found, why)

    async def _find(
        self, p: Prepared, lookup: Lookup, before: frozenset[Any], why: str
    ) -> list[dict[str, Any]]:
        try:
            return lookup.claimable(await self._items(lookup), before)
        except HarvestError as exc:
            raise uncertain(p, f"{why}; the lookup failed too: {exc}") from exc

    async def _items(self, lookup: Lookup) -> list[dict[str, Any]]:
        """Every item of the lookup's list call, across pages."""
        items: list[dict[str, Any]] = []
        prepared: Prepared | None = self.config.prepare(lookup.list_op, lookup.args)
        while prepared is not None:
            data = await self._json(prepared)
            items.extend(data.get(lookup.list_op.list_key or "", []))
            link = (data.get("links") or {}).get("next")
            prepared = self.config.follow(prepared, link) if link else None
        return items
