"""The audit trail's write queue: records go in at once, a thread writes them in batches.

A tool call should not wait for the disk: it hands its record to ``submit`` and returns.
One writer thread takes everything queued so far and appends it in one transaction (one
lock, one commit for the whole batch, so a busy server commits less often, not more).
After the first record of a batch it gathers for up to ``GATHER_SECONDS`` (unless a
batch is full, or ``flush`` or ``close`` waits): a record costs a sixth as much in a
batch of twenty as alone, and the writer then takes the interpreter's lock from the
serving thread a few times a second instead of once per call.
The queue holds at most ``QUEUE_LIMIT`` records: beyond that ``submit`` waits for the
writer, which bounds what a crash can lose.

A write that fails (database gone, disk full) is retried with the same records in the same
order, so the chain never skips one; while it keeps failing, ``submit`` raises: a server
that cannot audit stops serving calls instead of serving them unrecorded.
"""

from __future__ import annotations

import atexit
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

__all__ = ["QUEUE_LIMIT", "AuditQueue", "AuditWriteError"]

QUEUE_LIMIT = 1000
"""Records waiting to be written, at most; what a crash of the process can lose."""
BATCH_LIMIT = 500
GATHER_SECONDS = 0.05
GATHER_STEP = 0.005
RETRY_SECONDS = 0.5
FLUSH_PATIENCE = 10.0

T = TypeVar("T")


class AuditWriteError(RuntimeError):
    """The audit trail cannot be written (the cause is chained)."""


class AuditQueue(Generic[T]):
    """Items submitted from any thread, written in order by ``write(batch)`` in one thread."""

    def __init__(self, write: Callable[[Sequence[T]], Any], *, limit: int = QUEUE_LIMIT) -> None:
        self._write = write
        self._limit = limit
        self._pending: deque[T] = deque()
        self._changed = threading.Condition()
        self._submitted = 0
        self._written = 0
        self._failure: BaseException | None = None
        self._closing = False
        self._hurry = 0
        """How many `flush` calls are waiting: the writer stops gathering for them."""
        self._thread = threading.Thread(target=self._run, name="harvestkit-audit", daemon=True)
        self._thread.start()
        # Interpreter exit waits for what is queued (daemon threads stop after atexit).
        atexit.register(self.close)

    def submit(self, item: T) -> None:
        """Queue `item`; wait only while the queue is full."""
        with self._changed:
            self._raise_failure()
            while len(self._pending) >= self._limit and self._failure is None:
                self._changed.wait()
            self._raise_failure()
            self._pending.append(item)
            self._submitted += 1
            if len(self._pending) in (1, BATCH_LIMIT):  # the writer waits for these only
                self._changed.notify_all()

    def flush(self) -> None:
        """Wait until everything submitted before this call is written; raise if writes
        keep failing for ``FLUSH_PATIENCE`` seconds."""
        deadline = time.monotonic() + FLUSH_PATIENCE
        with self._changed:
            target = self._submitted
            self._hurry += 1
            self._changed.notify_all()
            try:
                while self._written < target:
                    stuck = self._failure is not None and time.monotonic() > deadline
                    if stuck or not self._thread.is_alive():
                        self._raise_failure()
                        raise AuditWriteError("the audit writer has stopped")
                    self._changed.wait(RETRY_SECONDS)
            finally:
                self._hurry -= 1

    def close(self) -> None:
        """Write what is queued, then stop the thread."""
        atexit.unregister(self.close)
        with self._changed:
            self._closing = True
            self._changed.notify_all()
        self._thread.join()
        with self._changed:
            if self._pending:
                raise AuditWriteError(
                    f"{len(self._pending)} audit records could not be written"
                ) from self._failure

    def _gather(self) -> None:
        """Let a batch fill for up to ``GATHER_SECONDS``, outside the lock.

        Short sleeps rather than a timed wait on the condition: under a shifted clock
        (libfaketime, as the suite's awkward-instant runs use) a timed wait does not time
        out, and the batch would wait for ``BATCH_LIMIT`` records or a flush."""
        until = time.monotonic() + GATHER_SECONDS
        while time.monotonic() < until:
            if self._closing or self._hurry or len(self._pending) >= BATCH_LIMIT:
                return
            time.sleep(GATHER_STEP)

    def _raise_failure(self) -> None:
        if self._failure is not None:
            raise AuditWriteError(f"the audit trail cannot be written: {self._failure}") from (
                self._failure
            )

    def _run(self) -> None:
        while True:
            with self._changed:
                while not self._pending and not self._closing:
                    self._changed.wait()
                if not self._pending:
                    return
            self._gather()
            with self._changed:
                batch = [self._pending[i] for i in range(min(len(self._pending), BATCH_LIMIT))]
            try:
                self._write(batch)
            except Exception as exc:
                with self._changed:
                    self._failure = exc
                    self._changed.notify_all()
                    if self._closing:
                        return  # nothing more will come: close() reports what is left
                time.sleep(RETRY_SECONDS)
                continue
            with self._changed:
                for _ in batch:
                    self._pending.popleft()
                self._written += len(batch)
                self._failure = None
                self._changed.notify_all()
