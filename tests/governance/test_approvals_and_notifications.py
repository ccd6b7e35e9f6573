"""The approvals store and the notification log, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading

from harvestkit.governance import ApprovalStore, NotificationLog
from harvestkit.store import Store


def test_a_source_proposes_once(store: Store) -> None:
    approvals = ApprovalStore(store)
    first, new = approvals.propose(
        "estimate_to_project", title="t", arguments={"estimate": "1"}, plan={"a": 1}, source="s"
    )
    again, new_again = approvals.propose(
        "estimate_to_project", title="t", arguments={"estimate": "1"}, plan={"a": 2}, source="s"
    )
    assert (new, new_again) == (True, False)
    assert again.id == first.id and again.plan == {"a": 1}
    assert [a.id for a in approvals.list(state="pending")] == [first.id]


def test_one_claim_wins(store: Store) -> None:
    approvals = ApprovalStore(store)
    proposal, _ = approvals.propose("k", title="t", arguments={}, plan=[])
    wins: list[bool] = []
    threads = [
        threading.Thread(target=lambda: wins.append(approvals.claim(proposal.id, by="x")))
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(wins) == [False, False, False, True]
    assert not approvals.decline(proposal.id, by="y")
    assert approvals.finish(proposal.id, "approved", by="x", result={"ok": True})
    final = approvals.get(proposal.id)
    assert final is not None and final.state == "approved" and final.result == {"ok": True}


def test_a_key_is_recorded_and_delivered_once(store: Store) -> None:
    log = NotificationLog(store)
    first = log.record(7, "k", rule="r", subject="s", payload={"n": 1}, channels=["a", "b"], at=1)
    assert first is not None
    assert log.record(7, "k", rule="r", subject="s", payload={}, channels=["a"], at=2) is None
    due = log.claim_due(10)
    assert sorted(d.channel for d in due) == ["a", "b"]
    assert log.claim_due(10) == []  # leased to the first caller
    log.sent(due[0].id, at=11)
    log.retry(due[1].id, error="down", at=20)
    assert log.claim_due(15) == []
    [again] = log.claim_due(20)
    assert again.channel == due[1].channel and again.attempts == 1
    assert [n.key for n in log.recent(account_id=7)] == ["k"]
