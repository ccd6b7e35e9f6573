"""The demo agency's reference data: people, rates, roles, clients, tasks, projects and who
works on what."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from ._demo_catalog import CLIENTS, PROJECTS, TASKS, ProjectSpec
from ._demo_staff import CUSTOM_RATES, RATE_CHANGES, PersonSpec
from ._demo_world import RateHistory, Row, World, at

FOUNDED = -420  # the agency's first day, as a history offset


def build_people(world: World, admin_id: int) -> Row:
    """Users, their rate histories, roles and teammates. Returns the administrator's new
    column values (seed_base already inserted that row)."""
    admin: Row = {}
    world.next_ids["users"] = admin_id + 1
    for index, person in enumerate(world.people):
        values = _user(world, person)
        if index == 0:
            admin = {
                k: v for k, v in values.items() if k not in ("first_name", "last_name", "email")
            }
            world.users[person.key] = {**values, "id": admin_id}
        else:
            world.users[person.key] = world.add("users", values)
        _rates(world, person)
    for person in world.people:
        for mate in person.manages:
            world.keep(
                "teammates",
                {
                    "manager_id": world.users[person.key]["id"],
                    "teammate_id": world.users[mate]["id"],
                },
            )
    _roles(world)
    return admin


def _user(world: World, person: PersonSpec) -> Row:
    stamp = at(world.day(FOUNDED), 10)
    current = RATE_CHANGES.get(person.key, (0, person.rate, person.cost))
    left = person.active[1] < world.offset(world.end)
    return {
        "first_name": person.first,
        "last_name": person.last,
        "email": person.email,
        "telephone": "",
        "timezone": person.timezone,
        "has_access_to_all_future_projects": person.access[0] == "administrator",
        "is_contractor": person.contractor,
        "is_active": not left,
        "weekly_capacity": int(person.hours * 3600),
        "default_hourly_rate": Decimal(current[1]),
        "cost_rate": Decimal(current[2]),
        "roles": list(person.roles),
        "access_roles": list(person.access),
        "avatar_url": "",
        "created_at": stamp,
        "updated_at": at(world.day(person.active[1]), 17) if left else stamp,
    }


def _rates(world: World, person: PersonSpec) -> None:
    user_id = world.users[person.key]["id"]
    first = world.day(FOUNDED + 7 * world.people.index(person))
    steps = [(first, person.rate, person.cost)]
    if person.key in RATE_CHANGES:
        offset, rate, cost = RATE_CHANGES[person.key]
        steps.append((world.day(offset), rate, cost))
    billable, cost_history = RateHistory(), RateHistory()
    for start, rate, cost in steps:
        stamp = at(start, 9)
        for table, history, amount in (
            ("billable_rates", billable, rate),
            ("cost_rates", cost_history, cost),
        ):
            if table == "cost_rates" and history.amounts and history.amounts[-1] == amount:
                continue
            world.add(
                table,
                {
                    "user_id": user_id,
                    "amount": Decimal(amount),
                    "start_date": start,
                    "created_at": stamp,
                    "updated_at": stamp,
                },
            )
            history.add(start, Decimal(amount))
    world.billable_rates[person.key] = billable
    world.cost_rates[person.key] = cost_history


def _roles(world: World) -> None:
    stamp = at(world.day(FOUNDED), 11)
    names = sorted({role for person in world.people for role in person.roles})
    for name in names:
        role = world.add("roles", {"name": name, "created_at": stamp, "updated_at": stamp})
        for person in world.people:
            if name in person.roles:
                world.keep(
                    "role_users", {"role_id": role["id"], "user_id": world.users[person.key]["id"]}
                )


def build_catalog(world: World) -> None:
    """Clients with their contacts, tasks, projects, and task and user assignments."""
    for index, spec in enumerate(CLIENTS):
        stamp = at(world.day(FOUNDED + 12 * index), 14)
        client = world.add(
            "clients",
            {
                "name": spec.name,
                "is_active": spec.is_active,
                "address": spec.address,
                "statement_key": world.key()[:32],
                "currency": spec.currency,
                "created_at": stamp,
                "updated_at": stamp,
            },
        )
        world.clients[spec.key] = client
        for title, first, last, email in spec.contacts:
            world.add(
                "contacts",
                {
                    "client_id": client["id"],
                    "title": title,
                    "first_name": first,
                    "last_name": last,
                    "email": email,
                    "phone_office": "",
                    "phone_mobile": "",
                    "fax": "",
                    "created_at": stamp,
                    "updated_at": stamp,
                },
            )
    stamp = at(world.day(FOUNDED), 12)
    for task in TASKS:
        world.tasks[task.name] = world.add(
            "tasks",
            {
                "name": task.name,
                "billable_by_default": task.billable,
                "default_hourly_rate": None if task.rate is None else Decimal(task.rate),
                "is_default": task.is_default,
                "is_active": task.is_active,
                "created_at": stamp,
                "updated_at": stamp,
            },
        )
    for project in PROJECTS:
        _project(world, project)


def _project(world: World, spec: ProjectSpec) -> None:
    begins = world.day(max(spec.window[0], -200))
    stamp = at(begins - timedelta(days=3), 11)
    ends = world.day(spec.window[1]) if spec.window[1] < 1000 else None
    project = world.add(
        "projects",
        {
            "client_id": world.clients[spec.client]["id"],
            "name": spec.name,
            "code": spec.code,
            "is_active": spec.is_active,
            "is_billable": spec.is_billable,
            "is_fixed_fee": spec.fee is not None,
            "bill_by": spec.bill_by,
            "hourly_rate": None if spec.hourly_rate is None else Decimal(spec.hourly_rate),
            "budget": None,
            "budget_by": spec.budget_by,
            "budget_is_monthly": spec.monthly,
            "notify_when_over_budget": spec.notify,
            "over_budget_notification_percentage": Decimal(80),
            "over_budget_notification_date": None,
            "show_budget_to_all": spec.budget_by == "project",
            "cost_budget": None,
            "cost_budget_include_expenses": spec.budget_by == "project_cost",
            "fee": None if spec.fee is None else Decimal(spec.fee),
            "notes": spec.notes,
            "starts_on": begins,
            "ends_on": ends,
            "created_at": stamp,
            "updated_at": at(ends, 18) if not spec.is_active and ends else stamp,
        },
    )
    world.projects[spec.key] = project
    for task_name in spec.tasks:
        task = next(t for t in TASKS if t.name == task_name)
        rate = None
        if spec.bill_by == "Tasks" and task.rate is not None:
            rate = Decimal(task.rate + (10 if spec.client == "williams" else 0))
        world.task_assignments[(spec.key, task_name)] = world.add(
            "task_assignments",
            {
                "project_id": project["id"],
                "task_id": world.tasks[task_name]["id"],
                "is_active": True,
                "billable": task.billable,
                "hourly_rate": rate,
                "budget": None,
                "created_at": stamp,
                "updated_at": stamp,
            },
        )
    for person in world.people:
        if spec.key not in person.projects:
            continue
        custom = CUSTOM_RATES.get((spec.key, person.key))
        world.user_assignments[(spec.key, person.key)] = world.add(
            "user_assignments",
            {
                "project_id": project["id"],
                "user_id": world.users[person.key]["id"],
                "is_active": True,
                "is_project_manager": spec.key in person.leads,
                "use_default_rates": custom is None,
                "hourly_rate": Decimal(custom) if custom is not None else None,
                "budget": None,
                "created_at": stamp,
                "updated_at": stamp,
            },
        )
