"""Clients: the CRUD every resource follows, deletion rules, conventions of §2."""

from __future__ import annotations

from starlette.testclient import TestClient

from tests.spec import assert_conforms


def test_create_list_update_delete(empty: TestClient) -> None:
    created = empty.post("/v2/clients", json={"name": "Williams & Co", "currency": "EUR"})
    assert created.status_code == 201
    assert_conforms(created)
    client = created.json()
    assert created.headers["location"].endswith(f"/api/v2/clients/{client['id']}")
    assert created.headers["etag"].startswith('W/"')
    assert client["currency"] == "EUR" and client["address"] is None

    listed = empty.get("/v2/clients")
    assert_conforms(listed)
    assert [c["id"] for c in listed.json()["clients"]] == [client["id"]]
    assert list(listed.json()) == [
        "clients",
        "per_page",
        "total_pages",
        "total_entries",
        "next_page",
        "previous_page",
        "page",
        "links",
    ]

    updated = empty.patch(f"/v2/clients/{client['id']}", data={"is_active": "false"})
    assert_conforms(updated)
    assert updated.json()["is_active"] is False
    assert empty.get("/v2/clients?is_active=true").json()["total_entries"] == 0

    deleted = empty.delete(f"/v2/clients/{client['id']}")
    assert deleted.status_code == 200
    assert empty.get(f"/v2/clients/{client['id']}").json() == {"status": 404, "error": "Not Found"}


def test_company_currency_is_the_default(empty: TestClient) -> None:
    assert empty.post("/v2/clients", json={"name": "A"}).json()["currency"] == "USD"


def test_query_string_params_on_post_are_merged(empty: TestClient) -> None:
    # Harvest's own Postman collection sends create fields in the query string.
    response = empty.post("/v2/clients?name=Gary%20B.")
    assert response.status_code == 201
    assert response.json()["name"] == "Gary B."


def test_aliases_api_prefix_and_json_suffix(empty: TestClient) -> None:
    empty.post("/v2/clients", json={"name": "A"})
    assert empty.get("/api/v2/clients.json").json()["total_entries"] == 1


def test_validation_messages(empty: TestClient) -> None:
    blank = empty.post("/v2/clients", json={"is_active": True})
    assert (blank.status_code, blank.json()) == (422, {"message": "Name can't be blank"})
    bad_currency = empty.post("/v2/clients", json={"name": "A", "currency": "XYZ"})
    assert bad_currency.status_code == 422
    not_json = empty.post(
        "/v2/clients", content=b"{oops", headers={"Content-Type": "application/json"}
    )
    assert not_json.status_code == 400


def test_conditional_get_with_etag(empty: TestClient) -> None:
    first = empty.get("/v2/clients")
    again = empty.get("/v2/clients", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
