"""Request and response conventions of API-NOTES §2 and §6 that no single resource owns:
bracket notation, coercion, unknown parameters, JSON and form bodies, 404 shapes, ETags,
Location headers, the `/api/v2` prefix and the `.json` suffix."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from starlette.testclient import TestClient

from harvestkit.sandbox.errors import ApiError
from harvestkit.sandbox.params import nest, to_bool, to_date, to_datetime, to_decimal, to_int
from tests.spec import assert_conforms

# -- bracket notation (params.nest) ------------------------------------------------------

NESTING = [
    ("plain", [("name", "A")], {"name": "A"}),
    ("list", [("ids[]", "1"), ("ids[]", "2")], {"ids": ["1", "2"]}),
    ("hash", [("ref[id]", "8"), ("ref[permalink]", "p")], {"ref": {"id": "8", "permalink": "p"}}),
    (
        "indexed",
        [("li[0][kind]", "Service"), ("li[0][unit_price]", "5"), ("li[1][kind]", "P")],
        {"li": [{"kind": "Service", "unit_price": "5"}, {"kind": "P"}]},
    ),
    (
        "postman",
        [("li[0]id", "7"), ("li[0]_destroy", "true")],
        {"li": [{"id": "7", "_destroy": "true"}]},
    ),
    (
        "index order",
        [("li[1][a]", "second"), ("li[0][a]", "first")],
        {"li": [{"a": "first"}, {"a": "second"}]},
    ),
    (
        "ten items",
        [(f"li[{i}][a]", str(i)) for i in range(11)],
        {"li": [{"a": str(i)} for i in range(11)]},
    ),
    (
        "list of hashes",
        [("r[][name]", "A"), ("r[][name]", "B")],
        {"r": [{"name": "A"}, {"name": "B"}]},
    ),
    ("deep", [("a[b][c]", "1")], {"a": {"b": {"c": "1"}}}),
]


@pytest.mark.parametrize(
    ("pairs", "expected"), [n[1:] for n in NESTING], ids=[n[0] for n in NESTING]
)
def test_bracket_notation_nests(pairs: list[tuple[str, str]], expected: dict[str, Any]) -> None:
    assert nest(pairs) == expected


def test_conflicting_shapes_do_not_crash() -> None:
    assert nest([("a", "1"), ("a[]", "2")]) == {"a": "1"}
    assert nest([("a[]", "1"), ("a[b]", "2")]) == {"a": ["1"]}


def test_odd_keys_stay_named_params() -> None:
    # A top-level `0=x` once became a list (a 500); "²" passes str.isdigit but not int().
    assert nest([("0", "false")]) == {"0": "false"}
    assert nest([("a[²][b]", "1")]) == {"a": {"²": {"b": "1"}}}


@pytest.mark.parametrize("query", ["0=false", "1=a&0=b", "a[²][b]=1", "a[0][b]=1&a[x]=2"])
def test_odd_query_keys_are_ignored_by_endpoints(empty: TestClient, query: str) -> None:
    response = empty.get(f"/v2/clients?{query}")
    assert response.status_code == 200
    assert_conforms(response)


# -- coercion (params.to_*) --------------------------------------------------------------

COERCIONS = [
    (to_int, "12", 12),
    (to_int, " 7 ", 7),
    (to_int, 3, 3),
    (to_int, "", None),
    (to_decimal, "1.0", Decimal("1.0")),
    (to_decimal, 2.5, Decimal("2.5")),
    (to_bool, "true", True),
    (to_bool, "0", False),
    (to_bool, False, False),
    (to_date, "2019-01-24", date(2019, 1, 24)),
    (to_date, "2019-01-24T18:31:12+00:00", date(2019, 1, 24)),
    (to_date, "20170101", date(2017, 1, 1)),
    (to_datetime, "2019-01-01T05:00:00+05:00", datetime(2019, 1, 1)),
    (to_datetime, "2019-01-01T00:00:00Z", datetime(2019, 1, 1)),
]


@pytest.mark.parametrize(
    ("convert", "raw", "expected"), COERCIONS, ids=[f"{c[0].__name__}-{c[1]!r}" for c in COERCIONS]
)
def test_values_are_coerced(convert: Any, raw: Any, expected: Any) -> None:
    assert convert(raw, "field") == expected


BAD_VALUES = [
    (to_int, "abc", "Hours is not a number"),
    (to_int, True, "Hours is not a number"),
    (to_int, str(2**64), "Hours is out of range"),
    (to_decimal, "NaN", "Hours is not a number"),
    (to_decimal, "1e400", "Hours is not a number"),
    (to_bool, "maybe", "Hours is not a boolean"),
    (to_date, "2019-02-30", "Hours is not a valid date"),
    (to_datetime, "yesterday", "Hours is not a valid date time"),
    (to_datetime, "0001-01-01T00:00:00+00:01", "Hours is not a valid date time"),
    (to_datetime, "9999-12-31T23:59:59-01:00", "Hours is not a valid date time"),
]


@pytest.mark.parametrize(
    ("convert", "raw", "message"),
    BAD_VALUES,
    ids=[f"{b[0].__name__}-{b[1]!r}"[:40] for b in BAD_VALUES],
)
def test_bad_values_are_422_with_rails_messages(convert: Any, raw: Any, message: str) -> None:
    with pytest.raises(ApiError) as caught:
        convert(raw, "hours")
    assert (caught.value.status, caught.value.body) == (422, {"message": message})


# -- through real endpoints --------------------------------------------------------------


@pytest.fixture
def assigned(empty: TestClient) -> dict[str, int]:
    """A project with a task assignment, so the administrator can track time."""
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
    ).json()["id"]
    task = empty.post("/v2/tasks", json={"name": "Design"}).json()["id"]
    empty.post(f"/v2/projects/{project}/task_assignments", json={"task_id": task})
    return {"client": client, "project": project, "task": task}


def test_form_brackets_through_an_endpoint(empty: TestClient, assigned: dict[str, int]) -> None:
    form = {
        "client_id": str(assigned["client"]),
        "line_items[0][kind]": "Service",
        "line_items[0][unit_price]": "100",
        "line_items[0][quantity]": "2",
        "line_items[1]kind": "Product",
        "line_items[1]unit_price": "5.5",
    }
    created = empty.post("/v2/invoices", data=form)
    assert created.status_code == 201, created.text
    assert_conforms(created)
    lines = created.json()["line_items"]
    assert [(li["kind"], li["quantity"], li["unit_price"]) for li in lines] == [
        ("Service", 2.0, 100.0),
        ("Product", 1.0, 5.5),
    ]
    assert created.json()["amount"] == 205.5


def test_query_brackets_on_a_patch(empty: TestClient) -> None:
    """Postman sends `PATCH /v2/users/:id/teammates?teammate_ids[]=21`."""
    manager = empty.post(
        "/v2/users",
        json={
            "first_name": "Max",
            "last_name": "M",
            "email": "max@x.example",
            "access_roles": ["manager"],
        },
    ).json()["id"]
    members = [
        empty.post(
            "/v2/users", json={"first_name": f"U{i}", "last_name": "M", "email": f"u{i}@x.example"}
        ).json()["id"]
        for i in range(2)
    ]
    response = empty.patch(
        f"/v2/users/{manager}/teammates?teammate_ids[]={members[0]}&teammate_ids[]={members[1]}"
    )
    assert response.status_code == 200, response.text
    assert sorted(t["id"] for t in response.json()["teammates"]) == sorted(members)


def test_numeric_strings_and_datetime_dates(empty: TestClient, assigned: dict[str, int]) -> None:
    created = empty.post(
        "/v2/time_entries",
        json={
            "project_id": str(assigned["project"]),
            "task_id": str(assigned["task"]),
            "spent_date": "2019-01-24T18:31:12+00:00",
            "hours": "1.0",
        },
    )
    assert created.status_code == 201, created.text
    assert_conforms(created)
    assert (created.json()["spent_date"], created.json()["hours"]) == ("2019-01-24", 1.0)


def test_unknown_parameters_are_ignored(empty: TestClient) -> None:
    created = empty.post("/v2/clients", json={"name": "A", "colour": "teal", "tags": [1]})
    assert created.status_code == 201
    assert "colour" not in created.json()
    listed = empty.get("/v2/clients?colour=teal&sort=name")
    assert listed.json()["total_entries"] == 1


def test_json_and_form_bodies_are_equivalent(empty: TestClient) -> None:
    by_json = empty.post(
        "/v2/clients", json={"name": "J", "is_active": False, "currency": "EUR"}
    ).json()
    by_form = empty.post(
        "/v2/clients", data={"name": "F", "is_active": "false", "currency": "EUR"}
    ).json()
    drop = {"id", "name", "statement_key", "created_at", "updated_at"}
    assert {k: v for k, v in by_json.items() if k not in drop} == {
        k: v for k, v in by_form.items() if k not in drop
    }


def test_body_wins_over_query_on_a_clash(empty: TestClient) -> None:
    created = empty.post("/v2/clients?name=Query", json={"name": "Body"})
    assert created.json()["name"] == "Body"


def test_null_clears_a_field(empty: TestClient) -> None:
    client = empty.post("/v2/clients", json={"name": "A", "address": "1 Main St"}).json()
    patched = empty.patch(f"/v2/clients/{client['id']}", json={"address": None})
    assert patched.json()["address"] is None
    untouched = empty.patch(f"/v2/clients/{client['id']}", json={})
    assert untouched.json()["name"] == "A"


@pytest.mark.parametrize(
    ("body", "status"),
    [(b"{oops", 400), (b"[1, 2]", 400), (b"", 422)],
    ids=["malformed", "not an object", "empty"],
)
def test_bad_json_bodies(empty: TestClient, body: bytes, status: int) -> None:
    response = empty.post("/v2/clients", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == status
    assert response.json()["message"]


# -- 404 shapes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/v2/nothing", "/v2/projects//user_assignments", "/v3/clients", "/v2/clients/1/2/3", "/"],
)
def test_unknown_routes_get_the_html_page(empty: TestClient, path: str) -> None:
    response = empty.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Canʼt find page" in response.text


def test_unknown_method_on_a_known_path_is_the_html_page(empty: TestClient) -> None:
    response = empty.put("/v2/clients", json={"name": "A"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize(
    "path",
    [
        "/v2/clients/999999999",
        "/v2/clients/abc",
        "/v2/roles/%C2%B2",
        "/v2/clients/%D9%A3",
        "/v2/projects/1/user_assignments",
        "/v2/invoices/0",
        "/v2/clients/99999999999999999999999",
    ],
)
def test_unknown_records_are_json_404(empty: TestClient, path: str) -> None:
    response = empty.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    assert response.json() == {"status": 404, "error": "Not Found"}


# -- ETags, Location, aliases -----------------------------------------------------------------


def test_weak_etags_and_304(empty: TestClient) -> None:
    client = empty.post("/v2/clients", json={"name": "A"}).json()
    path = f"/v2/clients/{client['id']}"
    first = empty.get(path)
    etag = first.headers["etag"]
    assert etag.startswith('W/"') and etag.endswith('"')
    assert empty.get(path).headers["etag"] == etag  # stable while nothing changes
    cached = empty.get(path, headers={"If-None-Match": etag})
    assert (cached.status_code, cached.content) == (304, b"")
    assert cached.headers["etag"] == etag
    assert empty.get(path, headers={"If-None-Match": etag.removeprefix("W/")}).status_code == 304
    assert empty.get(path, headers={"If-None-Match": 'W/"other"'}).status_code == 200
    empty.patch(path, json={"name": "B"})
    changed = empty.get(path, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag


def test_writes_are_never_304(empty: TestClient) -> None:
    client = empty.post("/v2/clients", json={"name": "A"}).json()
    path = f"/v2/clients/{client['id']}"
    etag = empty.patch(path, json={"name": "A"}).headers["etag"]
    assert empty.patch(path, json={"name": "A"}, headers={"If-None-Match": etag}).status_code == 200


CREATES = [
    ("/v2/clients", {"name": "A"}, "clients"),
    ("/v2/tasks", {"name": "T"}, "tasks"),
    ("/v2/roles", {"name": "R"}, "roles"),
    ("/v2/expense_categories", {"name": "E"}, "expense_categories"),
    ("/v2/invoice_item_categories", {"name": "I"}, "invoice_item_categories"),
    ("/v2/estimate_item_categories", {"name": "S"}, "estimate_item_categories"),
]


@pytest.mark.parametrize(("path", "body", "resource"), CREATES, ids=[c[2] for c in CREATES])
def test_201_with_an_api_v2_location(
    empty: TestClient, path: str, body: dict[str, Any], resource: str
) -> None:
    created = empty.post(path, json=body)
    assert created.status_code == 201
    assert created.headers["location"] == (
        f"http://sandbox.test/api/v2/{resource}/{created.json()['id']}"
    )
    assert created.headers["etag"].startswith('W/"')
    assert created.headers["content-type"] == "application/json; charset=utf-8"
    # The Location works as given.
    assert empty.get(created.headers["location"]).json() == created.json()


@pytest.mark.parametrize("prefix", ["/v2", "/api/v2"])
@pytest.mark.parametrize("suffix", ["", ".json"])
def test_api_prefix_and_json_suffix(empty: TestClient, prefix: str, suffix: str) -> None:
    created = empty.post(f"{prefix}/clients{suffix}", json={"name": f"C{prefix}{suffix}"})
    assert created.status_code == 201
    client_id = created.json()["id"]
    fetched = empty.get(f"{prefix}/clients/{client_id}{suffix}")
    assert fetched.json()["id"] == client_id
    assert empty.get(f"{prefix}/users/me{suffix}").json()["email"]
    assert (
        empty.patch(f"{prefix}/clients/{client_id}{suffix}", json={"name": "Z"}).json()["name"]
        == "Z"
    )


def test_list_links_use_the_canonical_path(empty: TestClient) -> None:
    links = empty.get("/api/v2/clients.json").json()["links"]
    assert links["first"].startswith("http://sandbox.test/v2/clients?")
