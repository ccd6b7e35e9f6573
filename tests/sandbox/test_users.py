"""Users: create/read/update/delete, validation, archive, people managers and teammates."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import insert
from starlette.testclient import TestClient

from harvestkit.sandbox import tables
from tests.conftest import as_user, sandbox_of
from tests.spec import assert_conforms

NOT_AUTHORIZED = {"message": "Not authorized!"}


def _user(client: TestClient, first: str = "Jim", **fields: Any) -> dict[str, Any]:
    body = {"first_name": first, "last_name": "Allen", "email": f"{first.lower()}@x.example"}
    response = client.post("/v2/users", json={**body, **fields})
    assert response.status_code == 201, response.text
    user: dict[str, Any] = response.json()
    return user


def _people_manager(client: TestClient) -> tuple[dict[str, Any], dict[str, Any], TestClient]:
    """A manager with one teammate, and a client acting as the manager."""
    manager = _user(client, "Maya", access_roles=["manager"])
    teammate = _user(client, "Tom")
    client.patch(f"/v2/users/{manager['id']}/teammates", json={"teammate_ids": [teammate["id"]]})
    return manager, teammate, as_user(client, manager["id"])


def test_create_applies_harvest_defaults(empty: TestClient) -> None:
    response = empty.post(
        "/v2/users", json={"first_name": "Jim", "last_name": "Allen", "email": "jim@x.example"}
    )
    assert response.status_code == 201
    assert_conforms(response)
    user = response.json()
    assert response.headers["location"].endswith(f"/api/v2/users/{user['id']}")
    assert user["timezone"] == "Eastern Time (US & Canada)"  # the company's
    assert user["weekly_capacity"] == 126000  # the company's
    assert user["access_roles"] == ["member"]
    assert (user["roles"], user["is_active"], user["is_contractor"]) == ([], True, False)
    assert (user["default_hourly_rate"], user["cost_rate"]) == (None, None)
    assert list(user) == [
        "id",
        "first_name",
        "last_name",
        "email",
        "telephone",
        "timezone",
        "has_access_to_all_future_projects",
        "is_contractor",
        "is_active",
        "created_at",
        "updated_at",
        "weekly_capacity",
        "default_hourly_rate",
        "cost_rate",
        "roles",
        "access_roles",
        "avatar_url",
    ]


def test_create_with_rates_opens_the_rate_histories(empty: TestClient) -> None:
    user = _user(empty, default_hourly_rate=120, cost_rate=60)
    assert (user["default_hourly_rate"], user["cost_rate"]) == (120.0, 60.0)
    rates = empty.get(f"/v2/users/{user['id']}/billable_rates").json()["billable_rates"]
    assert [(r["amount"], r["start_date"], r["end_date"]) for r in rates] == [(120.0, None, None)]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "First name can't be blank, Last name can't be blank, Email can't be blank"),
        ({"first_name": "A", "last_name": "B"}, "Email can't be blank"),
        ({"first_name": "A", "last_name": "B", "email": "nope"}, "Email is invalid"),
        (
            {"first_name": "A", "last_name": "B", "email": "a@x.example", "timezone": "Mars"},
            "Timezone is not included in the list",
        ),
        (
            {"first_name": "A", "last_name": "B", "email": "a@x.example", "weekly_capacity": -5},
            "Weekly capacity must be between 0 and 604800",
        ),
        (
            {"first_name": "A", "last_name": "B", "email": "a@x.example", "is_contractor": "?"},
            "Is contractor is not a boolean",
        ),
    ],
)
def test_create_validation(empty: TestClient, body: dict[str, Any], message: str) -> None:
    response = empty.post("/v2/users", json=body)
    assert (response.status_code, response.json()) == (422, {"message": message})


def test_email_must_be_unique_ignoring_case(empty: TestClient) -> None:
    _user(empty, "Jim")
    response = empty.post(
        "/v2/users", json={"first_name": "J", "last_name": "A", "email": "JIM@x.example"}
    )
    assert (response.status_code, response.json()) == (
        422,
        {"message": "Email has already been taken"},
    )


@pytest.mark.parametrize(
    ("access_roles", "expected"),
    [
        (["administrator"], ["administrator"]),
        (
            ["manager", "project_creator", "estimates_manager"],
            ["manager", "project_creator", "estimates_manager"],
        ),
        (["member", "people_manager"], ["member"]),  # derived, never stored
        ([], 422),
        (["administrator", "member"], 422),
        (["member", "project_creator"], 422),
        (["manager", "superuser"], 422),
    ],
)
def test_access_roles_validation(
    empty: TestClient, access_roles: list[str], expected: list[str] | int
) -> None:
    response = empty.post(
        "/v2/users",
        json={
            "first_name": "A",
            "last_name": "B",
            "email": "a@x.example",
            "access_roles": access_roles,
        },
    )
    if isinstance(expected, int):
        assert response.status_code == expected
        assert response.json()["message"].startswith("Access roles")
    else:
        assert response.json()["access_roles"] == expected


def test_timezone_accepts_harvest_names(empty: TestClient) -> None:
    assert _user(empty, timezone="London")["timezone"] == "London"


def test_list_is_newest_first_with_filters_and_cursor(empty: TestClient) -> None:
    sandbox_of(empty).clock.set(sandbox_of(empty).clock.now().replace(year=2030))
    jim = _user(empty, "Jim")
    sandbox_of(empty).clock.advance(60)
    ann = _user(empty, "Ann", is_active=False)
    listed = empty.get("/v2/users")
    assert_conforms(listed)
    ids = [u["id"] for u in listed.json()["users"]]
    assert ids[:2] == [ann["id"], jim["id"]]
    inactive = empty.get("/v2/users?is_active=false").json()["users"]
    assert [u["id"] for u in inactive] == [ann["id"]]
    since = empty.get("/v2/users", params={"updated_since": ann["created_at"]}).json()
    assert [u["id"] for u in since["users"]] == [ann["id"]]
    first = empty.get("/v2/users?per_page=1").json()
    second = empty.get(first["links"]["next"]).json()
    assert second["users"][0]["id"] == jim["id"]


def test_me_is_the_caller(empty: TestClient) -> None:
    jim = _user(empty)
    response = as_user(empty, jim["id"]).get("/v2/users/me")
    assert response.status_code == 200
    assert_conforms(response)
    assert response.json()["id"] == jim["id"]


def test_get_one_and_unknown(empty: TestClient) -> None:
    jim = _user(empty)
    response = empty.get(f"/v2/users/{jim['id']}")
    assert_conforms(response)
    assert response.json() == jim
    assert empty.get("/v2/users/999").json() == {"status": 404, "error": "Not Found"}
    assert empty.get("/v2/users/abc").status_code == 404


def test_update_fields(empty: TestClient) -> None:
    jim = _user(empty)
    response = empty.patch(
        f"/v2/users/{jim['id']}",
        json={
            "first_name": "James",
            "telephone": "555",
            "weekly_capacity": 72000,
            "default_hourly_rate": 999,
        },
    )
    assert response.status_code == 200
    assert_conforms(response)
    body = response.json()
    assert (body["first_name"], body["telephone"], body["weekly_capacity"]) == (
        "James",
        "555",
        72000,
    )
    assert body["default_hourly_rate"] is None  # rates change through /billable_rates


def test_archive_and_restore(empty: TestClient) -> None:
    jim = _user(empty)
    jims_client = as_user(empty, jim["id"])
    archived = empty.patch(f"/v2/users/{jim['id']}", json={"is_active": False})
    assert archived.json()["is_active"] is False
    assert jims_client.get("/v2/users/me").status_code == 401  # archived people can't sign in
    renamed = empty.patch(f"/v2/users/{jim['id']}", json={"first_name": "Jimmy"})
    assert renamed.status_code == 422
    restored = empty.patch(f"/v2/users/{jim['id']}", json={"is_active": True, "first_name": "J"})
    assert (restored.json()["is_active"], restored.json()["first_name"]) == (True, "J")


def test_role_names_on_users_create_and_link_roles(empty: TestClient) -> None:
    jim = _user(empty, roles=["Developer", "Designer"])
    assert jim["roles"] == ["Developer", "Designer"]
    roles = {r["name"]: r["user_ids"] for r in empty.get("/v2/roles").json()["roles"]}
    assert roles == {"Developer": [jim["id"]], "Designer": [jim["id"]]}
    empty.patch(f"/v2/users/{jim['id']}", json={"roles": ["Designer"]})
    roles = {r["name"]: r["user_ids"] for r in empty.get("/v2/roles").json()["roles"]}
    assert roles == {"Developer": [], "Designer": [jim["id"]]}


def test_delete_without_tracked_time(empty: TestClient) -> None:
    jim = _user(empty, default_hourly_rate=10)
    response = empty.delete(f"/v2/users/{jim['id']}")
    assert response.status_code == 200
    assert_conforms(response)
    assert response.json()["id"] == jim["id"]
    assert empty.get(f"/v2/users/{jim['id']}").status_code == 404


def test_delete_refused_with_time_entries(empty: TestClient) -> None:
    jim = _user(empty)
    sandbox = sandbox_of(empty)
    now = sandbox.clock.utcnow()
    stamps = {"created_at": now, "updated_at": now}
    with sandbox.engine.begin() as conn:
        client = conn.execute(
            insert(tables.clients).values(name="C", currency="USD", statement_key="k", **stamps)
        ).inserted_primary_key[0]
        project = conn.execute(
            insert(tables.projects).values(client_id=client, name="P", **stamps)
        ).inserted_primary_key[0]
        task = conn.execute(insert(tables.tasks).values(name="T", **stamps)).inserted_primary_key[0]
        conn.execute(
            insert(tables.time_entries).values(
                spent_date=date(2026, 1, 5),
                user_id=jim["id"],
                client_id=client,
                project_id=project,
                task_id=task,
                hours_without_timer=1,
                billable=True,
                budgeted=False,
                **stamps,
            )
        )
    response = empty.delete(f"/v2/users/{jim['id']}")
    assert response.status_code == 422
    assert response.headers["hint"] == response.json()["message"]


def test_cannot_delete_yourself(empty: TestClient) -> None:
    me = empty.get("/v2/users/me").json()
    assert empty.delete(f"/v2/users/{me['id']}").status_code == 422


def test_members_see_only_themselves(empty: TestClient) -> None:
    jim, ann = _user(empty, "Jim"), _user(empty, "Ann")
    member = as_user(empty, jim["id"])
    assert member.get(f"/v2/users/{jim['id']}").status_code == 200
    assert member.get(f"/v2/users/{ann['id']}").json() == NOT_AUTHORIZED
    assert member.get("/v2/users").status_code == 403
    assert member.post("/v2/users", json={"first_name": "X"}).status_code == 403
    assert member.patch(f"/v2/users/{jim['id']}", json={"first_name": "X"}).status_code == 403


def test_people_manager_sees_and_edits_teammates(empty: TestClient) -> None:
    manager, teammate, as_manager = _people_manager(empty)
    outsider = _user(empty, "Olga")
    listed = as_manager.get("/v2/users")
    assert_conforms(listed)
    assert {u["id"] for u in listed.json()["users"]} == {manager["id"], teammate["id"]}
    assert as_manager.get(f"/v2/users/{outsider['id']}").status_code == 403
    edited = as_manager.patch(f"/v2/users/{teammate['id']}", json={"first_name": "Thomas"})
    assert edited.json()["first_name"] == "Thomas"
    assert (
        as_manager.patch(f"/v2/users/{outsider['id']}", json={"first_name": "X"}).status_code == 403
    )


@pytest.mark.parametrize(
    "body",
    [
        {"email": "t2@x.example"},
        {"is_active": False},
        {"access_roles": ["manager"]},
        {"roles": ["Boss"]},
    ],
)
def test_managers_cannot_change_email_roles_permissions_or_archive(
    empty: TestClient, body: dict[str, Any]
) -> None:
    _, teammate, as_manager = _people_manager(empty)
    response = as_manager.patch(f"/v2/users/{teammate['id']}", json=body)
    assert (response.status_code, response.json()) == (403, NOT_AUTHORIZED)


def test_managers_cannot_delete(empty: TestClient) -> None:
    _, teammate, as_manager = _people_manager(empty)
    assert as_manager.delete(f"/v2/users/{teammate['id']}").status_code == 403


def test_manager_without_teammates_cannot_list(empty: TestClient) -> None:
    manager = _user(empty, "Maya", access_roles=["manager"])
    assert as_user(empty, manager["id"]).get("/v2/users").status_code == 403


def test_rates_hidden_from_managers_without_rate_permission(empty: TestClient) -> None:
    manager = _user(empty, "Maya", access_roles=["manager"])
    teammate = _user(empty, "Tom", default_hourly_rate=100, cost_rate=50)
    empty.patch(f"/v2/users/{manager['id']}/teammates", json={"teammate_ids": [teammate["id"]]})
    seen = as_user(empty, manager["id"]).get(f"/v2/users/{teammate['id']}").json()
    assert (seen["default_hourly_rate"], seen["cost_rate"]) == (None, None)
    empty.patch(
        f"/v2/users/{manager['id']}", json={"access_roles": ["manager", "billable_rates_manager"]}
    )
    seen = as_user(empty, manager["id"]).get(f"/v2/users/{teammate['id']}").json()
    assert (seen["default_hourly_rate"], seen["cost_rate"]) == (100.0, None)


# -- teammates -------------------------------------------------------------------------------
def test_teammates_assign_list_and_people_manager_role(empty: TestClient) -> None:
    manager = _user(empty, "Maya", access_roles=["manager"])
    jim, ann = _user(empty, "Jim"), _user(empty, "Ann")
    patched = empty.patch(
        f"/v2/users/{manager['id']}/teammates", json={"teammate_ids": [jim["id"], ann["id"]]}
    )
    assert patched.status_code == 200
    assert_conforms(patched)
    assert list(patched.json()) == ["teammates"]
    assert {t["id"] for t in patched.json()["teammates"]} == {jim["id"], ann["id"]}
    listed = empty.get(f"/v2/users/{manager['id']}/teammates")
    assert_conforms(listed)
    assert listed.json()["total_entries"] == 2
    roles = empty.get(f"/v2/users/{manager['id']}").json()["access_roles"]
    assert roles == ["manager", "people_manager"]

    cleared = empty.patch(f"/v2/users/{manager['id']}/teammates", json={"teammate_ids": []})
    assert cleared.json() == {"teammates": []}
    assert empty.get(f"/v2/users/{manager['id']}").json()["access_roles"] == ["manager"]


def test_teammates_by_form_brackets(empty: TestClient) -> None:
    manager = _user(empty, "Maya", access_roles=["manager"])
    jim = _user(empty, "Jim")
    response = empty.patch(
        f"/v2/users/{manager['id']}/teammates", data={"teammate_ids[]": [str(jim["id"])]}
    )
    assert [t["id"] for t in response.json()["teammates"]] == [jim["id"]]


def test_downgraded_manager_loses_teammates(empty: TestClient) -> None:
    manager, _, _ = _people_manager(empty)
    empty.patch(f"/v2/users/{manager['id']}", json={"access_roles": ["member"]})
    empty.patch(f"/v2/users/{manager['id']}", json={"access_roles": ["manager"]})
    assert empty.get(f"/v2/users/{manager['id']}/teammates").json()["total_entries"] == 0


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "Teammate ids can't be blank"),
        ({"teammate_ids": [999]}, "Teammate ids are invalid"),
        ({"teammate_ids": ["x"]}, "Teammates is not a number"),
    ],
)
def test_teammates_validation(empty: TestClient, body: dict[str, Any], message: str) -> None:
    manager = _user(empty, "Maya", access_roles=["manager"])
    response = empty.patch(f"/v2/users/{manager['id']}/teammates", json=body)
    assert (response.status_code, response.json()) == (422, {"message": message})


def test_teammates_need_a_manager(empty: TestClient) -> None:
    jim = _user(empty)
    assert empty.get(f"/v2/users/{jim['id']}/teammates").status_code == 422
    assert (
        empty.patch(f"/v2/users/{jim['id']}/teammates", json={"teammate_ids": []}).status_code
        == 422
    )


def test_teammates_are_for_administrators(empty: TestClient) -> None:
    manager, _, as_manager = _people_manager(empty)
    assert as_manager.get(f"/v2/users/{manager['id']}/teammates").status_code == 403


def test_demo_people_managers_see_their_teams(demo: TestClient) -> None:
    listed = demo.get("/v2/users")
    assert_conforms(listed)
    people = listed.json()["users"]
    managers = [u for u in people if "people_manager" in u["access_roles"]]
    assert managers and all("manager" in u["access_roles"] for u in managers)
    for manager in managers:
        team = demo.get(f"/v2/users/{manager['id']}/teammates").json()["teammates"]
        seen = as_user(demo, manager["id"]).get("/v2/users").json()["users"]
        assert {u["id"] for u in seen} == {manager["id"], *(t["id"] for t in team)}
