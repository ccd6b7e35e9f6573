"""Every API route of the sandbox answers a well-formed request with a response that
validates against the reference spec.

One recipe per (method, path template): a request that should succeed on the `world` the
fixture builds through the API. A route the app serves without a recipe fails
`test_every_route_has_a_recipe`; a recipe for an operation the app doesn't serve yet is
skipped with the route's name. Deletes come last in the table, dependents first.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from starlette.routing import Route
from starlette.testclient import TestClient

from harvestkit.sandbox import SandboxConfig, create_app
from tests.conftest import ACCOUNT_ID, TOKEN, api_headers, sandbox_of
from tests.spec import assert_conforms, spec

SPENT = "2026-11-02"
PERIOD = {"from": "2026-11-01", "to": "2026-11-30"}
RECIPIENT = {"name": "Cleo Contact", "email": "cleo@acme.example"}


@dataclass(frozen=True)
class Recipe:
    """`path` names world records in braces (`/v2/clients/{client}`); `$name` strings in
    `body` are replaced by world ids too."""

    method: str
    path: str
    body: dict[str, Any] = field(default_factory=dict)
    sandbox_only: bool = False  # no operation in the spec: only the status is checked

    @property
    def key(self) -> tuple[str, str]:
        return self.method, template(self.path)

    def __str__(self) -> str:
        return f"{self.method} {self.path.split('?')[0]}"


def template(path: str) -> str:
    """`/v2/clients/{client}?x=1` and `/v2/clients/{clientId}` → `/v2/clients/{}`."""
    return re.sub(r"\{[^}]*\}", "{}", path.split("?")[0])


# Bodies too long for a row of the table below.
NEW_PROJECT: dict[str, Any] = {
    "client_id": "$client",
    "name": "Next",
    "is_billable": True,
    "bill_by": "Tasks",
    "budget_by": "none",
}
NEW_TIME_ENTRY: dict[str, Any] = {
    "project_id": "$project",
    "task_id": "$task",
    "spent_date": SPENT,
    "hours": 1.5,
    "notes": "Draft",
}
NEW_EXPENSE_CATEGORY: dict[str, Any] = {"name": "Mileage", "unit_name": "mile", "unit_price": 0.655}
NEW_EXPENSE: dict[str, Any] = {
    "project_id": "$project",
    "expense_category_id": "$expense_category",
    "spent_date": SPENT,
    "total_cost": 30,
}
NEW_INVOICE: dict[str, Any] = {
    "client_id": "$client",
    "subject": "November",
    "line_items": [{"kind": "Service", "description": "Design", "quantity": 3, "unit_price": 100}],
}
INVOICE_MESSAGE: dict[str, Any] = {
    "recipients": [RECIPIENT],
    "subject": "Invoice",
    "body": "Attached",
}
NEW_ESTIMATE: dict[str, Any] = {
    "client_id": "$client",
    "subject": "Phase two",
    "line_items": [{"kind": "Service", "description": "Build", "quantity": 1, "unit_price": 900}],
}
ESTIMATE_MESSAGE: dict[str, Any] = {
    "recipients": [RECIPIENT],
    "subject": "Estimate",
    "body": "Attached",
}


R = Recipe
RECIPES: list[Recipe] = [
    R("GET", "/v2/company"),
    R("PATCH", "/v2/company", {"weekly_capacity": 144000}),
    R("GET", "/v2/users"),
    R("POST", "/v2/users", {"first_name": "Nia", "last_name": "New", "email": "nia@x.example"}),
    R("GET", "/v2/users/me"),
    R("GET", "/v2/users/{member}"),
    R("PATCH", "/v2/users/{member}", {"telephone": "555-0100"}),
    R("GET", "/v2/users/me/project_assignments"),
    R("GET", "/v2/users/{member}/project_assignments"),
    R("GET", "/v2/users/{manager}/teammates"),
    R("PATCH", "/v2/users/{manager}/teammates", {"teammate_ids": ["$member"]}),
    R("GET", "/v2/users/{member}/billable_rates"),
    R("POST", "/v2/users/{member}/billable_rates", {"amount": 130}),
    R("GET", "/v2/users/{member}/billable_rates/{billable_rate}"),
    R("GET", "/v2/users/{member}/cost_rates"),
    R("POST", "/v2/users/{member}/cost_rates", {"amount": 70}),
    R("GET", "/v2/users/{member}/cost_rates/{cost_rate}"),
    R("GET", "/v2/roles"),
    R("POST", "/v2/roles", {"name": "Writers", "user_ids": ["$member"]}),
    R("GET", "/v2/roles/{role}"),
    R("PATCH", "/v2/roles/{role}", {"name": "Design"}),
    R("GET", "/v2/clients"),
    R("POST", "/v2/clients", {"name": "Brand New Co", "currency": "EUR"}),
    R("GET", "/v2/clients/{client}"),
    R("PATCH", "/v2/clients/{client}", {"address": "1 Main St"}),
    R("GET", "/v2/contacts"),
    R("POST", "/v2/contacts", {"client_id": "$client", "first_name": "Dee", "title": "CTO"}),
    R("GET", "/v2/contacts/{contact}"),
    R("PATCH", "/v2/contacts/{contact}", {"title": "CEO"}),
    R("GET", "/v2/tasks"),
    R("POST", "/v2/tasks", {"name": "Research", "default_hourly_rate": 90}),
    R("GET", "/v2/tasks/{task}"),
    R("PATCH", "/v2/tasks/{task}", {"billable_by_default": False}),
    R("GET", "/v2/projects"),
    R("POST", "/v2/projects", NEW_PROJECT),
    R("GET", "/v2/projects/{project}"),
    R("PATCH", "/v2/projects/{project}", {"notes": "Phase two"}),
    R("GET", "/v2/user_assignments"),
    R("GET", "/v2/projects/{project}/user_assignments"),
    R("POST", "/v2/projects/{project}/user_assignments", {"user_id": "$manager"}),
    R("GET", "/v2/projects/{project}/user_assignments/{user_assignment}"),
    R("PATCH", "/v2/projects/{project}/user_assignments/{user_assignment}", {"budget": 10}),
    R("GET", "/v2/task_assignments"),
    R("GET", "/v2/projects/{project}/task_assignments"),
    R("POST", "/v2/projects/{project}/task_assignments", {"task_id": "$task3"}),
    R("GET", "/v2/projects/{project}/task_assignments/{task_assignment}"),
    R("PATCH", "/v2/projects/{project}/task_assignments/{task_assignment}", {"billable": True}),
    R("GET", "/v2/time_entries"),
    R("POST", "/v2/time_entries", NEW_TIME_ENTRY),
    R("GET", "/v2/time_entries/{time_entry}"),
    R("PATCH", "/v2/time_entries/{time_entry}", {"notes": "Reviewed"}),
    R("PATCH", "/v2/time_entries/{time_entry}/restart"),
    R("PATCH", "/v2/time_entries/{running_entry}/stop"),
    R("GET", "/v2/expense_categories"),
    R("POST", "/v2/expense_categories", NEW_EXPENSE_CATEGORY),
    R("GET", "/v2/expense_categories/{expense_category}"),
    R("PATCH", "/v2/expense_categories/{expense_category}", {"name": "Food"}),
    R("GET", "/v2/expenses"),
    R("POST", "/v2/expenses", NEW_EXPENSE),
    R("GET", "/v2/expenses/{expense}"),
    R("PATCH", "/v2/expenses/{expense}", {"notes": "Client lunch"}),
    R("GET", "/v2/expenses/{receipt_expense}/receipt", sandbox_only=True),
    R("GET", "/v2/invoice_item_categories"),
    R("POST", "/v2/invoice_item_categories", {"name": "Hosting"}),
    R("GET", "/v2/invoice_item_categories/{invoice_item_category}"),
    R("PATCH", "/v2/invoice_item_categories/{invoice_item_category}", {"name": "Other"}),
    R("GET", "/v2/invoices"),
    R("POST", "/v2/invoices", NEW_INVOICE),
    R("GET", "/v2/invoices/{invoice}"),
    R("PATCH", "/v2/invoices/{invoice}", {"notes": "Thanks!"}),
    R("GET", "/v2/invoices/{invoice}/messages"),
    R("POST", "/v2/invoices/{invoice}/messages", INVOICE_MESSAGE),
    R("GET", "/v2/invoices/{invoice}/messages/new"),
    R("GET", "/v2/invoices/{invoice}/payments"),
    R("POST", "/v2/invoices/{invoice}/payments", {"amount": 20, "paid_date": SPENT}),
    R("GET", "/v2/estimate_item_categories"),
    R("POST", "/v2/estimate_item_categories", {"name": "Licences"}),
    R("GET", "/v2/estimate_item_categories/{estimate_item_category}"),
    R("PATCH", "/v2/estimate_item_categories/{estimate_item_category}", {"name": "Fees"}),
    R("GET", "/v2/estimates"),
    R("POST", "/v2/estimates", NEW_ESTIMATE),
    R("GET", "/v2/estimates/{estimate}"),
    R("PATCH", "/v2/estimates/{estimate}", {"notes": "Valid 30 days"}),
    R("GET", "/v2/estimates/{estimate}/messages"),
    R("POST", "/v2/estimates/{estimate}/messages", ESTIMATE_MESSAGE),
    R("GET", "/v2/reports/time/clients?from={from}&to={to}"),
    R("GET", "/v2/reports/time/projects?from={from}&to={to}"),
    R("GET", "/v2/reports/time/tasks?from={from}&to={to}"),
    R("GET", "/v2/reports/time/team?from={from}&to={to}"),
    R("GET", "/v2/reports/expenses/clients?from={from}&to={to}"),
    R("GET", "/v2/reports/expenses/projects?from={from}&to={to}"),
    R("GET", "/v2/reports/expenses/categories?from={from}&to={to}"),
    R("GET", "/v2/reports/expenses/team?from={from}&to={to}"),
    R("GET", "/v2/reports/uninvoiced?from={from}&to={to}"),
    R("GET", "/v2/reports/project_budget"),
    # Deletes last, dependents before what they depend on.
    R("DELETE", "/v2/time_entries/{time_entry}/external_reference"),
    R("DELETE", "/v2/time_entries/{time_entry}"),
    R("DELETE", "/v2/expenses/{expense}"),
    R("DELETE", "/v2/invoices/{invoice}/payments/{payment}"),
    R("DELETE", "/v2/invoices/{invoice}/messages/{invoice_message}"),
    R("DELETE", "/v2/invoices/{spare_invoice}"),
    R("DELETE", "/v2/estimates/{estimate}/messages/{estimate_message}"),
    R("DELETE", "/v2/estimates/{estimate}"),
    R("DELETE", "/v2/projects/{project}/task_assignments/{task_assignment2}"),
    R("DELETE", "/v2/projects/{project}/user_assignments/{user_assignment}"),
    R("DELETE", "/v2/projects/{project}"),
    R("DELETE", "/v2/tasks/{task3}"),
    R("DELETE", "/v2/contacts/{contact}"),
    R("DELETE", "/v2/clients/{spare_client}"),
    R("DELETE", "/v2/expense_categories/{spare_expense_category}"),
    R("DELETE", "/v2/invoice_item_categories/{invoice_item_category}"),
    R("DELETE", "/v2/estimate_item_categories/{estimate_item_category}"),
    R("DELETE", "/v2/roles/{role}"),
    R("DELETE", "/v2/users/{spare_user}"),
]


# -- the world every recipe runs on ------------------------------------------------------

# (world name, POST path, body); built in this order, later rows may use earlier ids.
WORLD: list[tuple[str, str, dict[str, Any]]] = [
    ("client", "/v2/clients", {"name": "Acme"}),
    ("spare_client", "/v2/clients", {"name": "Spare"}),
    (
        "contact",
        "/v2/contacts",
        {"client_id": "$client", "first_name": "Cleo", "email": "cleo@acme.example"},
    ),
    ("task", "/v2/tasks", {"name": "Design", "default_hourly_rate": 100}),
    ("task2", "/v2/tasks", {"name": "Testing"}),
    ("task3", "/v2/tasks", {"name": "Unassigned"}),
    (
        "project",
        "/v2/projects",
        {
            "client_id": "$client",
            "name": "Website",
            "code": "WEB",
            "is_billable": True,
            "bill_by": "Project",
            "hourly_rate": 100,
            "budget_by": "project",
            "budget": 100,
        },
    ),
    (
        "member",
        "/v2/users",
        {"first_name": "Mo", "last_name": "Member", "email": "mo@sandbox.example"},
    ),
    (
        "manager",
        "/v2/users",
        {
            "first_name": "Max",
            "last_name": "Manager",
            "email": "max@sandbox.example",
            "access_roles": ["manager"],
        },
    ),
    (
        "spare_user",
        "/v2/users",
        {"first_name": "Sam", "last_name": "Spare", "email": "sam@sandbox.example"},
    ),
    ("user_assignment", "/v2/projects/{project}/user_assignments", {"user_id": "$member"}),
    ("task_assignment", "/v2/projects/{project}/task_assignments", {"task_id": "$task"}),
    ("task_assignment2", "/v2/projects/{project}/task_assignments", {"task_id": "$task2"}),
    (
        "time_entry",
        "/v2/time_entries",
        {
            "project_id": "$project",
            "task_id": "$task",
            "spent_date": SPENT,
            "hours": 2,
            "notes": "Wireframes",
            "external_reference": {
                "id": "8",
                "group_id": "4",
                "permalink": "https://tracker.example/8",
            },
        },
    ),
    (
        "running_entry",
        "/v2/time_entries",
        {"project_id": "$project", "task_id": "$task", "spent_date": SPENT},
    ),
    ("expense_category", "/v2/expense_categories", {"name": "Meals"}),
    ("spare_expense_category", "/v2/expense_categories", {"name": "Unused"}),
    (
        "expense",
        "/v2/expenses",
        {
            "project_id": "$project",
            "expense_category_id": "$expense_category",
            "spent_date": SPENT,
            "total_cost": 12.5,
        },
    ),
    (
        "receipt_expense",
        "/v2/expenses",
        {
            "project_id": "$project",
            "expense_category_id": "$expense_category",
            "spent_date": SPENT,
            "total_cost": 8,
            "receipt": b"%PDF-1.4 receipt",
        },
    ),
    ("invoice_item_category", "/v2/invoice_item_categories", {"name": "Misc"}),
    ("estimate_item_category", "/v2/estimate_item_categories", {"name": "Misc"}),
    (
        "invoice",
        "/v2/invoices",
        {
            "client_id": "$client",
            "subject": "October",
            "line_items": [
                {"kind": "Service", "description": "Design", "quantity": 2, "unit_price": 100}
            ],
        },
    ),
    (
        "spare_invoice",
        "/v2/invoices",
        {
            "client_id": "$client",
            "subject": "Unpaid",
            "line_items": [{"kind": "Product", "unit_price": 9}],
        },
    ),
    (
        "invoice_message",
        "/v2/invoices/{invoice}/messages",
        {"recipients": [RECIPIENT], "subject": "Invoice", "body": "Please pay"},
    ),
    ("payment", "/v2/invoices/{invoice}/payments", {"amount": 50, "paid_date": SPENT}),
    (
        "estimate",
        "/v2/estimates",
        {
            "client_id": "$client",
            "subject": "Redesign",
            "line_items": [{"kind": "Service", "quantity": 1, "unit_price": 500}],
        },
    ),
    (
        "estimate_message",
        "/v2/estimates/{estimate}/messages",
        {"recipients": [RECIPIENT], "subject": "Estimate", "body": "For review"},
    ),
    ("role", "/v2/roles", {"name": "Designers", "user_ids": ["$member"]}),
    ("billable_rate", "/v2/users/{member}/billable_rates", {"amount": 120}),
    ("cost_rate", "/v2/users/{member}/cost_rates", {"amount": 60}),
]


@dataclass
class World:
    """Ids of the records built for the recipes; `failed` says why a record is missing."""

    ids: dict[str, Any]
    failed: dict[str, str]
    broken: dict[str, str] = field(default_factory=dict)  # served, but creating it failed

    def fill(self, value: Any) -> Any:
        if isinstance(value, str) and value.startswith("$"):
            return self.get(value[1:])
        if isinstance(value, dict):
            return {k: self.fill(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.fill(v) for v in value]
        return value

    def get(self, name: str) -> Any:
        if name in self.ids:
            return self.ids[name]
        if name in self.broken:
            pytest.fail(f"world record {name!r} could not be built: {self.broken[name]}")
        pytest.skip(f"world record {name!r} missing: {self.failed.get(name, 'not built')}")

    def path(self, path: str) -> str:
        names = re.findall(r"\{([^}]*)\}", path)
        return path.format(**{n: self.get(n) for n in names})


def served(app: Any) -> set[tuple[str, str]]:
    """(method, template) of every API route the app serves (not identity, not admin)."""
    out = set()
    for route in app.routes:
        if isinstance(route, Route) and route.path.startswith("/v2/"):
            for method in route.methods or ():
                if method != "HEAD":
                    out.add((method, template(route.path)))
    return out


def spec_operations() -> set[tuple[str, str]]:
    return {
        (method.upper(), template("/v2" + path))
        for path, ops in spec()["paths"].items()
        for method in ops
        if method in ("get", "post", "patch", "put", "delete")
    }


def _build_world(client: TestClient, admin_id: int) -> World:
    world = World({"admin": admin_id, **PERIOD}, {})
    for name, path, body in WORLD:
        try:
            url = world.path(path)
            payload = world.fill(body)
        except pytest.skip.Exception as missing:
            world.failed[name] = str(missing)
            continue
        except pytest.fail.Exception as broken:
            world.broken[name] = str(broken)
            continue
        if "receipt" in payload:  # receipts are uploaded as multipart form data
            receipt = payload.pop("receipt")
            files = {"receipt": ("receipt.pdf", receipt, "application/pdf")}
            response = client.post(url, data=payload, files=files)
        else:
            response = client.post(url, json=payload)
        outcome = f"POST {path} → {response.status_code} {response.text[:300]}"
        if response.status_code == 201:
            world.ids[name] = response.json()["id"]
        elif response.headers.get("content-type", "").startswith("text/html"):
            world.failed[name] = f"not served yet: {outcome[:60]}"
        else:
            world.broken[name] = outcome
    # The manager leads the member, so the teammates list has someone in it.
    if "manager" in world.ids and "member" in world.ids:
        client.patch(
            f"/v2/users/{world.ids['manager']}/teammates",
            json={"teammate_ids": [world.ids["member"]]},
        )
    return world


@pytest.fixture(scope="module")
def world_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, World]:
    path = tmp_path_factory.mktemp("conformance") / "world.sqlite3"
    app = create_app(
        SandboxConfig(
            db=str(path), seed="empty", token=TOKEN, account_id=ACCOUNT_ID, rate_limit_scale=0.001
        )
    )
    client = TestClient(app, base_url="http://sandbox.test")
    client.headers.update(api_headers())
    world = _build_world(client, app.state.sandbox.admin_id)
    app.state.sandbox.close()
    return path, world


@pytest.fixture
def world_client(
    world_template: tuple[Path, World], tmp_path: Path
) -> Iterator[tuple[TestClient, World]]:
    db = tmp_path / "world.sqlite3"
    shutil.copyfile(world_template[0], db)
    app = create_app(
        SandboxConfig(
            db=str(db), seed="empty", token=TOKEN, account_id=ACCOUNT_ID, rate_limit_scale=0.001
        )
    )
    client = TestClient(app, base_url="http://sandbox.test")
    client.headers.update(api_headers())
    yield client, world_template[1]
    app.state.sandbox.close()


# -- the tests ---------------------------------------------------------------------------


def test_one_recipe_per_route() -> None:
    keys = [r.key for r in RECIPES]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    assert not duplicates, f"more than one recipe for {duplicates}"


def test_recipes_are_the_spec_operations() -> None:
    recipes = {r.key for r in RECIPES if not r.sandbox_only}
    assert recipes - spec_operations() == set(), "recipes for operations the spec lacks"
    assert spec_operations() - recipes == set(), "spec operations without a recipe"


def test_every_route_has_a_recipe(empty_app: Any) -> None:
    missing = served(empty_app) - {r.key for r in RECIPES}
    assert not missing, "routes without a conformance recipe: " + ", ".join(
        f"{m} {p}" for m, p in sorted(missing, key=lambda k: (k[1], k[0]))
    )
    stale = {r.key for r in RECIPES if r.sandbox_only} - served(empty_app)
    assert not stale, f"sandbox-only recipes for routes the app no longer serves: {stale}"


def test_deletes_run_last() -> None:
    methods = [r.method for r in RECIPES]
    first_delete = methods.index("DELETE")
    assert set(methods[first_delete:]) == {"DELETE"}


@pytest.mark.parametrize("recipe", RECIPES, ids=str)
def test_recipe_conforms(recipe: Recipe, world_client: tuple[TestClient, World]) -> None:
    client, world = world_client
    if recipe.key not in served(client.app):
        pytest.skip(f"not served yet: {recipe}")
    url = world.path(recipe.path)
    body = world.fill(recipe.body)
    if recipe.method in ("POST", "PATCH"):
        response = client.request(recipe.method, url, json=body)
    else:
        response = client.request(recipe.method, url)
    expected = 201 if recipe.method == "POST" else 200
    assert response.status_code == expected, f"{recipe}: {response.status_code} {response.text}"
    if not recipe.sandbox_only:
        assert_conforms(response)


DEMO_READS = [
    r
    for r in RECIPES
    if r.method == "GET" and not set(re.findall(r"\{([^}]*)\}", r.path)) - {"from", "to"}
]


@pytest.mark.parametrize("recipe", DEMO_READS, ids=str)
def test_demo_reads_conform(recipe: Recipe, demo: TestClient) -> None:
    """The demo company's richer data (paid invoices, running timers, rates) conforms too."""
    if recipe.key not in served(demo.app):
        pytest.skip(f"not served yet: {recipe}")
    # Reports over the demo's whole history (reports allow at most a year).
    today = sandbox_of(demo).clock.now().date()
    period = {"from": (today - timedelta(days=360)).isoformat(), "to": today.isoformat()}
    response = demo.get(recipe.path.format(**period))
    assert response.status_code == 200, f"{recipe}: {response.status_code} {response.text}"
    assert_conforms(response)
    if recipe.path.startswith("/v2/reports"):
        assert response.json()["results"], f"{recipe}: the demo should have data to report"
