"""One recipe per tool: valid arguments built from the demo sandbox.

``RECIPES[tool_name](harvest)`` returns arguments that make the tool succeed on a fresh
copy of the demo company; it may create what the call needs first (a disposable client
to delete, a draft invoice to send). Tools that ask for confirmation get
``confirm: true``. Outcome tools' recipes come from ``recipes_outcomes.py``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from harvestkit.api import AsyncHarvest
from harvestkit.clock import system_now

Recipe = Callable[[AsyncHarvest], Awaitable[dict[str, Any]]]

PERIOD = {"from": "2026-11-01", "to": "2026-11-30"}
RECIPES: dict[str, Recipe] = {}


async def first(h: AsyncHarvest, op: str, **args: Any) -> Any:
    """The first record of a list (most recent first)."""
    items = (await h.paginate(op, per_page=100, **args).page()).items
    assert items, f"the demo company has no {op} records for {args}"
    return items[0]


def recipe(name: str, confirm: bool = False) -> Callable[[Recipe], Recipe]:
    def register(fn: Recipe) -> Recipe:
        async def wrapped(h: AsyncHarvest) -> dict[str, Any]:
            args = await fn(h)
            return {**args, "confirm": True} if confirm else args

        RECIPES[name] = wrapped
        return fn

    return register


def fixed(tool: str, args: dict[str, Any], confirm: bool = False) -> None:
    async def build(h: AsyncHarvest) -> dict[str, Any]:
        return dict(args)

    recipe(tool, confirm)(build)


async def _assignment(h: AsyncHarvest) -> tuple[int, int]:
    """A project and task the administrator may log time on."""
    mine = await first(h, "users.project_assignments.list_mine")
    return mine.project.id, mine.task_assignments[0].task.id


async def _entry(h: AsyncHarvest, **extra: Any) -> int:
    project_id, task_id = await _assignment(h)
    entry = await h.call(
        "time_entries.create",
        project_id=project_id,
        task_id=task_id,
        spent_date="2026-11-20",
        **extra,
    )
    return int(entry.id)


async def _invoice(h: AsyncHarvest, state: str) -> Any:
    return await first(h, "invoices.list", state=state)


async def _estimate(h: AsyncHarvest, state: str) -> Any:
    return await first(h, "estimates.list", state=state)


async def _manager(h: AsyncHarvest) -> int:
    users = (await h.paginate("users.list", per_page=100).page()).items
    return next(u.id for u in users if "manager" in (u.access_roles or []))


async def _member(h: AsyncHarvest) -> int:
    users = (await h.paginate("users.list", per_page=100).page()).items
    return next(u.id for u in users if u.is_active and u.access_roles == ["member"])


# Lists and reads that need nothing.
for _name in (
    "harvest_clients_list", "harvest_contacts_list", "harvest_projects_list",
    "harvest_tasks_list", "harvest_task_assignments_list", "harvest_user_assignments_list",
    "harvest_time_entries_list", "harvest_my_project_assignments_list", "harvest_invoices_list",
    "harvest_invoice_item_categories_list", "harvest_estimates_list",
    "harvest_estimate_item_categories_list", "harvest_expenses_list",
    "harvest_expense_categories_list", "harvest_roles_list", "harvest_users_list",
    "harvest_users_me", "harvest_company_get", "harvest_reports_project_budget",
):  # fmt: skip
    fixed(_name, {})
for _name in (
    "harvest_reports_time_by_client", "harvest_reports_time_by_project",
    "harvest_reports_time_by_task", "harvest_reports_time_by_person",
    "harvest_reports_expenses_by_category", "harvest_reports_expenses_by_client",
    "harvest_reports_expenses_by_project", "harvest_reports_expenses_by_person",
    "harvest_reports_uninvoiced",
):  # fmt: skip
    fixed(_name, PERIOD)

fixed("harvest_clients_create", {"name": "Northwind Traders", "currency": "USD"})
fixed("harvest_tasks_create", {"name": "Accessibility Review"})
fixed("harvest_invoice_item_categories_create", {"name": "Hosting"})
fixed("harvest_estimate_item_categories_create", {"name": "Research"})
fixed("harvest_expense_categories_create", {"name": "Parking"})
fixed("harvest_roles_create", {"name": "Developers"})
fixed("harvest_company_update", {"weekly_capacity": 126000})
fixed(
    "harvest_users_create",
    {"first_name": "Sam", "last_name": "Okafor", "email": "sam@brightharbor.example"},
    confirm=True,  # inviting a person asks first
)


def by_id(tool: str, op: str, key: str, /, confirm: bool = False, **extra: Any) -> None:
    """A tool taking the id of the first record of ``op`` as ``key``."""

    async def build(h: AsyncHarvest) -> dict[str, Any]:
        return {key: (await first(h, op)).id, **extra}

    recipe(tool, confirm)(build)


by_id("harvest_clients_get", "clients.list", "client_id")
by_id("harvest_clients_update", "clients.list", "client_id", address="12 Harbour Road")
by_id("harvest_contacts_get", "contacts.list", "contact_id")
by_id("harvest_contacts_update", "contacts.list", "contact_id", title="Head of Finance")
by_id("harvest_contacts_delete", "contacts.list", "contact_id", confirm=True)
by_id("harvest_projects_get", "projects.list", "project_id")
by_id("harvest_projects_update", "projects.list", "project_id", notes="Extended")
by_id("harvest_projects_delete", "projects.list", "project_id", confirm=True)
by_id("harvest_projects_task_assignments_list", "projects.list", "project_id")
by_id("harvest_projects_user_assignments_list", "projects.list", "project_id")
by_id("harvest_tasks_get", "tasks.list", "task_id")
by_id("harvest_tasks_update", "tasks.list", "task_id", name="Visual Design")
by_id("harvest_time_entries_get", "time_entries.list", "time_entry_id")
by_id("harvest_invoices_get", "invoices.list", "invoice_id")
by_id("harvest_invoices_messages_list", "invoices.list", "invoice_id")
by_id("harvest_invoices_payments_list", "invoices.list", "invoice_id")
by_id("harvest_invoices_message_template", "invoices.list", "invoice_id")
by_id("harvest_invoice_item_categories_get", "invoice_item_categories.list",
      "invoice_item_category_id")  # fmt: skip
by_id("harvest_invoice_item_categories_update", "invoice_item_categories.list",
      "invoice_item_category_id", name="Services")  # fmt: skip
by_id("harvest_estimates_get", "estimates.list", "estimate_id")
by_id("harvest_estimates_update", "estimates.list", "estimate_id", notes="Valid 30 days")
by_id("harvest_estimates_messages_list", "estimates.list", "estimate_id")
by_id("harvest_estimate_item_categories_get", "estimate_item_categories.list",
      "estimate_item_category_id")  # fmt: skip
by_id("harvest_estimate_item_categories_update", "estimate_item_categories.list",
      "estimate_item_category_id", name="Services")  # fmt: skip
by_id("harvest_expenses_get", "expenses.list", "expense_id")
by_id("harvest_expense_categories_get", "expense_categories.list", "expense_category_id")
by_id("harvest_expense_categories_update", "expense_categories.list", "expense_category_id",
      unit_price=0.7)  # fmt: skip
by_id("harvest_roles_get", "roles.list", "role_id")
by_id("harvest_roles_update", "roles.list", "role_id", name="Design Team")
by_id("harvest_roles_delete", "roles.list", "role_id", confirm=True)
by_id("harvest_users_get", "users.list", "user_id")
by_id("harvest_users_update", "users.list", "user_id", weekly_capacity=108000)
by_id("harvest_users_billable_rates_list", "users.list", "user_id")
by_id("harvest_users_cost_rates_list", "users.list", "user_id")
by_id("harvest_users_project_assignments_list", "users.list", "user_id")
by_id("harvest_users_billable_rates_create", "users.list", "user_id", confirm=True,
      amount=135, start_date="2026-11-02")  # fmt: skip
by_id("harvest_users_cost_rates_create", "users.list", "user_id", confirm=True,
      amount=60, start_date="2026-11-02")  # fmt: skip


@recipe("harvest_clients_delete", confirm=True)
async def _client_delete(h: AsyncHarvest) -> dict[str, Any]:
    client = await h.call("clients.create", name="Disposable Client")
    return {"client_id": client.id}


@recipe("harvest_contacts_create")
async def _contact_create(h: AsyncHarvest) -> dict[str, Any]:
    client = await first(h, "clients.list")
    return {"client_id": client.id, "first_name": "Dana", "email": "dana@northwind.example"}


@recipe("harvest_projects_create")
async def _project_create(h: AsyncHarvest) -> dict[str, Any]:
    client = await first(h, "clients.list", is_active=True)
    billing = {"is_billable": True, "bill_by": "Project", "hourly_rate": 120}
    return {"client_id": client.id, "name": "Brand Refresh", "budget_by": "project", **billing}


async def _task_assignment(h: AsyncHarvest) -> dict[str, Any]:
    project = await first(h, "projects.list")
    assignment = await first(h, "projects.task_assignments.list", project_id=project.id)
    return {"project_id": project.id, "task_assignment_id": assignment.id}


async def _user_assignment(h: AsyncHarvest) -> dict[str, Any]:
    project = await first(h, "projects.list")
    assignment = await first(h, "projects.user_assignments.list", project_id=project.id)
    return {"project_id": project.id, "user_assignment_id": assignment.id}


@recipe("harvest_projects_task_assignments_get")
async def _ta_get(h: AsyncHarvest) -> dict[str, Any]:
    return await _task_assignment(h)


@recipe("harvest_projects_task_assignments_update")
async def _ta_update(h: AsyncHarvest) -> dict[str, Any]:
    return {**await _task_assignment(h), "billable": False}


@recipe("harvest_projects_task_assignments_create")
async def _ta_create(h: AsyncHarvest) -> dict[str, Any]:
    project = await first(h, "projects.list")
    task = await h.call("tasks.create", name="Accessibility Review")
    return {"project_id": project.id, "task_id": task.id}


@recipe("harvest_projects_task_assignments_delete", confirm=True)
async def _ta_delete(h: AsyncHarvest) -> dict[str, Any]:
    project = await first(h, "projects.list")
    task = await h.call("tasks.create", name="Disposable Task")
    made = await h.call("projects.task_assignments.create", project_id=project.id, task_id=task.id)
    return {"project_id": project.id, "task_assignment_id": made.id}


@recipe("harvest_projects_user_assignments_get")
async def _ua_get(h: AsyncHarvest) -> dict[str, Any]:
    return await _user_assignment(h)


@recipe("harvest_projects_user_assignments_update")
async def _ua_update(h: AsyncHarvest) -> dict[str, Any]:
    return {**await _user_assignment(h), "is_project_manager": True}


async def _new_user(h: AsyncHarvest) -> int:
    user = await h.call("users.create", first_name="Temp", last_name="Person",
                        email="temp.person@brightharbor.example")  # fmt: skip
    return int(user.id)


@recipe("harvest_projects_user_assignments_create")
async def _ua_create(h: AsyncHarvest) -> dict[str, Any]:
    project = await first(h, "projects.list")
    return {"project_id": project.id, "user_id": await _new_user(h)}


@recipe("harvest_projects_user_assignments_delete", confirm=True)
async def _ua_delete(h: AsyncHarvest) -> dict[str, Any]:
    project = await first(h, "projects.list")
    made = await h.call("projects.user_assignments.create", project_id=project.id,
                        user_id=await _new_user(h))  # fmt: skip
    return {"project_id": project.id, "user_assignment_id": made.id}


@recipe("harvest_tasks_delete", confirm=True)
async def _task_delete(h: AsyncHarvest) -> dict[str, Any]:
    return {"task_id": (await h.call("tasks.create", name="Disposable Task")).id}


@recipe("harvest_time_entries_create")
async def _te_create(h: AsyncHarvest) -> dict[str, Any]:
    project_id, task_id = await _assignment(h)
    return {"project_id": project_id, "task_id": task_id, "spent_date": "2026-11-20",
            "hours": 2.5, "notes": "Homepage wireframes"}  # fmt: skip


@recipe("harvest_time_entries_create_by_times")
async def _te_create_times(h: AsyncHarvest) -> dict[str, Any]:
    await h.call("company.update", wants_timestamp_timers=True)
    project_id, task_id = await _assignment(h)
    return {"project_id": project_id, "task_id": task_id, "spent_date": "2026-11-20",
            "started_time": "8:00am", "ended_time": "11:30am"}  # fmt: skip


@recipe("harvest_time_entries_update")
async def _te_update(h: AsyncHarvest) -> dict[str, Any]:
    return {"time_entry_id": await _entry(h, hours=1), "hours": 3.0, "notes": "Fixed"}


@recipe("harvest_time_entries_delete", confirm=True)
async def _te_delete(h: AsyncHarvest) -> dict[str, Any]:
    return {"time_entry_id": await _entry(h, hours=1)}


@recipe("harvest_time_entries_delete_external_reference", confirm=True)
async def _te_delete_ref(h: AsyncHarvest) -> dict[str, Any]:
    reference = {"id": "4211", "permalink": "https://tracker.example/4211"}
    return {"time_entry_id": await _entry(h, hours=1, external_reference=reference)}


@recipe("harvest_timers_restart")
async def _timer_restart(h: AsyncHarvest) -> dict[str, Any]:
    return {"time_entry_id": await _entry(h, hours=1)}


@recipe("harvest_timers_stop")
async def _timer_stop(h: AsyncHarvest) -> dict[str, Any]:
    return {"time_entry_id": await _entry(h)}


@recipe("harvest_invoices_create", confirm=True)
async def _inv_create(h: AsyncHarvest) -> dict[str, Any]:
    client = await first(h, "clients.list", is_active=True)
    item = {"kind": "Service", "description": "Workshop", "quantity": 1, "unit_price": 2400}
    return {"client_id": client.id, "subject": "Discovery workshop", "line_items": [item]}


@recipe("harvest_invoices_create_from_tracked", confirm=True)
async def _inv_tracked(h: AsyncHarvest) -> dict[str, Any]:
    # The demo's last year up to today always holds uninvoiced time (this month's, at least).
    today = system_now().date()
    since = today - timedelta(days=365)
    uninvoiced = (await h.paginate("reports.uninvoiced", from_=str(since),
                                   to=str(today)).page()).items  # fmt: skip
    row = next(r for r in uninvoiced if (r.uninvoiced_amount or 0) > 0)
    time = {"summary_type": "task", "from": str(since), "to": str(today)}
    return {"client_id": row.client_id,
            "line_items_import": {"project_ids": [row.project_id], "time": time}}  # fmt: skip


@recipe("harvest_invoices_update", confirm=True)
async def _inv_update(h: AsyncHarvest) -> dict[str, Any]:
    return {"invoice_id": (await _invoice(h, "draft")).id, "notes": "Net 30"}


@recipe("harvest_invoices_delete", confirm=True)
async def _inv_delete(h: AsyncHarvest) -> dict[str, Any]:
    return {"invoice_id": (await _invoice(h, "draft")).id}


async def _line(h: AsyncHarvest, op: str, key: str, state: str) -> dict[str, Any]:
    record = await first(h, op, state=state)
    return {key: record.id, "id": record.line_items[0].id}


@recipe("harvest_invoices_line_items_create", confirm=True)
async def _inv_line_create(h: AsyncHarvest) -> dict[str, Any]:
    invoice = await _invoice(h, "draft")
    return {"invoice_id": invoice.id, "kind": "Service", "unit_price": 300, "quantity": 1}


@recipe("harvest_invoices_line_items_update", confirm=True)
async def _inv_line_update(h: AsyncHarvest) -> dict[str, Any]:
    return {**await _line(h, "invoices.list", "invoice_id", "draft"), "quantity": 2}


@recipe("harvest_invoices_line_items_delete", confirm=True)
async def _inv_line_delete(h: AsyncHarvest) -> dict[str, Any]:
    return await _line(h, "invoices.list", "invoice_id", "draft")


@recipe("harvest_invoices_send", confirm=True)
async def _inv_send(h: AsyncHarvest) -> dict[str, Any]:
    recipients = [{"name": "Dana Reyes", "email": "dana@northwind.example"}]
    return {"invoice_id": (await _invoice(h, "draft")).id, "recipients": recipients}


@recipe("harvest_invoices_messages_delete", confirm=True)
async def _inv_msg_delete(h: AsyncHarvest) -> dict[str, Any]:
    invoice = await _invoice(h, "paid")
    message = await first(h, "invoices.messages.list", invoice_id=invoice.id)
    return {"invoice_id": invoice.id, "message_id": message.id}


@recipe("harvest_invoices_mark_sent", confirm=True)
async def _inv_mark_sent(h: AsyncHarvest) -> dict[str, Any]:
    return {"invoice_id": (await _invoice(h, "draft")).id}


@recipe("harvest_invoices_mark_closed", confirm=True)
async def _inv_close(h: AsyncHarvest) -> dict[str, Any]:
    return {"invoice_id": (await _invoice(h, "open")).id}


@recipe("harvest_invoices_reopen", confirm=True)
async def _inv_reopen(h: AsyncHarvest) -> dict[str, Any]:
    return {"invoice_id": (await _invoice(h, "closed")).id}


@recipe("harvest_invoices_mark_draft", confirm=True)
async def _inv_draft(h: AsyncHarvest) -> dict[str, Any]:
    return {"invoice_id": (await _invoice(h, "open")).id}


@recipe("harvest_invoices_payments_create", confirm=True)
async def _pay_create(h: AsyncHarvest) -> dict[str, Any]:
    invoice = await _invoice(h, "open")
    return {"invoice_id": invoice.id, "amount": 100, "paid_date": "2026-11-19"}


@recipe("harvest_invoices_payments_delete", confirm=True)
async def _pay_delete(h: AsyncHarvest) -> dict[str, Any]:
    invoice = await _invoice(h, "paid")
    payment = await first(h, "invoices.payments.list", invoice_id=invoice.id)
    return {"invoice_id": invoice.id, "payment_id": payment.id}


@recipe("harvest_invoice_item_categories_delete", confirm=True)
async def _iic_delete(h: AsyncHarvest) -> dict[str, Any]:
    made = await h.call("invoice_item_categories.create", name="Disposable")
    return {"invoice_item_category_id": made.id}


@recipe("harvest_estimates_create")
async def _est_create(h: AsyncHarvest) -> dict[str, Any]:
    client = await first(h, "clients.list", is_active=True)
    item = {"kind": "Service", "description": "Design", "quantity": 40, "unit_price": 120}
    return {"client_id": client.id, "subject": "Proposal", "line_items": [item]}


@recipe("harvest_estimates_delete", confirm=True)
async def _est_delete(h: AsyncHarvest) -> dict[str, Any]:
    return {"estimate_id": (await _estimate(h, "draft")).id}


@recipe("harvest_estimates_line_items_create")
async def _est_line_create(h: AsyncHarvest) -> dict[str, Any]:
    estimate = await _estimate(h, "draft")
    return {"estimate_id": estimate.id, "kind": "Service", "unit_price": 95, "quantity": 8}


@recipe("harvest_estimates_line_items_update")
async def _est_line_update(h: AsyncHarvest) -> dict[str, Any]:
    return {**await _line(h, "estimates.list", "estimate_id", "draft"), "quantity": 32}


@recipe("harvest_estimates_line_items_delete", confirm=True)
async def _est_line_delete(h: AsyncHarvest) -> dict[str, Any]:
    return await _line(h, "estimates.list", "estimate_id", "draft")


@recipe("harvest_estimates_send")
async def _est_send(h: AsyncHarvest) -> dict[str, Any]:
    recipients = [{"name": "Dana Reyes", "email": "dana@northwind.example"}]
    return {"estimate_id": (await _estimate(h, "draft")).id, "recipients": recipients}


@recipe("harvest_estimates_messages_delete", confirm=True)
async def _est_msg_delete(h: AsyncHarvest) -> dict[str, Any]:
    estimate = await _estimate(h, "accepted")
    message = await first(h, "estimates.messages.list", estimate_id=estimate.id)
    return {"estimate_id": estimate.id, "message_id": message.id}


for _name, _state in (
    ("harvest_estimates_mark_sent", "draft"),
    ("harvest_estimates_mark_accepted", "sent"),
    ("harvest_estimates_mark_declined", "sent"),
    ("harvest_estimates_reopen", "declined"),
):

    def _by_state(state: str) -> Recipe:
        async def build(h: AsyncHarvest) -> dict[str, Any]:
            return {"estimate_id": (await _estimate(h, state)).id}

        return build

    recipe(_name, confirm=True)(_by_state(_state))


@recipe("harvest_estimate_item_categories_delete", confirm=True)
async def _eic_delete(h: AsyncHarvest) -> dict[str, Any]:
    made = await h.call("estimate_item_categories.create", name="Disposable")
    return {"estimate_item_category_id": made.id}


async def _expense_args(h: AsyncHarvest) -> dict[str, Any]:
    project_id, _ = await _assignment(h)
    category = await first(h, "expense_categories.list", is_active=True)
    return {"project_id": project_id, "expense_category_id": category.id,
            "spent_date": "2026-11-18", "total_cost": 64.5}  # fmt: skip


@recipe("harvest_expenses_create", confirm=True)
async def _exp_create(h: AsyncHarvest) -> dict[str, Any]:
    args = await _expense_args(h)
    category = await h.call("expense_categories.create", name="Stock Photos")
    return {**args, "expense_category_id": category.id}


async def _new_expense(h: AsyncHarvest) -> int:
    category = await h.call("expense_categories.create", name="Printing")
    args = {**await _expense_args(h), "expense_category_id": category.id}
    return int((await h.call("expenses.create", **args)).id)


@recipe("harvest_expenses_update", confirm=True)
async def _exp_update(h: AsyncHarvest) -> dict[str, Any]:
    return {"expense_id": await _new_expense(h), "total_cost": 72.0}


@recipe("harvest_expenses_delete", confirm=True)
async def _exp_delete(h: AsyncHarvest) -> dict[str, Any]:
    return {"expense_id": await _new_expense(h)}


@recipe("harvest_expense_categories_delete", confirm=True)
async def _ec_delete(h: AsyncHarvest) -> dict[str, Any]:
    return {"expense_category_id": (await h.call("expense_categories.create", name="X")).id}


@recipe("harvest_users_archive", confirm=True)
async def _user_archive(h: AsyncHarvest) -> dict[str, Any]:
    return {"user_id": await _member(h)}


@recipe("harvest_users_delete", confirm=True)
async def _user_delete(h: AsyncHarvest) -> dict[str, Any]:
    return {"user_id": await _new_user(h)}


@recipe("harvest_users_teammates_list")
async def _teammates(h: AsyncHarvest) -> dict[str, Any]:
    return {"user_id": await _manager(h)}


@recipe("harvest_users_teammates_update", confirm=True)
async def _teammates_update(h: AsyncHarvest) -> dict[str, Any]:
    return {"user_id": await _manager(h), "teammate_ids": [await _member(h)]}


@recipe("harvest_users_billable_rates_get")
async def _br_get(h: AsyncHarvest) -> dict[str, Any]:
    user = await first(h, "users.list")
    rate = await h.call("users.billable_rates.create", user_id=user.id, amount=120,
                        start_date="2026-11-02")  # fmt: skip
    return {"user_id": user.id, "billable_rate_id": rate.id}


@recipe("harvest_users_cost_rates_get")
async def _cr_get(h: AsyncHarvest) -> dict[str, Any]:
    user = await first(h, "users.list")
    rate = await h.call("users.cost_rates.create", user_id=user.id, amount=50,
                        start_date="2026-11-02")  # fmt: skip
    return {"user_id": user.id, "cost_rate_id": rate.id}


try:  # outcome tools add their recipes in their own module
    from tests.tools.recipes_outcomes import RECIPES as OUTCOME_RECIPES
except ImportError:
    OUTCOME_RECIPES = {}
RECIPES.update(OUTCOME_RECIPES)
