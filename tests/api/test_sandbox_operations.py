"""Every operation of the table, called through the SDK against the sandbox.

One case per row. Money operations (invoices, estimates, expenses, reports) are marked
``money``; a case whose route the sandbox does not serve yet (an HTML 404) is skipped with
the route's name, never silently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from harvestkit.api import Harvest, NotFoundError
from harvestkit.api.operations import API_OPERATIONS

from .conftest import ACCOUNT_ID, TOKEN, SyncASGITransport, client_options, make_app
from .world import FROM, LINE, RECIPIENT, SPENT, TO, World

Call = Callable[[Harvest, World], Any]
Check = Callable[[Any, World], bool]


@dataclass(frozen=True)
class Case:
    name: str
    call: Call
    check: Check
    money: bool = False
    private: bool = False
    """Changes account-wide settings, so it gets a sandbox of its own."""


def ids(items: Any) -> list[int]:
    return [item.id for item in items]


def gone(h: Harvest, retrieve: Callable[[], Any]) -> bool:
    try:
        retrieve()
    except NotFoundError:
        return True
    return False


def crud(resource: str, make: str, update: dict[str, Any], list_args: dict[str, Any] | None = None, money: bool = False) -> list[Case]:
    """list / create / retrieve / update / delete cases for a top-level resource."""
    def res(h: Harvest) -> Any:
        return getattr(h, resource)

    largs = list_args or {}
    return [
        Case(f"{resource}.list", lambda h, w: (getattr(w, make), list(res(h).list(**largs)))[-1], lambda r, w: getattr(w, make).id in ids(r), money),
        Case(f"{resource}.create", lambda h, w: getattr(w, make), lambda r, w: r.id > 0, money),
        Case(f"{resource}.retrieve", lambda h, w: res(h).retrieve(getattr(w, make).id), lambda r, w: r.id == getattr(w, make).id, money),
        Case(
            f"{resource}.update",
            lambda h, w: res(h).update(getattr(w, make).id, **update),
            lambda r, w: all(getattr(r, k) == v for k, v in update.items()),
            money,
        ),
        Case(
            f"{resource}.delete",
            lambda h, w: res(h).delete(getattr(w, make).id),
            lambda r, w: r is None and gone(w.h, lambda: res(w.h).retrieve(getattr(w, make).id)),
            money,
        ),
    ]


def report(name: str, **args: Any) -> Case:
    return Case(f"reports.{name}", lambda h, w: (w.time_entry, w.expense, list(getattr(h.reports, name)(**args)))[-1], lambda r, w: isinstance(r, list), True)


PERIOD = {"from_": FROM, "to": TO}

CASES: list[Case] = [
    *crud("clients", "client", {"name": "Acme Inc", "address": None}),
    Case("company.retrieve", lambda h, w: h.company.retrieve(), lambda r, w: bool(r.name)),
    Case("company.update", lambda h, w: h.company.update(weekly_capacity=144000), lambda r, w: r.weekly_capacity == 144000),
    *crud("contacts", "contact", {"title": "CFO"}),
    *crud("tasks", "task", {"name": "Visual design"}),
    *crud("projects", "project", {"notes": "Phase 1"}),
    *crud("roles", "role", {"name": "Design team"}),
    *crud("expense_categories", "expense_category", {"unit_name": None}, money=True),
    *crud("invoice_item_categories", "invoice_item_category", {"name": "Advisory"}, money=True),
    *crud("estimate_item_categories", "estimate_item_category", {"name": "Advisory"}, money=True),
    *crud("expenses", "expense", {"notes": "Train, return"}, money=True),
    *crud("invoices", "invoice", {"subject": "November work"}, money=True),
    *crud("estimates", "estimate", {"subject": "Revised quote"}, money=True),
    # projects' nested resources
    Case("projects.task_assignments.list", lambda h, w: (w.task_assignment, list(h.projects.task_assignments.list(w.project.id)))[-1], lambda r, w: w.task_assignment.id in ids(r)),
    Case("projects.task_assignments.create", lambda h, w: w.task_assignment, lambda r, w: r.task.id == w.task.id),
    Case("projects.task_assignments.retrieve", lambda h, w: h.projects.task_assignments.retrieve(w.project.id, w.task_assignment.id), lambda r, w: r.id == w.task_assignment.id),
    Case("projects.task_assignments.update", lambda h, w: h.projects.task_assignments.update(w.project.id, w.task_assignment.id, hourly_rate=Decimal(120)), lambda r, w: r.hourly_rate == 120),
    Case("projects.task_assignments.delete", lambda h, w: h.projects.task_assignments.delete(w.project.id, w.task_assignment.id), lambda r, w: gone(w.h, lambda: w.h.projects.task_assignments.retrieve(w.project.id, w.task_assignment.id))),
    Case("projects.user_assignments.list", lambda h, w: list(h.projects.user_assignments.list(w.project.id)), lambda r, w: w.user_assignment.id in ids(r)),
    Case("projects.user_assignments.create", lambda h, w: h.projects.user_assignments.create(w.project.id, user_id=w.user.id), lambda r, w: r.user.id == w.user.id),
    Case("projects.user_assignments.retrieve", lambda h, w: h.projects.user_assignments.retrieve(w.project.id, w.user_assignment.id), lambda r, w: r.id == w.user_assignment.id),
    Case("projects.user_assignments.update", lambda h, w: h.projects.user_assignments.update(w.project.id, w.user_assignment.id, budget=Decimal(40)), lambda r, w: r.budget == 40),
    Case("projects.user_assignments.delete", lambda h, w: h.projects.user_assignments.delete(w.project.id, h.projects.user_assignments.create(w.project.id, user_id=w.user.id).id), lambda r, w: r is None),
    Case("task_assignments.list", lambda h, w: (w.task_assignment, list(h.task_assignments.list()))[-1], lambda r, w: w.task_assignment.id in ids(r)),
    Case("user_assignments.list", lambda h, w: (w.user_assignment, list(h.user_assignments.list()))[-1], lambda r, w: w.user_assignment.id in ids(r)),
    # time entries
    Case("time_entries.list", lambda h, w: (w.time_entry, list(h.time_entries.list(from_=SPENT, to=SPENT)))[-1], lambda r, w: w.time_entry.id in ids(r)),
    Case("time_entries.create", lambda h, w: w.time_entry, lambda r, w: r.hours == Decimal("1.5") and r.external_reference.group_id == "harvestkit"),
    Case("time_entries.create_by_times", lambda h, w: (w.user_assignment, h.company.update(wants_timestamp_timers=True), h.time_entries.create_by_times(project_id=w.project.id, task_id=w.task_assignment.task.id, spent_date=SPENT, started_time="8:00am", ended_time="9:30am"))[-1], lambda r, w: r.hours == Decimal("1.5"), private=True),
    Case("time_entries.retrieve", lambda h, w: h.time_entries.retrieve(w.time_entry.id), lambda r, w: r.id == w.time_entry.id),
    Case("time_entries.update", lambda h, w: h.time_entries.update(w.time_entry.id, notes=None, hours=Decimal(2)), lambda r, w: r.notes in (None, "") and r.hours == 2),
    Case("time_entries.delete", lambda h, w: h.time_entries.delete(w.time_entry.id), lambda r, w: gone(w.h, lambda: w.h.time_entries.retrieve(w.time_entry.id))),
    Case("time_entries.delete_external_reference", lambda h, w: h.time_entries.delete_external_reference(w.time_entry.id), lambda r, w: w.h.time_entries.retrieve(w.time_entry.id).external_reference is None),
    Case("time_entries.restart", lambda h, w: h.time_entries.restart(w.time_entry.id), lambda r, w: r.is_running is True),
    Case("time_entries.stop", lambda h, w: h.time_entries.stop(w.entry(hours=None).id), lambda r, w: r.is_running is False),
    # users
    *[c for c in crud("users", "user", {"first_name": "Tessa"}) if c.name != "users.delete"],
    Case("users.me", lambda h, w: h.users.me(), lambda r, w: "administrator" in (r.access_roles or [])),
    Case("users.archive", lambda h, w: h.users.archive(w.user.id), lambda r, w: r.is_active is False),
    Case("users.delete", lambda h, w: h.users.delete(w.user.id), lambda r, w: gone(w.h, lambda: w.h.users.retrieve(w.user.id))),
    Case("users.billable_rates.list", lambda h, w: (h.users.billable_rates.create(w.user.id, amount=Decimal(90)), list(h.users.billable_rates.list(w.user.id)))[-1], lambda r, w: [x.amount for x in r][-1] == 90),
    Case("users.billable_rates.create", lambda h, w: h.users.billable_rates.create(w.user.id, amount=Decimal(90), start_date=SPENT), lambda r, w: r.amount == 90 and r.start_date == SPENT),
    Case("users.billable_rates.retrieve", lambda h, w: h.users.billable_rates.retrieve(w.user.id, h.users.billable_rates.create(w.user.id, amount=Decimal(95)).id), lambda r, w: r.amount == 95),
    Case("users.cost_rates.list", lambda h, w: (h.users.cost_rates.create(w.user.id, amount=Decimal(50)), list(h.users.cost_rates.list(w.user.id)))[-1], lambda r, w: [x.amount for x in r][-1] == 50),
    Case("users.cost_rates.create", lambda h, w: h.users.cost_rates.create(w.user.id, amount=Decimal(50)), lambda r, w: r.amount == 50),
    Case("users.cost_rates.retrieve", lambda h, w: h.users.cost_rates.retrieve(w.user.id, h.users.cost_rates.create(w.user.id, amount=Decimal(55)).id), lambda r, w: r.amount == 55),
    Case("users.project_assignments.list", lambda h, w: (w.user_assignment, list(h.users.project_assignments.list(w.me.id)))[-1], lambda r, w: w.project.id in [a.project.id for a in r]),
    Case("users.project_assignments.list_mine", lambda h, w: (w.user_assignment, list(h.users.project_assignments.list_mine()))[-1], lambda r, w: w.project.id in [a.project.id for a in r]),
    Case("users.teammates.update", lambda h, w: h.users.teammates.update(w.manager.id, teammate_ids=[w.user.id]), lambda r, w: [t.id for t in r.teammates or []] == [w.user.id]),
    Case("users.teammates.list", lambda h, w: (h.users.teammates.update(w.manager.id, teammate_ids=[w.user.id]), list(h.users.teammates.list(w.manager.id)))[-1], lambda r, w: ids(r) == [w.user.id]),
    # invoices: line items, messages, payments, import
    Case("invoices.create_from_tracked", lambda h, w: (w.time_entry, h.invoices.create_from_tracked(client_id=w.client.id, line_items_import={"project_ids": [w.project.id], "time": {"summary_type": "task", "from": FROM, "to": TO}}))[-1], lambda r, w: r.amount == 150 and w.h.time_entries.retrieve(w.time_entry.id).is_billed, True),
    Case("invoices.line_items.create", lambda h, w: h.invoices.line_items.create(w.invoice.id, kind="Service", unit_price=Decimal(50)), lambda r, w: len(r.line_items) == 2 and r.amount == 250, True),
    Case("invoices.line_items.update", lambda h, w: h.invoices.line_items.update(w.invoice.id, id=w.invoice.line_items[0].id, quantity=Decimal(3)), lambda r, w: r.amount == 300, True),
    Case("invoices.line_items.delete", lambda h, w: h.invoices.line_items.delete(w.invoice.id, id=w.invoice.line_items[0].id), lambda r, w: r.line_items == [], True),
    Case("invoices.messages.list", lambda h, w: (h.invoices.messages.mark_sent(w.invoice.id), list(h.invoices.messages.list(w.invoice.id)))[-1], lambda r, w: [m.event_type for m in r] == ["send"], True),
    Case("invoices.messages.create", lambda h, w: h.invoices.messages.create(w.invoice.id, recipients=[RECIPIENT], subject="Invoice"), lambda r, w: r.recipients[0].email == RECIPIENT["email"] and w.h.invoices.retrieve(w.invoice.id).state == "open", True),
    Case("invoices.messages.new_template", lambda h, w: h.invoices.messages.new_template(w.invoice.id), lambda r, w: r.invoice_id == w.invoice.id and bool(r.subject), True),
    Case("invoices.messages.delete", lambda h, w: h.invoices.messages.delete(w.invoice.id, h.invoices.messages.create(w.invoice.id, recipients=[RECIPIENT]).id), lambda r, w: list(w.h.invoices.messages.list(w.invoice.id)) == [], True),
    Case("invoices.messages.mark_sent", lambda h, w: h.invoices.messages.mark_sent(w.invoice.id), lambda r, w: w.h.invoices.retrieve(w.invoice.id).state == "open", True),
    Case("invoices.messages.mark_closed", lambda h, w: h.invoices.messages.mark_closed(w.open_invoice().id), lambda r, w: r.event_type == "close", True),
    Case("invoices.messages.reopen", lambda h, w: (inv := w.open_invoice(), h.invoices.messages.mark_closed(inv.id), h.invoices.messages.reopen(inv.id), h.invoices.retrieve(inv.id))[-1], lambda r, w: r.state == "open", True),
    Case("invoices.messages.mark_draft", lambda h, w: (inv := w.open_invoice(), h.invoices.messages.mark_draft(inv.id), h.invoices.retrieve(inv.id))[-1], lambda r, w: r.state == "draft", True),
    Case("invoices.payments.list", lambda h, w: (inv := w.open_invoice(), h.invoices.payments.create(inv.id, amount=Decimal(50)), list(h.invoices.payments.list(inv.id)))[-1], lambda r, w: [p.amount for p in r] == [50], True),
    Case("invoices.payments.create", lambda h, w: (inv := w.open_invoice(), h.invoices.payments.create(inv.id, amount=Decimal(200)), h.invoices.retrieve(inv.id))[-1], lambda r, w: r.state == "paid" and r.due_amount == 0, True),
    Case("invoices.payments.delete", lambda h, w: (inv := w.open_invoice(), h.invoices.payments.delete(inv.id, h.invoices.payments.create(inv.id, amount=Decimal(200)).id), h.invoices.retrieve(inv.id))[-1], lambda r, w: r.state == "open" and r.due_amount == 200, True),
    # estimates: line items and messages
    Case("estimates.line_items.create", lambda h, w: h.estimates.line_items.create(w.estimate.id, kind="Service", unit_price=Decimal(50)), lambda r, w: r.amount == 250, True),
    Case("estimates.line_items.update", lambda h, w: h.estimates.line_items.update(w.estimate.id, id=w.estimate.line_items[0].id, quantity=Decimal(3)), lambda r, w: r.amount == 300, True),
    Case("estimates.line_items.delete", lambda h, w: h.estimates.line_items.delete(w.estimate.id, id=w.estimate.line_items[0].id), lambda r, w: r.line_items == [], True),
    Case("estimates.messages.list", lambda h, w: (h.estimates.messages.mark_sent(w.estimate.id), list(h.estimates.messages.list(w.estimate.id)))[-1], lambda r, w: [m.event_type for m in r] == ["send"], True),
    Case("estimates.messages.create", lambda h, w: h.estimates.messages.create(w.estimate.id, recipients=[RECIPIENT], subject="Quote"), lambda r, w: r.recipients[0].email == RECIPIENT["email"], True),
    Case("estimates.messages.delete", lambda h, w: h.estimates.messages.delete(w.estimate.id, h.estimates.messages.create(w.estimate.id, recipients=[RECIPIENT]).id), lambda r, w: list(w.h.estimates.messages.list(w.estimate.id)) == [], True),
    Case("estimates.messages.mark_sent", lambda h, w: (h.estimates.messages.mark_sent(w.estimate.id), h.estimates.retrieve(w.estimate.id))[-1], lambda r, w: r.state == "sent", True),
    Case("estimates.messages.mark_accepted", lambda h, w: (est := w.sent_estimate(), h.estimates.messages.mark_accepted(est.id), h.estimates.retrieve(est.id))[-1], lambda r, w: r.state == "accepted", True),
    Case("estimates.messages.mark_declined", lambda h, w: (est := w.sent_estimate(), h.estimates.messages.mark_declined(est.id), h.estimates.retrieve(est.id))[-1], lambda r, w: r.state == "declined", True),
    Case("estimates.messages.reopen", lambda h, w: (est := w.sent_estimate(), h.estimates.messages.mark_declined(est.id), h.estimates.messages.reopen(est.id), h.estimates.retrieve(est.id))[-1], lambda r, w: r.state == "sent", True),
    # reports
    report("time_clients", **PERIOD),
    report("time_projects", **PERIOD),
    report("time_tasks", **PERIOD),
    report("time_team", **PERIOD),
    report("expenses_clients", **PERIOD),
    report("expenses_projects", **PERIOD),
    report("expenses_categories", **PERIOD),
    report("expenses_team", **PERIOD),
    report("uninvoiced", **PERIOD),
    report("project_budget"),
]


def test_every_api_operation_has_exactly_one_case() -> None:
    names = [case.name for case in CASES]
    assert sorted(names) == sorted(op.name for op in API_OPERATIONS)


def unknown_route(error: NotFoundError) -> bool:
    """Harvest answers unknown routes with an HTML page, unknown records with JSON."""
    return isinstance(error.body, str) and "<html" in error.body.lower()


def param(case: Case) -> Any:
    marks = [pytest.mark.money] if case.money else []
    return pytest.param(case, id=case.name, marks=marks)


@pytest.fixture(scope="module")
def shared_h() -> Iterator[Harvest]:
    transport = SyncASGITransport(make_app(seed="empty"))
    with Harvest(TOKEN, ACCOUNT_ID, transport=transport, **client_options()) as client:
        yield client
    transport.close()


@pytest.mark.parametrize("case", [param(c) for c in CASES])
def test_operation_against_the_sandbox(case: Case, request: pytest.FixtureRequest, shared_h: Harvest) -> None:
    h: Harvest = request.getfixturevalue("h") if case.private else shared_h
    world = World(h)
    try:
        result = case.call(h, world)
        ok = case.check(result, world)
    except NotFoundError as error:
        if unknown_route(error):
            pytest.skip(f"the sandbox does not serve {error.method} {error.url} yet")
        raise
    assert ok, f"{case.name} returned {result!r}"
