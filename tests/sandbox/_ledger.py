"""Rows written straight into a sandbox's tables, for the expense and report tests: the
people, projects and tracked work those resources read, without their own routes."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, insert, update
from starlette.testclient import TestClient

from harvestkit.sandbox import store, tables
from tests.conftest import sandbox_of


class Ledger:
    """Adds records to the sandbox behind `client`; each method returns the new id."""

    def __init__(self, client: TestClient) -> None:
        self.sandbox = sandbox_of(client)
        self.admin_id = self.sandbox.admin_id

    @property
    def now(self) -> datetime:
        return self.sandbox.clock.utcnow()

    def add(self, table: Table, **values: Any) -> int:
        if "created_at" in table.c and "created_at" not in values:
            values |= {"created_at": self.now, "updated_at": self.now}
        with self.sandbox.engine.begin() as conn:
            return store.add(conn, table, values)

    def company(self, **values: Any) -> None:
        with self.sandbox.engine.begin() as conn:
            conn.execute(update(tables.company).values(**values))

    def client(self, name: str = "ABC Corp", currency: str = "USD") -> int:
        return self.add(tables.clients, name=name, currency=currency, statement_key="k" * 32)

    def project(self, client_id: int, name: str = "Marketing Website", **values: Any) -> int:
        return self.add(tables.projects, client_id=client_id, name=name, **values)

    def user(
        self, first: str = "Kim", last: str = "Allen", access: str = "member", **values: Any
    ) -> int:
        roles = [access, *values.pop("permissions", [])]
        return self.add(
            tables.users,
            first_name=first,
            last_name=last,
            email=f"{first}.{last}@example.com".lower(),
            timezone="Eastern Time (US & Canada)",
            weekly_capacity=values.pop("weekly_capacity", 126000),
            access_roles=roles,
            **values,
        )

    def assign(self, project_id: int, user_id: int, **values: Any) -> int:
        return self.add(tables.user_assignments, project_id=project_id, user_id=user_id, **values)

    def teammate(self, manager_id: int, teammate_id: int) -> None:
        with self.sandbox.engine.begin() as conn:
            conn.execute(
                insert(tables.teammates).values(manager_id=manager_id, teammate_id=teammate_id)
            )

    def task(self, name: str = "Design") -> int:
        return self.add(tables.tasks, name=name)

    def category(self, name: str = "Meals", **values: Any) -> int:
        return self.add(tables.expense_categories, name=name, **values)

    def invoice(self, client_id: int, number: str = "1001") -> int:
        return self.add(
            tables.invoices,
            client_id=client_id,
            number=number,
            currency="USD",
            issue_date=date(2026, 1, 1),
            due_date=date(2026, 1, 31),
            client_key="c" * 40,
        )

    def entry(
        self, user_id: int, project_id: int, task_id: int, spent: date, hours: str, **values: Any
    ) -> int:
        client_id = self._client_of(project_id)
        values.setdefault("billable", True)
        values.setdefault("budgeted", False)
        rate = values.pop("rate", None)
        return self.add(
            tables.time_entries,
            user_id=user_id,
            project_id=project_id,
            client_id=client_id,
            task_id=task_id,
            spent_date=spent,
            hours_without_timer=Decimal(hours),
            billable_rate=None if rate is None else Decimal(str(rate)),
            **values,
        )

    def expense(
        self, user_id: int, project_id: int, category_id: int, spent: date, cost: str, **values: Any
    ) -> int:
        return self.add(
            tables.expenses,
            user_id=user_id,
            project_id=project_id,
            client_id=self._client_of(project_id),
            expense_category_id=category_id,
            spent_date=spent,
            total_cost=Decimal(cost),
            units=Decimal(1),
            **values,
        )

    def _client_of(self, project_id: int) -> int:
        with self.sandbox.engine.begin() as conn:
            return int(store.fetch(conn, tables.projects, project_id).client_id)
