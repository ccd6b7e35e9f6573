"""A lock shared by every process on every host: Redis ``SET NX PX`` with a token.

Release deletes the key only if it still holds this holder's token, so a holder whose
lock expired can never release the next holder's lock.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["LockTimeoutError", "RedisLock"]

_RELEASE = """
if redis.call("get", KEYS[1]) == ARGV[1] then
    return redis.call("del", KEYS[1])
end
return 0
"""


class LockTimeoutError(TimeoutError):
    """The lock was not acquired within the timeout."""


class RedisLock:
    """Named mutual exclusion through one Redis server.

    ``ttl`` bounds how long a crashed holder can block others; it must exceed the
    longest critical section. The longest is a token refresh, an HTTP call whose connect
    and read timeouts (10 s + 30 s) could add up; the default leaves room for both.
    """

    def __init__(
        self, client: Any, *, prefix: str = "harvestkit:lock:", ttl: float = 120.0
    ) -> None:
        self._client = client
        self._prefix = prefix
        self._ttl_ms = int(ttl * 1000)

    @contextmanager
    def hold(self, name: str, *, timeout: float = 90.0) -> Iterator[None]:
        """Hold the lock called ``name`` for the duration of the block."""
        key = self._prefix + name
        token = secrets.token_hex(16)
        self._acquire(key, token, timeout)
        try:
            yield
        finally:
            self.release(key, token)

    def _acquire(self, key: str, token: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        pause = 0.002
        while not self._client.set(key, token, nx=True, px=self._ttl_ms):
            if time.monotonic() >= deadline:
                raise LockTimeoutError(f"could not take lock {key!r} within {timeout} s")
            time.sleep(pause)
            pause = min(pause * 2, 0.05)

    def release(self, key: str, token: str) -> bool:
        """Delete ``key`` only if it still holds ``token``; say whether it did."""
        return bool(self._client.eval(_RELEASE, 1, key, token))
