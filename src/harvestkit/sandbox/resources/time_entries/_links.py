"""What a time entry is linked to, and the rates it carries (API-NOTES §10.14).

Worked out whenever the entry's user, project, task or date changes: the project and task
must exist, be active and be assigned; the client comes from the project; `billable`,
`budgeted` and the billable rate follow the project's settings, and both rates follow the
user's dated rate history.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Row, Table, or_, select

from ... import store, tables
from ...context import Ctx
from ...errors import unprocessable

p, k = tables.projects, tables.tasks
ua, ta = tables.user_assignments, tables.task_assignments


def _rate_on(ctx: Ctx, table: Table, user: Row[Any], when: date, fallback: Any) -> Decimal | None:
    """The user's rate in force on `when` from a dated history, else the user's own rate."""
    rate = ctx.conn.execute(
        select(table.c.amount)
        .where(table.c.user_id == user.id)
        .where(or_(table.c.start_date.is_(None), table.c.start_date <= when))
        .order_by(table.c.start_date.desc().nulls_last(), table.c.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    return rate if rate is not None else fallback  # type: ignore[no-any-return]


def links(ctx: Ctx, user: Row[Any], project_id: int, task_id: int, when: date) -> dict[str, Any]:
    """Validate the project, task and assignments; derive client, billable and rates."""
    project = store.find(ctx.conn, p, project_id)
    if project is None:
        raise unprocessable("Project does not exist")
    if not project.is_active:
        raise unprocessable("Project is archived")
    user_assignment = ctx.conn.execute(
        select(ua).where(ua.c.project_id == project.id, ua.c.user_id == user.id, ua.c.is_active)
    ).first()
    if user_assignment is None:
        raise unprocessable("User is not assigned to this project")
    if store.find(ctx.conn, k, task_id) is None:
        raise unprocessable("Task does not exist")
    task_assignment = ctx.conn.execute(
        select(ta).where(ta.c.project_id == project.id, ta.c.task_id == task_id, ta.c.is_active)
    ).first()
    if task_assignment is None:
        raise unprocessable("Task is not assigned to this project")
    billable = bool(project.is_billable and task_assignment.billable)
    rate: Decimal | None = None
    if billable and project.bill_by == "Project":
        rate = project.hourly_rate
    elif billable and project.bill_by == "Tasks":
        rate = task_assignment.hourly_rate
    elif billable and project.bill_by == "People":
        rate = (
            _rate_on(ctx, tables.billable_rates, user, when, user.default_hourly_rate)
            if user_assignment.use_default_rates
            else user_assignment.hourly_rate
        )
    return {
        "user_id": user.id,
        "project_id": project.id,
        "task_id": task_id,
        "client_id": project.client_id,
        "user_assignment_id": user_assignment.id,
        "task_assignment_id": task_assignment.id,
        "billable": billable,
        "budgeted": project.budget_by != "none",
        "billable_rate": rate,
        "cost_rate": _rate_on(ctx, tables.cost_rates, user, when, user.cost_rate),
    }
