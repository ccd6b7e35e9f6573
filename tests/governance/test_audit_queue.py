"""The audit trail's write queue: calls hand their record over and go on; the writer thread
appends in batches, in order, retries a failed write, and never loses what was submitted
before `close` (crash behaviour: tests/mcp/test_audit_crash.py)."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import pytest

from harvestkit.governance import AuditLog, AuditWriteError
from harvestkit.governance._audit_queue import AuditQueue
from harvestkit.store import Store
from tests.governance.test_audit import entry


def test_submitted_records_are_read_back_in_order(store: Store) -> None:
    log = AuditLog(store)
    for n in range(1, 41):
        log.submit(entry(n))
    records = log.records()  # a read of the same log waits for the queue
    assert [r.arguments["project_id"] for r in records] == list(range(1, 41))
    assert log.verify().ok
    log.close()


def test_threads_submitting_at_once_extend_one_chain(store: Store) -> None:
    log = AuditLog(store)

    def work(base: int) -> None:
        for n in range(base, base + 25):
            log.submit(entry(n))

    threads = [threading.Thread(target=work, args=(base,)) for base in (0, 100, 200, 300)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    log.close()
    verification = AuditLog(store).verify()  # another reader: close wrote everything
    assert verification.ok and verification.head_seq == 100


def test_a_burst_is_written_in_few_commits(store: Store) -> None:
    batches: list[int] = []
    log = AuditLog(store)
    original = log.append_many

    def counting(entries: Sequence[object], *, durable: bool = True) -> object:
        batches.append(len(entries))
        return original(entries, durable=durable)  # type: ignore[arg-type]

    log.append_many = counting  # type: ignore[method-assign]
    for n in range(300):
        log.submit(entry(n))
    log.close()
    assert sum(batches) == 300
    assert len(batches) < 300  # queued records share a commit


def test_a_failed_write_is_retried_in_order_and_refuses_new_records_meanwhile() -> None:
    written: list[int] = []
    failing = threading.Event()
    failing.set()
    failed_once = threading.Event()

    def write(batch: Sequence[int]) -> None:
        if failing.is_set():
            failed_once.set()
            raise OSError("disk full")
        written.extend(batch)

    queue: AuditQueue[int] = AuditQueue(write)
    queue.submit(1)
    queue.submit(2)
    assert failed_once.wait(5)
    with pytest.raises(AuditWriteError, match="disk full"):
        queue.submit(3)  # fail closed: no call runs unrecorded
    failing.clear()
    queue.flush()
    queue.submit(4)
    queue.close()
    assert written == [1, 2, 4]


def test_close_reports_records_it_could_not_write() -> None:
    def write(_batch: Sequence[int]) -> None:
        raise OSError("database gone")

    queue: AuditQueue[int] = AuditQueue(write)
    queue.submit(1)
    with pytest.raises(AuditWriteError, match="1 audit records could not be written"):
        queue.close()


def test_calls_a_few_milliseconds_apart_share_a_commit_and_flush_does_not_wait_for_more(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import time

    from harvestkit.governance import _audit_queue

    monkeypatch.setattr(_audit_queue, "GATHER_SECONDS", 2.0)  # long, so timing is plain
    batches: list[list[int]] = []
    queue: AuditQueue[int] = AuditQueue(batches.append)
    for n in range(5):  # one call's record every few milliseconds
        queue.submit(n)
        time.sleep(0.005)
    started = time.monotonic()
    queue.flush()
    assert time.monotonic() - started < 1.0  # the writer stopped gathering for the flush
    assert batches == [[0, 1, 2, 3, 4]]
    queue.close()
