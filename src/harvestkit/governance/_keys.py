"""Per-user API keys for the HTTP transport.

A key is ``hk_<prefix>_<secret>``: 8 visible characters to recognise it in ``harvestkit
keys list``, then 32 random bytes. Only the SHA-256 of the whole key is stored (the key is
random, so a fast hash is enough: there is nothing to guess), compared in constant time.
Each key resolves to one harvestkit user in one environment.

A server checks the key of every request, so a verified key is remembered in this process
(by its hash) together with the store's access version; revoking a key moves that version,
and the next request with it is read from the store again and refused.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import insert, select, update

from ..auth import Secret
from ..store import Store, api_keys, bump_access_version

__all__ = ["ApiKeyInfo", "ApiKeyStore", "InvalidApiKeyError", "KeyIdentity"]

_SCHEME = "hk"


class InvalidApiKeyError(Exception):
    """The key is malformed, unknown or revoked (the message never says which)."""


@dataclass(frozen=True)
class KeyIdentity:
    """Who a verified key acts for."""

    user: str
    env: str
    prefix: str


@dataclass(frozen=True)
class ApiKeyInfo:
    """A stored key, without its secret part."""

    prefix: str
    user: str
    env: str
    name: str
    created_at: float
    last_used_at: float | None
    revoked_at: float | None

    @property
    def active(self) -> bool:
        """Whether the key still works."""
        return self.revoked_at is None


LAST_USED_RESOLUTION = 60.0
"""Seconds: a key's ``last_used_at`` is written at most this often, not on every request."""


_REMEMBERED_LIMIT = 10_000
"""Verified keys remembered at most (then forgotten all at once, and verified again)."""


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiKeyStore:
    """Creates, lists, verifies and revokes API keys."""

    def __init__(self, store: Store, *, clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self._clock = clock
        # Key hash → (access version, identity, last_used_at as stored).
        self._verified: dict[str, tuple[int, KeyIdentity, float]] = {}

    def create(self, user: str, env: str, name: str = "") -> tuple[Secret, ApiKeyInfo]:
        """A new key for ``user`` in ``env``; the clear key is returned only this once."""
        prefix = secrets.token_hex(4)
        key = f"{_SCHEME}_{prefix}_{secrets.token_urlsafe(32)}"
        now = self._clock()
        with self.store.transaction() as conn:
            conn.execute(
                insert(api_keys).values(
                    prefix=prefix,
                    key_hash=_digest(key),
                    user=user,
                    env=env,
                    name=name,
                    created_at=now,
                )
            )
        return Secret(key), ApiKeyInfo(prefix, user, env, name, now, None, None)

    def remembered(self, key: Secret | str) -> KeyIdentity | None:
        """Who `key` acts for, if it was verified in this process, is not revoked since and
        its ``last_used_at`` is recent enough: one read of the access version, no other
        database work (so an event loop may call it). ``None``: call ``verify``."""
        clear = key.reveal() if isinstance(key, Secret) else key
        known = self._verified.get(_digest(clear))
        if known is None:
            return None
        version, identity, last_used = known
        if self._clock() - last_used >= LAST_USED_RESOLUTION:
            return None  # time to write last_used_at: verify does it
        if self.store.access_version() != version:
            return None
        return identity

    def identify(self, key: Secret | str) -> KeyIdentity:
        """``remembered``, else ``verify``."""
        known = self.remembered(key)
        return known if known is not None else self.verify(key)

    def verify(self, key: Secret | str) -> KeyIdentity:
        """The user and environment of a valid key; raises ``InvalidApiKeyError`` otherwise."""
        clear = key.reveal() if isinstance(key, Secret) else key
        parts = clear.split("_", 2)
        if len(parts) != 3 or parts[0] != _SCHEME:
            raise InvalidApiKeyError("invalid API key")
        version = self.store.access_version()  # read first: a revocation after it shows next
        t = api_keys
        query = select(t.c.key_hash, t.c.user, t.c.env, t.c.revoked_at, t.c.last_used_at).where(
            t.c.prefix == parts[1]
        )
        # A read: a flood of wrong keys opens no write transaction (and takes no write lock).
        with self.store.read() as conn:
            row = conn.execute(query).first()
        # Hash and compare even when the prefix is unknown, so timing says nothing.
        stored = row.key_hash if row is not None else _digest("")
        valid = hmac.compare_digest(stored, _digest(clear))
        if row is None or not valid or row.revoked_at is not None:
            raise InvalidApiKeyError("invalid API key")
        now = self._clock()
        last_used = row.last_used_at
        if last_used is None or now - last_used >= LAST_USED_RESOLUTION:
            with self.store.transaction() as conn:
                conn.execute(update(t).where(t.c.prefix == parts[1]).values(last_used_at=now))
            last_used = now
        identity = KeyIdentity(row.user, row.env, parts[1])
        if len(self._verified) >= _REMEMBERED_LIMIT:
            self._verified.clear()
        self._verified[stored] = (version, identity, last_used)
        return identity

    def list(self, user: str | None = None, *, include_revoked: bool = False) -> list[ApiKeyInfo]:
        """Keys (of one user if given), oldest first."""
        t = api_keys
        query = select(
            t.c.prefix,
            t.c.user,
            t.c.env,
            t.c.name,
            t.c.created_at,
            t.c.last_used_at,
            t.c.revoked_at,
        ).order_by(t.c.id)
        if user is not None:
            query = query.where(t.c.user == user)
        if not include_revoked:
            query = query.where(t.c.revoked_at.is_(None))
        with self.store.read() as conn:
            return [ApiKeyInfo(*row) for row in conn.execute(query)]

    def revoke(self, prefix: str, *, user: str | None = None) -> bool:
        """Revoke the key with ``prefix`` (only ``user``'s, if given); ``False`` if none."""
        t = api_keys
        query = update(t).where(t.c.prefix == prefix, t.c.revoked_at.is_(None))
        if user is not None:
            query = query.where(t.c.user == user)
        with self.store.transaction() as conn:
            result = conn.execute(query.values(revoked_at=self._clock()))
            if result.rowcount > 0:
                bump_access_version(conn)
        return result.rowcount > 0
