"""Records the sandbox tests act on, created through the SDK on first use."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Any

from harvestkit.api import Harvest
from harvestkit.api.types import (
    Client,
    Contact,
    Estimate,
    EstimateItemCategory,
    Expense,
    ExpenseCategory,
    Invoice,
    InvoiceItemCategory,
    Project,
    Role,
    Task,
    TaskAssignment,
    TimeEntry,
    User,
    UserAssignment,
)

SPENT = date(2026, 11, 2)
FROM, TO = date(2026, 11, 1), date(2026, 11, 30)
RECIPIENT = {"name": "Cleo Contact", "email": "cleo@acme.example"}
LINE = {
    "kind": "Service",
    "description": "Design",
    "quantity": Decimal(2),
    "unit_price": Decimal(100),
}


class World:
    """One of each record, made on first access; the client is an administrator."""

    _made = 0

    def __init__(self, h: Harvest) -> None:
        self.h = h
        World._made += 1
        self.tag = World._made  # worlds share a sandbox; names and emails must not collide

    @cached_property
    def me(self) -> User:
        return self.h.users.me()

    @cached_property
    def client(self) -> Client:
        return self.h.clients.create(name=f"Acme Corp {self.tag}", currency="USD")

    @cached_property
    def contact(self) -> Contact:
        return self.h.contacts.create(
            client_id=self.client.id, first_name="Cleo", email=RECIPIENT["email"]
        )

    @cached_property
    def task(self) -> Task:
        return self.h.tasks.create(
            name=f"Design {self.tag}", billable_by_default=True, default_hourly_rate=Decimal(100)
        )

    @cached_property
    def project(self) -> Project:
        return self.h.projects.create(
            client_id=self.client.id,
            name=f"Website {self.tag}",
            is_billable=True,
            bill_by="Project",
            hourly_rate=Decimal(100),
            budget_by="project",
            budget=Decimal(100),
        )

    @cached_property
    def task_assignment(self) -> TaskAssignment:
        return self.h.projects.task_assignments.create(self.project.id, task_id=self.task.id)

    @cached_property
    def user_assignment(self) -> UserAssignment:
        for assignment in self.h.projects.user_assignments.list(self.project.id):
            if assignment.user and assignment.user.id == self.me.id:
                return assignment
        return self.h.projects.user_assignments.create(self.project.id, user_id=self.me.id)

    @cached_property
    def user(self) -> User:
        return self.h.users.create(
            first_name="Tess", last_name="Teammate", email=f"tess{self.tag}@agency.example"
        )

    @cached_property
    def manager(self) -> User:
        return self.h.users.create(
            first_name="Max",
            last_name="Manager",
            email=f"max{self.tag}@agency.example",
            access_roles=["manager"],
        )

    def entry(self, **changes: Any) -> TimeEntry:
        """A fresh time entry on the world's project (stopped unless ``hours`` is dropped)."""
        self.user_assignment  # noqa: B018 - the user must be assigned before tracking time
        fields: dict[str, Any] = {
            "project_id": self.project.id,
            "task_id": self.task_assignment.task.id if self.task_assignment.task else self.task.id,
            "spent_date": SPENT,
            "hours": Decimal("1.5"),
            "notes": "Wireframes",
        }
        fields.update(changes)
        return self.h.time_entries.create(**{k: v for k, v in fields.items() if v is not None})

    @cached_property
    def time_entry(self) -> TimeEntry:
        return self.entry()

    @cached_property
    def role(self) -> Role:
        return self.h.roles.create(name=f"Designers {self.tag}", user_ids=[self.me.id])

    @cached_property
    def invoice_item_category(self) -> InvoiceItemCategory:
        return self.h.invoice_item_categories.create(name=f"Consulting {self.tag}")

    @cached_property
    def estimate_item_category(self) -> EstimateItemCategory:
        return self.h.estimate_item_categories.create(name=f"Consulting {self.tag}")

    @cached_property
    def expense_category(self) -> ExpenseCategory:
        return self.h.expense_categories.create(name=f"Travel {self.tag}")

    @cached_property
    def expense(self) -> Expense:
        self.user_assignment  # noqa: B018 - the user must be assigned before spending
        return self.h.expenses.create(
            project_id=self.project.id,
            expense_category_id=self.expense_category.id,
            spent_date=SPENT,
            total_cost=Decimal("12.50"),
            notes="Train",
        )

    def new_invoice(self) -> Invoice:
        return self.h.invoices.create(
            client_id=self.client.id, subject="November", line_items=[LINE]
        )

    @cached_property
    def invoice(self) -> Invoice:
        return self.new_invoice()

    @property
    def invoice_line_id(self) -> int:
        assert self.invoice.line_items
        return self.invoice.line_items[0].id or 0

    @property
    def estimate_line_id(self) -> int:
        assert self.estimate.line_items
        return self.estimate.line_items[0].id or 0

    def open_invoice(self) -> Invoice:
        invoice = self.new_invoice()
        self.h.invoices.messages.mark_sent(invoice.id)
        return invoice

    def new_estimate(self) -> Estimate:
        return self.h.estimates.create(client_id=self.client.id, subject="Quote", line_items=[LINE])

    @cached_property
    def estimate(self) -> Estimate:
        return self.new_estimate()

    def sent_estimate(self) -> Estimate:
        estimate = self.new_estimate()
        self.h.estimates.messages.mark_sent(estimate.id)
        return estimate
