"""What the pages say: Activity filters, a record's detail, export, verify catching an
edited record; Connections checking a token, refusing a wrong one, revoking."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from sqlalchemy import update
from starlette.testclient import TestClient

from harvestkit.governance import AuditEntry, AuditLog, HarvestRequest
from harvestkit.store import audit_records

from .conftest import Deployment, csrf_of


def _trail(deployment: Deployment) -> None:
    audit = AuditLog(deployment.store)
    post = HarvestRequest("POST", "/v2/time_entries", 201, "r-1")
    failed = HarvestRequest("GET", "/v2/projects", 500, "r-2")
    read = HarvestRequest("GET", "/v2/projects", 200, "r-3")
    calls: list[tuple[str, str, Any, float, list[HarvestRequest]]] = [
        ("olivia", "log_time", "ok", 0.42, [post]),
        ("olivia", "budget_status", "error", 0.10, [failed]),
        ("mia", "log_time", "refused", 0.0, []),
        ("mia", "budget_status", "ok", 0.25, [read]),
    ]
    for user, tool, outcome, duration, requests in calls:
        entry = AuditEntry(
            user, "dev", tool, outcome, {"note": "<b>bold</b>"}, requests=requests,
            duration=duration,
        )  # fmt: skip
        audit.append(entry)


def test_activity_filters_and_shows_a_record(
    owner_client: TestClient, deployment: Deployment
) -> None:
    _trail(deployment)
    everything = owner_client.get("/activity").text
    assert everything.count('class="outcome-') == 4
    assert "Error rate by tool" in everything and "Median latency by tool" in everything
    only = owner_client.get("/activity", params={"person": "mia", "outcome": "ok"}).text
    assert only.count('class="outcome-') == 1 and "budget_status" in only
    detail = owner_client.get("/activity/1").text
    assert "/v2/time_entries" in detail and "r-1" in detail and "201" in detail
    assert "&lt;b&gt;bold&lt;/b&gt;" in detail and "<b>bold</b>" not in detail
    assert owner_client.get("/activity", params={"since": "yesterday-ish"}).status_code == 400


def test_export_gives_the_filtered_records(
    owner_client: TestClient, deployment: Deployment
) -> None:
    _trail(deployment)
    response = owner_client.get("/activity/export", params={"format": "csv", "tool": "log_time"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["user"], r["outcome"]) for r in rows] == [("olivia", "ok"), ("mia", "refused")]
    lines = owner_client.get("/activity/export", params={"format": "jsonl"}).text.splitlines()
    assert [json.loads(line)["seq"] for line in lines] == [1, 2, 3, 4]


def test_verify_says_intact_then_names_the_edited_record(
    owner_client: TestClient, deployment: Deployment
) -> None:
    _trail(deployment)
    intact = owner_client.get("/activity/verify").text
    assert "Intact." in intact and "4 records checked" in intact
    with deployment.store.transaction() as conn:
        conn.execute(update(audit_records).where(audit_records.c.seq == 3).values(tool="x"))
    broken = owner_client.get("/activity/verify")
    assert "Broken at record 3" in broken.text


def test_a_member_sees_only_their_own_calls(
    owner_client: TestClient, deployment: Deployment
) -> None:
    from .conftest import PASSWORD, browser, sign_in

    _trail(deployment)
    token = csrf_of(owner_client.get("/access").text)
    owner_client.post("/access/people", data={"csrf": token, "name": "mia", "password": PASSWORD})
    with browser(deployment.app) as mia:
        sign_in(mia, "mia")
        page = mia.get("/activity", params={"person": "olivia"}).text
        assert page.count('class="outcome-') == 2 and "olivia" not in page.split("<table")[-1]
        assert mia.get("/activity/1").status_code == 404


def test_connections_check_the_token_and_revoke(
    owner_client: TestClient, deployment: Deployment
) -> None:
    assert deployment.backend.demo_token is not None
    token = csrf_of(owner_client.get("/connections").text)
    wrong = owner_client.post(
        "/connections/save", data={"csrf": token, "env": "dev", "token": "hks_pat_wrong"}
    )
    assert wrong.status_code == 400 and "did not accept the token" in wrong.text
    saved = owner_client.post(
        "/connections/save",
        data={"csrf": token, "env": "dev", "token": deployment.backend.demo_token.reveal()},
    )
    assert saved.status_code == 200 and "Bright Harbor Studio" in saved.text
    assert deployment.backend.demo_token.reveal() not in saved.text
    revoked = owner_client.post("/connections/revoke", data={"csrf": token, "env": "dev"})
    assert revoked.status_code == 303
    listing = owner_client.get("/connections").text
    assert "revoked" in listing
    tested = owner_client.post("/connections/test", data={"csrf": token, "env": "dev"})
    assert tested.status_code == 400
