"""Reports (API-NOTES §8.9, §10.24–§10.27): time and expenses by client, project, task or
category, and person; uninvoiced work; project budgets.

Every report counts against the reports window (100 requests per 15 minutes). Time and
expense reports need `from` and `to`, group by (subject, currency), and show only what
the caller may see: administrators everything; managers their own work, their teammates'
and their managed projects'; members their own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Row, Select, Table, case, func, select
from sqlalchemy.sql.elements import ColumnElement
from starlette.responses import Response

from ... import tables
from ...context import Ctx
from ...pagination import paginate
from ...ratelimit import REPORTS
from ...routing import route
from .._expense_view import visible_rows
from ._projects import project_budget_report, uninvoiced_report
from ._sql import (
    billable_amount,
    entry_hours,
    ex,
    hours_of,
    money_of,
    project_label,
    real,
    sees_amounts,
    te,
    timeframe,
    total,
    user_label,
)

clients, projects, users = tables.clients, tables.projects, tables.users
tasks, categories = tables.tasks, tables.expense_categories
Column = tuple[str, ColumnElement[Any]]


@dataclass(frozen=True)
class Subject:
    """What a report groups by: fields before the figures, fields after, sort order."""

    group: ColumnElement[Any]
    order: ColumnElement[Any]
    head: list[Column]
    tail: list[Column] = field(default_factory=list)

    def columns(self) -> list[ColumnElement[Any]]:
        return [expr.label(key) for key, expr in (*self.head, *self.tail)]

    def render(self, row: Row[Any], figures: dict[str, Any]) -> dict[str, Any]:
        values = row._mapping
        return {
            **{key: values[key] for key, _ in self.head},
            **figures,
            **{key: values[key] for key, _ in self.tail},
        }


_CLIENT: list[Column] = [("client_id", clients.c.id), ("client_name", clients.c.name)]
_PROJECT: list[Column] = [("project_id", projects.c.id), ("project_name", project_label())]
_USER: list[Column] = [
    ("user_id", users.c.id),
    ("user_name", user_label()),
    ("is_contractor", users.c.is_contractor),
]

TIME_SUBJECTS = {
    "clients": Subject(clients.c.id, func.lower(clients.c.name), _CLIENT),
    "projects": Subject(projects.c.id, func.lower(project_label()), [*_PROJECT, *_CLIENT]),
    "tasks": Subject(
        tasks.c.id, func.lower(tasks.c.name), [("task_id", tasks.c.id), ("task_name", tasks.c.name)]
    ),
    "team": Subject(
        users.c.id,
        func.lower(user_label()),
        _USER,
        [("weekly_capacity", users.c.weekly_capacity), ("avatar_url", users.c.avatar_url)],
    ),
}

EXPENSE_SUBJECTS = {
    "clients": Subject(clients.c.id, func.lower(clients.c.name), _CLIENT),
    "projects": Subject(projects.c.id, func.lower(project_label()), [*_CLIENT, *_PROJECT]),
    "categories": Subject(
        categories.c.id,
        func.lower(categories.c.name),
        [("expense_category_id", categories.c.id), ("expense_category_name", categories.c.name)],
    ),
    "team": Subject(users.c.id, func.lower(user_label()), _USER),
}


def _grouped(ctx: Ctx, table: Table, subject: Subject, figures: list[Any]) -> Select[Any]:
    start, end = timeframe(ctx)
    joined = (
        table.join(clients, clients.c.id == table.c.client_id)
        .join(projects, projects.c.id == table.c.project_id)
        .join(users, users.c.id == table.c.user_id)
    )
    if table is te:
        joined = joined.join(tasks, tasks.c.id == te.c.task_id)
    else:
        joined = joined.join(categories, categories.c.id == ex.c.expense_category_id)
    query = (
        select(*subject.columns(), clients.c.currency.label("currency"), *figures)
        .select_from(joined)
        .where(table.c.spent_date.between(start, end))
        .group_by(subject.group, clients.c.currency)
        .order_by(subject.order, clients.c.currency, subject.group)
    )
    scope = visible_rows(ctx, table)
    return query if scope is None else query.where(scope)


def _time_report(subject: Subject) -> Callable[[Ctx], Response]:
    def report(ctx: Ctx) -> Response:
        hours = entry_hours(ctx)
        include_fixed_fee = bool(ctx.params.bool("include_fixed_fee"))
        query = _grouped(
            ctx,
            te,
            subject,
            [
                total(hours).label("total_hours"),
                total(case((te.c.billable, hours), else_=0.0)).label("billable_hours"),
                total(billable_amount(ctx, hours, include_fixed_fee)).label("billable_amount"),
            ],
        )
        amounts = sees_amounts(ctx)

        def render(row: Row[Any]) -> dict[str, Any]:
            return subject.render(
                row,
                {
                    "total_hours": hours_of(row.total_hours),
                    "billable_hours": hours_of(row.billable_hours),
                    "currency": row.currency if amounts else None,
                    "billable_amount": money_of(row.billable_amount) if amounts else None,
                },
            )

        return paginate(ctx, query, key="results", render=render, style="page")

    return report


def _expense_report(subject: Subject) -> Callable[[Ctx], Response]:
    def report(ctx: Ctx) -> Response:
        ctx.require_feature("expense_feature")
        cost = real(ex.c.total_cost)
        query = _grouped(
            ctx,
            ex,
            subject,
            [
                total(cost).label("total_amount"),
                total(case((ex.c.billable, cost), else_=0.0)).label("billable_amount"),
            ],
        )

        def render(row: Row[Any]) -> dict[str, Any]:
            return subject.render(
                row,
                {
                    "total_amount": money_of(row.total_amount),
                    "billable_amount": money_of(row.billable_amount),
                    "currency": row.currency,
                },
            )

        return paginate(ctx, query, key="results", render=render, style="page")

    return report


def _named(handler: Callable[[Ctx], Response], name: str) -> Callable[[Ctx], Response]:
    handler.__name__ = handler.__qualname__ = name
    return handler


ROUTES = [
    *(
        route(
            "GET",
            f"/v2/reports/time/{kind}",
            _named(_time_report(subject), f"time_{kind}_report"),
            bucket=REPORTS,
        )
        for kind, subject in TIME_SUBJECTS.items()
    ),
    *(
        route(
            "GET",
            f"/v2/reports/expenses/{kind}",
            _named(_expense_report(subject), f"expenses_{kind}_report"),
            bucket=REPORTS,
        )
        for kind, subject in EXPENSE_SUBJECTS.items()
    ),
    route("GET", "/v2/reports/uninvoiced", uninvoiced_report, bucket=REPORTS),
    route("GET", "/v2/reports/project_budget", project_budget_report, bucket=REPORTS),
]
