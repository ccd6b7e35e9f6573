"""Reports: figures checked against sums computed here over the same rows, the one-year
timeframe rule, visibility by role, and the reports rate window (§8.9, §10.24–§10.27)."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from sqlalchemy import insert, select
from starlette.testclient import TestClient

from harvestkit.sandbox import SandboxConfig, create_app, tables
from tests.conftest import ACCOUNT_ID, TOKEN, api_headers, as_user, sandbox_of
from tests.sandbox._ledger import Ledger
from tests.spec import assert_conforms

START, END = date(2026, 1, 1), date(2026, 4, 30)
RANGE = "from=20260101&to=20260430"
CENT = Decimal("0.01")


@dataclass
class World:
    """An account with two currencies, four projects, three people and random work."""

    ledger: Ledger
    ids: dict[str, int] = field(default_factory=dict)
    entries: list[dict[str, Any]] = field(default_factory=list)
    expenses: list[dict[str, Any]] = field(default_factory=list)
    currency: dict[int, str] = field(default_factory=dict)  # project → client currency
    fixed: set[int] = field(default_factory=set)


@pytest.fixture
def world(empty: TestClient) -> World:
    sandbox_of(empty).clock.set(datetime(2026, 3, 15, 12, 0))
    w = World(Ledger(empty))
    led, ids = w.ledger, w.ids
    ids["abc"], ids["globex"] = led.client("ABC Corp", "USD"), led.client("Globex", "EUR")
    projects = {
        "mw": (
            ids["abc"],
            "Marketing Website",
            {"code": "MW", "budget_by": "project", "budget": Decimal(100)},
        ),
        "portal": (
            ids["globex"],
            "Portal",
            {
                "budget_by": "project_cost",
                "cost_budget": 5000,
                "cost_budget_include_expenses": True,
                "show_budget_to_all": True,
            },
        ),
        "fixed": (ids["globex"], "Fixed Build", {"code": "FX", "is_fixed_fee": True, "fee": 2000}),
        "internal": (ids["abc"], "Internal", {"is_billable": False, "budget_by": "person"}),
    }
    for key, (client, name, values) in projects.items():
        ids[key] = led.project(client, name, **values)
        w.currency[ids[key]] = "USD" if client == ids["abc"] else "EUR"
    w.fixed.add(ids["fixed"])
    ids["admin"] = led.admin_id
    ids["manager"] = led.user("Mia", "Manager", "manager")
    ids["member"] = led.user(
        "Kim", "Allen", is_contractor=True, avatar_url="https://a.example/k.png"
    )
    led.teammate(ids["manager"], ids["member"])
    for person in ("admin", "manager", "member"):
        for key in projects:
            budget = Decimal(40) if key == "internal" else None
            led.assign(
                ids[key],
                ids[person],
                budget=budget,
                is_project_manager=person == "manager" and key == "portal",
            )
    ids["design"], ids["code"] = led.task("Design"), led.task("Programming")
    ids["invoice"] = led.invoice(ids["globex"])
    led.add(
        tables.invoice_line_items,
        invoice_id=ids["invoice"],
        project_id=ids["fixed"],
        kind="Service",
        quantity=1,
        unit_price=Decimal(500),
    )
    ids["meals"], ids["hotel"] = led.category("Meals"), led.category("Lodging")
    _fill(w, random.Random(20260315))
    return w


def _fill(w: World, rng: random.Random) -> None:
    ids = w.ids
    people, work = ["admin", "manager", "member"], ["mw", "portal", "fixed", "internal"]
    for _ in range(300):
        project = ids[rng.choice(work)]
        billable = project != ids["internal"] and rng.random() < 0.8
        row = {
            "user_id": ids[rng.choice(people)],
            "project_id": project,
            "client_id": ids["abc"] if w.currency[project] == "USD" else ids["globex"],
            "task_id": ids[rng.choice(["design", "code"])],
            "spent_date": date(2025, 12, 1) + timedelta(days=rng.randrange(180)),
            "hours_without_timer": Decimal(rng.randrange(1, 800)) / 100,
            "billable": billable,
            "budgeted": True,
            "billable_rate": rng.choice([None, Decimal(100), Decimal("87.5")])
            if billable
            else None,
            "invoice_id": ids["invoice"] if rng.random() < 0.2 else None,
            "created_at": w.ledger.now,
            "updated_at": w.ledger.now,
        }
        w.entries.append(row)
    for _ in range(80):
        project = ids[rng.choice(work)]
        row = {
            "user_id": ids[rng.choice(people)],
            "project_id": project,
            "client_id": ids["abc"] if w.currency[project] == "USD" else ids["globex"],
            "expense_category_id": ids[rng.choice(["meals", "hotel"])],
            "spent_date": date(2025, 12, 1) + timedelta(days=rng.randrange(180)),
            "total_cost": Decimal(rng.randrange(100, 50000)) / 100,
            "units": Decimal(1),
            "billable": rng.random() < 0.7,
            "invoice_id": ids["invoice"] if rng.random() < 0.2 else None,
            "created_at": w.ledger.now,
            "updated_at": w.ledger.now,
        }
        w.expenses.append(row)
    with w.ledger.sandbox.engine.begin() as conn:
        conn.execute(insert(tables.time_entries), w.entries)
        conn.execute(insert(tables.expenses), w.expenses)


# -- independent arithmetic ---------------------------------------------------------------


def _hours(entry: dict[str, Any], rounding: int | None = None) -> Decimal:
    hours: Decimal = entry.get("hours", entry["hours_without_timer"])
    if not rounding:
        return hours
    step = Decimal(rounding) / 60
    return ((hours / step).to_integral_value(ROUND_CEILING) * step).quantize(CENT)


def _in_range(row: dict[str, Any], start: date = START, end: date = END) -> bool:
    return bool(start <= row["spent_date"] <= end)


def _expected_time(
    w: World,
    subject: str,
    *,
    rounding: int | None = None,
    fixed_fee: bool = False,
    rows: list[dict[str, Any]] | None = None,
    span: tuple[date, date] = (START, END),
) -> dict[tuple[int, str], tuple[float, float, float]]:
    sums: dict[tuple[int, str], list[Decimal]] = defaultdict(lambda: [Decimal(0)] * 3)
    for e in rows if rows is not None else w.entries:
        if not _in_range(e, *span):
            continue
        hours = _hours(e, rounding)
        group = sums[(e[subject], w.currency[e["project_id"]])]
        group[0] += hours
        if e["billable"]:
            group[1] += hours
            if e["billable_rate"] is not None and (fixed_fee or e["project_id"] not in w.fixed):
                group[2] += hours * e["billable_rate"]
    return {
        k: tuple(float(v.quantize(CENT, ROUND_HALF_UP)) for v in g)  # type: ignore[misc]
        for k, g in sums.items()
    }


def _got_time(response: Any, id_key: str) -> dict[tuple[int, str], tuple[float, float, float]]:
    assert response.status_code == 200, response.text
    return {
        (r[id_key], r["currency"]): (r["total_hours"], r["billable_hours"], r["billable_amount"])
        for r in response.json()["results"]
    }


# -- time and expense reports ---------------------------------------------------------------

TIME_KINDS = [
    ("clients", "client_id"),
    ("projects", "project_id"),
    ("tasks", "task_id"),
    ("team", "user_id"),
]


@pytest.mark.parametrize(("kind", "key"), TIME_KINDS)
def test_time_report_figures(empty: TestClient, world: World, kind: str, key: str) -> None:
    response = empty.get(f"/v2/reports/time/{kind}?{RANGE}")
    assert_conforms(response)
    assert _got_time(response, key) == _expected_time(world, key)


def test_time_report_with_rounding_and_fixed_fees(empty: TestClient, world: World) -> None:
    world.ledger.company(rounding_minutes=15)
    response = empty.get(f"/v2/reports/time/projects?{RANGE}&include_fixed_fee=true")
    expected = _expected_time(world, "project_id", rounding=15, fixed_fee=True)
    assert _got_time(response, "project_id") == expected
    fixed = [r for r in response.json()["results"] if r["project_id"] == world.ids["fixed"]]
    assert fixed[0]["billable_amount"] > 0
    without = empty.get(f"/v2/reports/time/projects?{RANGE}").json()["results"]
    assert [r["billable_amount"] for r in without if r["project_id"] == world.ids["fixed"]] == [0]


def test_project_and_team_fields(empty: TestClient, world: World) -> None:
    projects = empty.get(f"/v2/reports/time/projects?{RANGE}").json()["results"]
    names = {r["project_id"]: r["project_name"] for r in projects}
    assert names[world.ids["mw"]] == "[MW] Marketing Website"
    assert names[world.ids["portal"]] == "Portal"
    assert list(projects[0]) == [
        "project_id",
        "project_name",
        "client_id",
        "client_name",
        "total_hours",
        "billable_hours",
        "currency",
        "billable_amount",
    ]
    team = empty.get(f"/v2/reports/time/team?{RANGE}")
    assert_conforms(team)
    kim = next(r for r in team.json()["results"] if r["user_id"] == world.ids["member"])
    assert (kim["user_name"], kim["is_contractor"], kim["weekly_capacity"], kim["avatar_url"]) == (
        "Kim Allen",
        True,
        126000,
        "https://a.example/k.png",
    )
    assert list(kim)[-2:] == ["weekly_capacity", "avatar_url"]


def test_results_split_per_currency_and_sorted_by_name(empty: TestClient, world: World) -> None:
    tasks = empty.get(f"/v2/reports/time/tasks?{RANGE}").json()["results"]
    assert [(r["task_name"], r["currency"]) for r in tasks] == [
        ("Design", "EUR"),
        ("Design", "USD"),
        ("Programming", "EUR"),
        ("Programming", "USD"),
    ]


EXPENSE_KINDS = [
    ("clients", "client_id"),
    ("projects", "project_id"),
    ("categories", "expense_category_id"),
    ("team", "user_id"),
]


@pytest.mark.parametrize(("kind", "key"), EXPENSE_KINDS)
def test_expense_report_figures(empty: TestClient, world: World, kind: str, key: str) -> None:
    response = empty.get(f"/v2/reports/expenses/{kind}?{RANGE}")
    assert_conforms(response)
    sums: dict[tuple[int, str], list[Decimal]] = defaultdict(lambda: [Decimal(0)] * 2)
    for e in filter(_in_range, world.expenses):
        group = sums[(e[key], world.currency[e["project_id"]])]
        group[0] += e["total_cost"]
        group[1] += e["total_cost"] if e["billable"] else 0
    expected = {k: (float(v[0]), float(v[1])) for k, v in sums.items()}
    got = {
        (r[key], r["currency"]): (r["total_amount"], r["billable_amount"])
        for r in response.json()["results"]
    }
    assert got == expected


def test_expense_project_report_names_carry_the_code(empty: TestClient, world: World) -> None:
    results = empty.get(f"/v2/reports/expenses/projects?{RANGE}").json()["results"]
    mw = next(r for r in results if r["project_id"] == world.ids["mw"])
    assert list(mw)[:4] == ["client_id", "client_name", "project_id", "project_name"]
    assert mw["project_name"] == "[MW] Marketing Website"


def test_expense_reports_follow_the_expenses_feature(empty: TestClient) -> None:
    Ledger(empty).company(expense_feature=False)
    assert empty.get(f"/v2/reports/expenses/clients?{RANGE}").status_code == 403
    assert empty.get(f"/v2/reports/time/clients?{RANGE}").status_code == 200


def test_members_see_their_own_work_without_amounts(empty: TestClient, world: World) -> None:
    member = as_user(empty, world.ids["member"])
    own = [e for e in world.entries if e["user_id"] == world.ids["member"]]
    response = member.get(f"/v2/reports/time/clients?{RANGE}")
    assert_conforms(response)
    expected = _expected_time(world, "client_id", rows=own)
    got = {
        (r["client_id"], r["billable_hours"], r["total_hours"]) for r in response.json()["results"]
    }
    assert got == {(k[0], v[1], v[0]) for k, v in expected.items()}
    assert {(r["currency"], r["billable_amount"]) for r in response.json()["results"]} == {
        (None, None)
    }


def test_expense_reports_show_members_their_own(empty: TestClient, world: World) -> None:
    member = as_user(empty, world.ids["member"])
    results = member.get(f"/v2/reports/expenses/team?{RANGE}").json()["results"]
    own = [x for x in world.expenses if x["user_id"] == world.ids["member"] and _in_range(x)]
    assert {r["user_id"] for r in results} == {world.ids["member"]}
    assert sum(Decimal(str(r["total_amount"])) for r in results) == sum(
        x["total_cost"] for x in own
    )


def test_managers_see_own_managed_projects_and_teammates(empty: TestClient, world: World) -> None:
    ids = world.ids
    manager = as_user(empty, ids["manager"])
    seen = [
        e
        for e in world.entries
        if e["user_id"] in (ids["manager"], ids["member"]) or e["project_id"] == ids["portal"]
    ]
    response = manager.get(f"/v2/reports/time/team?{RANGE}")
    got = {(r["user_id"], r["total_hours"]) for r in response.json()["results"]}
    expected = {(k[0], v[0]) for k, v in _expected_time(world, "user_id", rows=seen).items()}
    assert got == expected
    assert ids["admin"] in {user for user, _ in got}  # the admin's hours on the managed project


def test_managers_with_the_rates_permission_see_amounts(empty: TestClient, world: World) -> None:
    rates = world.ledger.user("Rae", "Rates", "manager", permissions=["billable_rates_manager"])
    results = as_user(empty, rates).get(f"/v2/reports/time/team?{RANGE}").json()["results"]
    assert results == []  # nothing of their own, but the shape is allowed
    world.ledger.teammate(rates, world.ids["member"])
    results = as_user(empty, rates).get(f"/v2/reports/time/team?{RANGE}").json()["results"]
    assert all(r["currency"] in ("USD", "EUR") for r in results) and results


# -- the timeframe ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("from=20250101&to=20260101", 200),  # 365 days
        ("from=2025-01-01&to=2026-01-02", 400),  # 366 days
        ("from=20240101&to=20250101", 400),  # leap year: Jan 1 → Jan 1 is 366 days
        ("from=20230101&to=20240101", 200),
        ("from=2026-01-01&to=2026-01-01", 200),
    ],
)
@pytest.mark.parametrize("report", ["time/clients", "expenses/team", "uninvoiced"])
def test_one_year_limit(empty: TestClient, report: str, query: str, status: int) -> None:
    response = empty.get(f"/v2/reports/{report}?{query}")
    assert response.status_code == status
    if status == 400:
        assert response.json() == {"message": "Invalid timeframe: must not exceed 1 year"}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "From can't be blank, To can't be blank"),
        ("from=20260101", "To can't be blank"),
        ("from=2026-13-01&to=20260201", "From is not a valid date"),
        ("from=20260101&to=tomorrow", "To is not a valid date"),
        (
            "from=20260101&to=20260131&include_fixed_fee=perhaps",
            "Include fixed fee is not a boolean",
        ),
    ],
)
def test_timeframe_is_required_and_valid(empty: TestClient, query: str, message: str) -> None:
    response = empty.get(f"/v2/reports/time/projects?{query}")
    assert (response.status_code, response.json()) == (422, {"message": message})


def test_pagination_links_keep_sorted_params(empty: TestClient, world: World) -> None:
    response = empty.get("/v2/reports/time/tasks?to=20260430&per_page=1&from=2026-01-01&page=2")
    assert_conforms(response)
    body = response.json()
    assert (body["per_page"], body["total_entries"], body["page"]) == (1, 4, 2)
    assert body["links"]["next"] == (
        "http://sandbox.test/v2/reports/time/tasks?from=2026-01-01&page=3&per_page=1&to=20260430"
    )
    assert empty.get(f"/v2/reports/time/tasks?{RANGE}").json()["per_page"] == 2000


# -- uninvoiced and project budget --------------------------------------------------------------


def test_uninvoiced_report(empty: TestClient, world: World) -> None:
    response = empty.get(f"/v2/reports/uninvoiced?{RANGE}")
    assert_conforms(response)
    results = {r["project_id"]: r for r in response.json()["results"]}
    assert set(results) == {world.ids["mw"], world.ids["portal"], world.ids["fixed"]}
    for project, result in results.items():
        entries = [e for e in world.entries if e["project_id"] == project and _in_range(e)]
        open_time = [e for e in entries if e["billable"] and e["invoice_id"] is None]
        open_costs = sum(
            (
                x["total_cost"]
                for x in world.expenses
                if x["project_id"] == project
                and _in_range(x)
                and x["billable"]
                and x["invoice_id"] is None
            ),
            Decimal(0),
        )
        time_amount = sum(
            (e["hours_without_timer"] * (e["billable_rate"] or 0) for e in open_time), Decimal(0)
        )
        if project in world.fixed:
            time_amount = Decimal(2000 - 500)  # the fee less what is invoiced for the project
        assert result["total_hours"] == float(sum(e["hours_without_timer"] for e in entries))
        assert result["uninvoiced_hours"] == float(sum(e["hours_without_timer"] for e in open_time))
        assert result["uninvoiced_expenses"] == float(open_costs)
        assert result["uninvoiced_amount"] == float((time_amount + open_costs).quantize(CENT))
    assert results[world.ids["fixed"]]["project_name"] == "Fixed Build"  # no code prefix


def test_uninvoiced_without_fixed_fee_projects(empty: TestClient, world: World) -> None:
    response = empty.get(f"/v2/reports/uninvoiced?{RANGE}&include_fixed_fee=false")
    assert world.ids["fixed"] not in {r["project_id"] for r in response.json()["results"]}


def test_uninvoiced_needs_invoice_rights(empty: TestClient, world: World) -> None:
    member = as_user(empty, world.ids["member"])
    assert member.get(f"/v2/reports/uninvoiced?{RANGE}").json() == {"message": "Not authorized!"}
    drafter = world.ledger.user(
        "Dee", "Drafter", "manager", permissions=["managed_projects_invoice_drafter"]
    )
    world.ledger.assign(world.ids["mw"], drafter, is_project_manager=True)
    results = as_user(empty, drafter).get(f"/v2/reports/uninvoiced?{RANGE}").json()["results"]
    assert [r["project_id"] for r in results] == [world.ids["mw"]]


def test_project_budget_report(empty: TestClient, world: World) -> None:
    response = empty.get("/v2/reports/project_budget")
    assert_conforms(response)
    results = {r["project_id"]: r for r in response.json()["results"]}
    ids = world.ids
    assert set(results) == {ids["mw"], ids["portal"], ids["internal"]}  # fixed has no budget
    assert response.json()["total_entries"] == 3
    mw_hours = sum(e["hours_without_timer"] for e in world.entries if e["project_id"] == ids["mw"])
    assert (results[ids["mw"]]["budget"], results[ids["mw"]]["budget_spent"]) == (
        100.0,
        float(mw_hours),
    )
    assert results[ids["mw"]]["budget_remaining"] == float(100 - mw_hours)
    portal_fees = sum(
        (
            e["hours_without_timer"] * e["billable_rate"]
            for e in world.entries
            if e["project_id"] == ids["portal"] and e["billable"] and e["billable_rate"]
        ),
        Decimal(0),
    )
    portal_costs = sum(
        (
            x["total_cost"]
            for x in world.expenses
            if x["project_id"] == ids["portal"] and x["billable"]
        ),
        Decimal(0),
    )
    spent = (portal_fees + portal_costs).quantize(CENT, ROUND_HALF_UP)
    assert results[ids["portal"]]["budget_spent"] == float(spent)
    assert results[ids["portal"]]["budget_remaining"] == float(5000 - spent)
    assert results[ids["internal"]]["budget"] == 120.0  # three people × 40 hours


def test_monthly_budgets_count_the_current_month(empty: TestClient, world: World) -> None:
    with world.ledger.sandbox.engine.begin() as conn:
        conn.execute(
            tables.projects.update()
            .where(tables.projects.c.id == world.ids["mw"])
            .values(budget_is_monthly=True)
        )
    results = empty.get("/v2/reports/project_budget").json()["results"]
    mw = next(r for r in results if r["project_id"] == world.ids["mw"])
    march = sum(
        e["hours_without_timer"]
        for e in world.entries
        if e["project_id"] == world.ids["mw"]
        and e["spent_date"].month == 3
        and e["spent_date"].year == 2026
    )
    assert (mw["budget_is_monthly"], mw["budget_spent"]) == (True, float(march))


def test_project_budget_visibility_and_filters(empty: TestClient, world: World) -> None:
    member = as_user(empty, world.ids["member"])
    body = member.get("/v2/reports/project_budget").json()
    results = body["results"]
    assert [r["project_id"] for r in results] == [world.ids["portal"]]  # shown to all
    assert body["total_entries"] == 1
    assert (results[0]["budget"], results[0]["budget_spent"]) == (None, None)  # money hidden
    with world.ledger.sandbox.engine.begin() as conn:
        conn.execute(
            tables.projects.update()
            .where(tables.projects.c.id == world.ids["mw"])
            .values(is_active=False)
        )
    archived = empty.get("/v2/reports/project_budget?is_active=false").json()
    assert [r["project_id"] for r in archived["results"]] == [world.ids["mw"]]
    assert archived["total_entries"] == 1


def test_running_timers_count_up_to_now(empty: TestClient, world: World) -> None:
    led, ids = world.ledger, world.ids
    project = led.project(ids["abc"], "Timers")
    started = datetime(2026, 3, 15, 10, 30)  # 1.5 hours before the pinned clock
    led.entry(
        ids["admin"],
        project,
        ids["design"],
        date(2026, 3, 15),
        "0.5",
        rate=100,
        timer_started_at=started,
    )
    results = empty.get(f"/v2/reports/time/projects?{RANGE}").json()["results"]
    timers = next(r for r in results if r["project_id"] == project)
    assert (timers["total_hours"], timers["billable_amount"]) == (2.0, 200.0)


def test_demo_reports_conform_and_add_up(demo: TestClient) -> None:
    sandbox = sandbox_of(demo)
    sandbox.clock.set(sandbox.clock.now())  # running timers stop moving
    now, today = sandbox.clock.utcnow(), sandbox.clock.now().date()
    span = (today - timedelta(days=365), today)
    query = f"from={span[0]:%Y%m%d}&to={span[1]:%Y%m%d}"
    te, pr = tables.time_entries, tables.projects
    w = World(Ledger(demo))
    with sandbox.engine.connect() as conn:
        rounding = conn.execute(select(tables.company.c.rounding_minutes)).scalar()
        for project in conn.execute(
            select(pr.c.id, pr.c.is_fixed_fee, tables.clients.c.currency).join(tables.clients)
        ):
            w.currency[project.id] = project.currency
            if project.is_fixed_fee:
                w.fixed.add(project.id)
        for row in conn.execute(select(te)).mappings():
            entry = dict(row)
            if row["timer_started_at"] is not None:
                elapsed = int((now - row["timer_started_at"]).total_seconds())
                entry["hours"] = (row["hours_without_timer"] + Decimal(elapsed) / 3600).quantize(
                    CENT
                )
            w.entries.append(entry)
    for kind, key in TIME_KINDS:
        response = demo.get(f"/v2/reports/time/{kind}?{query}")
        assert_conforms(response)
        assert _got_time(response, key) == _expected_time(w, key, rounding=rounding, span=span)
    for path in [*(f"expenses/{kind}" for kind, _ in EXPENSE_KINDS), "uninvoiced"]:
        assert_conforms(demo.get(f"/v2/reports/{path}?{query}"))
    assert_conforms(demo.get("/v2/reports/project_budget"))


# -- scale and the rate window ---------------------------------------------------------------


def test_a_large_account_answers_from_sql(empty: TestClient, world: World) -> None:
    template = dict(world.entries[0], invoice_id=None)
    many = [dict(template, spent_date=START + timedelta(days=i % 100)) for i in range(20000)]
    with world.ledger.sandbox.engine.begin() as conn:
        conn.execute(insert(tables.time_entries), many)
    started = datetime.now()
    response = empty.get(f"/v2/reports/time/team?{RANGE}")
    assert response.status_code == 200
    assert (datetime.now() - started).total_seconds() < 5


def test_reports_have_their_own_rate_window() -> None:
    # Scaled windows: 90 s for reports (100 requests fit in it even on a slow machine), 1.5 s
    # for everything else.
    app = create_app(
        SandboxConfig(seed="empty", token=TOKEN, account_id=ACCOUNT_ID, rate_limit_scale=0.1)
    )
    try:
        client = TestClient(app, base_url="http://sandbox.test")
        client.headers.update(api_headers())
        statuses = [client.get("/v2/reports/project_budget").status_code for _ in range(100)]
        assert set(statuses) == {200}
        throttled = client.get(f"/v2/reports/time/clients?{RANGE}")
        assert throttled.status_code == 429
        assert int(throttled.headers["retry-after"]) >= 1
        assert client.get("/v2/expense_categories").status_code == 200
    finally:
        app.state.sandbox.close()
