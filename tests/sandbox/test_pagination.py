"""Pagination (API-NOTES §4) on real endpoints: cursor-style clients and page-style project
task assignments share one envelope and differ in their `next`/`previous` links."""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from starlette.testclient import TestClient

from tests.spec import assert_conforms

ENVELOPE_KEYS = [
    "per_page",
    "total_pages",
    "total_entries",
    "next_page",
    "previous_page",
    "page",
    "links",
]
RECORDS = 5


def query(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query)


def local(url: str) -> str:
    """A link as the test client requests it (links are absolute)."""
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def cursor_of(url: str) -> dict[str, Any]:
    raw = dict(query(url))["cursor"]
    decoded: dict[str, Any] = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
    return decoded


@pytest.fixture
def clients(empty: TestClient) -> list[int]:
    """Five clients, newest first as Harvest lists them."""
    ids = [
        empty.post("/v2/clients", json={"name": f"Client {i}"}).json()["id"] for i in range(RECORDS)
    ]
    return ids[::-1]


@pytest.fixture
def task_assignments(empty: TestClient) -> tuple[str, list[int]]:
    """(list path, ids in list order) of five task assignments on one project."""
    client = empty.post("/v2/clients", json={"name": "Acme"}).json()["id"]
    project = empty.post(
        "/v2/projects",
        json={
            "client_id": client,
            "name": "Site",
            "is_billable": True,
            "bill_by": "none",
            "budget_by": "none",
        },
    )
    if project.status_code != 201:
        pytest.skip(f"projects not served: {project.status_code}")
    path = f"/v2/projects/{project.json()['id']}/task_assignments"
    for i in range(RECORDS):
        task = empty.post("/v2/tasks", json={"name": f"Task {i}"}).json()["id"]
        assert empty.post(path, json={"task_id": task}).status_code == 201
    listed = empty.get(path)
    assert_conforms(listed)
    return path, [ta["id"] for ta in listed.json()["task_assignments"]]


@pytest.fixture
def time_entries(empty: TestClient, task_assignments: tuple[str, list[int]]) -> list[int]:
    """Five time entries on five days, newest day first as Harvest lists them."""
    path, _ = task_assignments
    project = int(path.split("/")[3])
    task = empty.get(path).json()["task_assignments"][0]["task"]["id"]
    ids = []
    for day in range(1, RECORDS + 1):
        entry = {
            "project_id": project,
            "task_id": task,
            "spent_date": f"2026-03-0{day}",
            "hours": day,
        }
        created = empty.post("/v2/time_entries", json=entry)
        assert created.status_code == 201, created.text
        ids.append(created.json()["id"])
    return ids[::-1]


def _style(request: pytest.FixtureRequest, style: str) -> tuple[str, str, list[int]]:
    """(list path, list key, ids in list order) for a cursor or a page endpoint."""
    if style == "cursor":
        return "/v2/clients", "clients", request.getfixturevalue("clients")
    if style == "page":
        path, ids = request.getfixturevalue("task_assignments")
        return path, "task_assignments", ids
    return "/v2/time_entries", "time_entries", request.getfixturevalue("time_entries")


STYLES = ["cursor", "page", "time_entries"]


# -- the envelope ------------------------------------------------------------------------


@pytest.mark.parametrize("style", STYLES)
def test_envelope_keys_in_harvests_order(
    style: str, empty: TestClient, request: pytest.FixtureRequest
) -> None:
    path, key, ids = _style(request, style)
    response = empty.get(f"{path}?per_page=2")
    assert_conforms(response)
    body = response.json()
    assert list(body) == [key, *ENVELOPE_KEYS]
    assert list(body["links"]) == ["first", "next", "previous", "last"]
    assert [r["id"] for r in body[key]] == ids[:2]
    assert (body["per_page"], body["total_pages"], body["total_entries"]) == (2, 3, RECORDS)
    assert (body["page"], body["next_page"], body["previous_page"]) == (1, 2, None)


@pytest.mark.parametrize("style", STYLES)
def test_first_and_last_links_are_page_links_with_ref(
    style: str, empty: TestClient, request: pytest.FixtureRequest
) -> None:
    path, _, _ = _style(request, style)
    links = empty.get(f"{path}?per_page=2").json()["links"]
    assert links["first"] == f"http://sandbox.test{path}?page=1&per_page=2&ref=first"
    assert links["last"] == f"http://sandbox.test{path}?page=3&per_page=2&ref=last"
    assert links["previous"] is None


def test_cursor_next_link_carries_an_after_cursor(empty: TestClient, clients: list[int]) -> None:
    links = empty.get("/v2/clients?per_page=2").json()["links"]
    assert [k for k, _ in query(links["next"])] == ["cursor", "per_page", "ref"]
    assert dict(query(links["next"]))["ref"] == "next_cursor"
    assert cursor_of(links["next"]) == {"after": {"id": clients[1]}}
    middle = empty.get(local(links["next"])).json()
    assert [c["id"] for c in middle["clients"]] == clients[2:4]
    # Cursor pages report page numbers only on the first and last pages.
    assert (middle["page"], middle["next_page"], middle["previous_page"]) == (None, None, None)
    assert dict(query(middle["links"]["previous"]))["ref"] == "previous_cursor"
    assert cursor_of(middle["links"]["previous"]) == {"before": {"id": clients[2]}}
    back = empty.get(local(middle["links"]["previous"])).json()
    assert [c["id"] for c in back["clients"]] == clients[:2]


def test_page_links_use_page_numbers(
    empty: TestClient, task_assignments: tuple[str, list[int]]
) -> None:
    path, ids = task_assignments
    second = empty.get(f"{path}?per_page=2&page=2")
    assert_conforms(second)
    body = second.json()
    assert [ta["id"] for ta in body["task_assignments"]] == ids[2:4]
    assert (body["page"], body["next_page"], body["previous_page"]) == (2, 3, 1)
    assert query(body["links"]["next"]) == [("page", "3"), ("per_page", "2")]
    assert query(body["links"]["previous"]) == [("page", "1"), ("per_page", "2")]


@pytest.mark.parametrize("style", STYLES)
def test_following_next_visits_every_record_once(
    style: str, empty: TestClient, request: pytest.FixtureRequest
) -> None:
    path, key, ids = _style(request, style)
    seen: list[int] = []
    url: str | None = f"{path}?per_page=2"
    pages = 0
    while url:
        response = empty.get(url)
        assert_conforms(response)
        body = response.json()
        seen += [r["id"] for r in body[key]]
        url = local(body["links"]["next"]) if body["links"]["next"] else None
        pages += 1
    assert seen == ids
    assert pages == 3
    assert body["next_page"] is None and body["page"] == 3 and body["previous_page"] == 2


@pytest.mark.parametrize("style", STYLES)
def test_last_link_reaches_the_last_page(
    style: str, empty: TestClient, request: pytest.FixtureRequest
) -> None:
    path, key, ids = _style(request, style)
    last = empty.get(local(empty.get(f"{path}?per_page=2").json()["links"]["last"])).json()
    assert [r["id"] for r in last[key]] == ids[4:]
    assert (last["page"], last["next_page"], last["previous_page"]) == (3, None, 2)
    assert last["links"]["next"] is None


def test_filters_are_kept_in_links_sorted(empty: TestClient, clients: list[int]) -> None:
    empty.patch(f"/v2/clients/{clients[0]}", json={"is_active": False})
    body = empty.get(
        "/v2/clients?per_page=1&updated_since=2000-01-01T00:00:00Z&is_active=true"
    ).json()
    assert body["total_entries"] == RECORDS - 1
    for name in ("first", "next", "last"):
        keys = [k for k, _ in query(body["links"][name])]
        assert keys == sorted(keys)
        assert ("is_active", "true") in query(body["links"][name])
        assert ("updated_since", "2000-01-01T00:00:00Z") in query(body["links"][name])
    nxt = empty.get(local(body["links"]["next"])).json()
    assert [c["id"] for c in nxt["clients"]] == [clients[2]]


def test_page_links_keep_filters_sorted(empty: TestClient, time_entries: list[int]) -> None:
    body = empty.get("/v2/time_entries?to=2026-03-04&per_page=1&from=2026-03-02").json()
    assert [e["id"] for e in body["time_entries"]] == [time_entries[1]]
    assert body["total_entries"] == 3
    assert query(body["links"]["next"]) == [
        ("from", "2026-03-02"),
        ("page", "2"),
        ("per_page", "1"),
        ("to", "2026-03-04"),
    ]
    assert query(body["links"]["last"]) == [
        ("from", "2026-03-02"),
        ("page", "3"),
        ("per_page", "1"),
        ("ref", "last"),
        ("to", "2026-03-04"),
    ]


def test_cursor_takes_precedence_over_page(empty: TestClient, clients: list[int]) -> None:
    nxt = empty.get("/v2/clients?per_page=2").json()["links"]["next"]
    cursor = dict(query(nxt))["cursor"]
    body = empty.get(f"/v2/clients?per_page=2&page=3&cursor={cursor}").json()
    assert [c["id"] for c in body["clients"]] == clients[2:4]


# -- per_page, empty lists, bad cursors -------------------------------------------------


@pytest.mark.parametrize("size", [1, 2000])
@pytest.mark.parametrize("style", STYLES)
def test_per_page_bounds_are_accepted(
    size: int, style: str, empty: TestClient, request: pytest.FixtureRequest
) -> None:
    path, key, _ = _style(request, style)
    response = empty.get(f"{path}?per_page={size}")
    assert_conforms(response)
    body = response.json()
    assert body["per_page"] == size
    assert len(body[key]) == min(size, RECORDS)
    assert body["total_pages"] == -(-RECORDS // size)


@pytest.mark.parametrize("size", ["0", "2001", "-1", "many"])
@pytest.mark.parametrize("style", STYLES)
def test_per_page_out_of_bounds_is_422(
    size: str, style: str, empty: TestClient, request: pytest.FixtureRequest
) -> None:
    path, _, _ = _style(request, style)
    response = empty.get(f"{path}?per_page={size}")
    assert response.status_code == 422
    assert response.json() == {"message": "Invalid per_page parameter"}


def test_default_per_page_is_2000(empty: TestClient, clients: list[int]) -> None:
    body = empty.get("/v2/clients").json()
    assert body["per_page"] == 2000
    assert body["links"]["first"].endswith("?page=1&per_page=2000&ref=first")


@pytest.mark.parametrize("path", ["/v2/clients", "/v2/time_entries", "/v2/projects", "/v2/users"])
def test_empty_lists(empty: TestClient, path: str) -> None:
    response = empty.get(path + "?is_active=false&from=1999-01-01&to=1999-01-02")
    if response.headers["content-type"].startswith("text/html"):
        pytest.skip(f"not served yet: GET {path}")
    assert_conforms(response)
    body = response.json()
    key = path.rsplit("/", 1)[1]
    assert body[key] == []
    assert (body["total_pages"], body["total_entries"]) == (1, 0)
    assert (body["page"], body["next_page"], body["previous_page"]) == (1, None, None)
    first, last = body["links"]["first"], body["links"]["last"]
    assert [kv for kv in query(first) if kv[0] != "ref"] == [
        kv for kv in query(last) if kv[0] != "ref"
    ]
    assert ("page", "1") in query(last)
    assert body["links"]["next"] is None and body["links"]["previous"] is None


@pytest.mark.parametrize(
    "cursor", ["garbage", "eyJzaWRld2F5cyI6eyJpZCI6MX19", "bm90IGpzb24", "eyJhZnRlciI6MX0"]
)
def test_invalid_cursor_is_422(empty: TestClient, clients: list[int], cursor: str) -> None:
    response = empty.get(f"/v2/clients?cursor={cursor}")
    assert response.status_code == 422
    assert response.json() == {"message": "Invalid cursor parameter"}


def test_cursor_past_the_end_is_an_empty_last_page(empty: TestClient, clients: list[int]) -> None:
    nxt = empty.get("/v2/clients?per_page=5").json()["links"]
    assert nxt["next"] is None
    after_last = (
        base64.urlsafe_b64encode(json.dumps({"after": {"id": clients[-1]}}).encode())
        .decode()
        .rstrip("=")
    )
    body = empty.get(f"/v2/clients?per_page=5&cursor={after_last}").json()
    assert body["clients"] == [] and body["links"]["next"] is None
