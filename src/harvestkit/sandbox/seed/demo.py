"""The `demo` seed: Bright Harbor Studio, a design and development agency in New York with
six months of history (docs/sandbox.md gives the tour).

Everything is made in memory first, because later steps reshape earlier rows (budgets are
fitted to the tracked time, invoices lock the entries they bill), then each table goes in
with one executemany. All randomness comes from `random.Random(random_seed)`, so the same
seed and day give the same rows.
"""

from __future__ import annotations

from datetime import datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, Table, insert, update
from sqlalchemy.engine import Connection

from .. import tables
from ._demo_billing import build_invoices, invoice_periods
from ._demo_budgets import fit_budgets
from ._demo_catalog import COMPANY_NAME, EASTERN, SUBDOMAIN
from ._demo_estimates import build_estimates
from ._demo_expenses import build_expenses
from ._demo_people import build_catalog, build_people
from ._demo_time import build_time
from ._demo_world import World
from .base import BaseSeed

# Parents before children, so foreign keys hold at every insert.
_ORDER = (
    "users",
    "billable_rates",
    "cost_rates",
    "teammates",
    "roles",
    "role_users",
    "clients",
    "contacts",
    "tasks",
    "projects",
    "user_assignments",
    "task_assignments",
    "expense_categories",
    "invoices",
    "invoice_line_items",
    "invoice_payments",
    "invoice_messages",
    "time_entries",
    "expenses",
    "estimates",
    "estimate_line_items",
    "estimate_messages",
)


def seed_demo(
    conn: Connection, base: BaseSeed, *, today: datetime, random_seed: int, scale: int = 1
) -> None:
    """Fill the account seed_base made with the demo agency, `scale` times its size (see
    `staff`). `today` is aware UTC."""
    world = World.begin(today, random_seed, scale)
    admin = build_people(world, base.admin_id)
    build_catalog(world)
    periods = invoice_periods(world)
    latest = (periods[-1][0], periods[-1][1]) if periods else (world.end, world.end)
    expenses = build_expenses(world, latest)
    entries = build_time(world, periods, expenses)
    fit_budgets(world, entries, expenses)
    build_invoices(world, entries, expenses)
    build_estimates(world)

    conn.execute(
        update(tables.company).values(
            name=COMPANY_NAME,
            subdomain=SUBDOMAIN,
            time_zone=EASTERN,
            week_start_day="Monday",
            clock="12h",
            currency="USD",
            wants_timestamp_timers=False,
            rounding_minutes=None,
            expense_feature=True,
            invoice_feature=True,
            estimate_feature=True,
            approval_feature=True,
            team_feature=True,
            invoice_number_next=1001 + len(world.rows.get("invoices", [])),
            estimate_number_next=1001 + len(world.rows.get("estimates", [])),
        )
    )
    conn.execute(update(tables.users).where(tables.users.c.id == base.admin_id).values(**admin))
    for name in _ORDER:
        rows = world.rows.get(name)
        if rows:
            _insert(conn, tables.metadata.tables[name], rows)


def _insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """One executemany for the whole table. Values go through each column type's own bind
    processor, column by column, straight to the driver: SQLAlchemy's per-row parameter
    handling would take longer than the rest of the seed together."""
    names = [column.name for column in table.columns if column.name in rows[0]]
    columns: list[Any] = list(zip(*map(itemgetter(*names), rows), strict=True))
    # A column that is NULL throughout needs no binding at all (JSON excepted: its None
    # is stored as JSON null, as the API's own inserts store it).
    keep = [
        i
        for i, name in enumerate(names)
        if isinstance(table.c[name].type, JSON) or any(v is not None for v in columns[i])
    ]
    names, columns = [names[i] for i in keep], [columns[i] for i in keep]
    for index, name in enumerate(names):
        process = table.c[name].type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
        if process is not None:
            columns[index] = map(process, columns[index])
    statement = insert(table).compile(dialect=conn.dialect, column_keys=names)
    conn.exec_driver_sql(str(statement), list(zip(*columns, strict=True)))
