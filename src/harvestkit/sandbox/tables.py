"""The sandbox's storage: one SQLAlchemy Core table per Harvest object.

Column names are Harvest's field names, so renderers read like the API docs. Money and
hours are stored as exact decimal text (SQLite has no decimal type); timestamps are naive
UTC; dates are calendar dates. Ids come from SQLite's rowid sequence and start where the
seed puts them, so they look like Harvest's (7+ digits, time entries above 2**31).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)
from sqlalchemy.engine import Dialect


class Dec(TypeDecorator[Decimal]):
    """A Decimal kept exactly, as text."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if isinstance(value, Decimal):
            return str(value)
        return str(Decimal(str(value)))

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


metadata = MetaData()

Id = BigInteger().with_variant(Integer(), "sqlite")  # INTEGER PRIMARY KEY is the rowid in SQLite


def _id() -> Column[int]:
    return Column("id", Id, primary_key=True, autoincrement=True)


def _stamps() -> list[Column[Any]]:
    return [
        Column("created_at", DateTime, nullable=False),
        Column("updated_at", DateTime, nullable=False),
    ]


def _ref(name: str, target: str, *, nullable: bool = True) -> Column[int]:
    return Column(name, Id, ForeignKey(f"{target}.id"), nullable=nullable, index=True)


# -- the account ------------------------------------------------------------------------

company = Table(
    "company",
    metadata,
    Column("id", Integer, primary_key=True),  # the Harvest account id
    Column("name", String(255), nullable=False),
    Column("subdomain", String(100), nullable=False),
    Column("is_active", Boolean, nullable=False, default=True),
    Column("week_start_day", String(10), nullable=False, default="Monday"),
    Column("wants_timestamp_timers", Boolean, nullable=False, default=False),
    Column("time_format", String(20), nullable=False, default="hours_minutes"),
    Column("date_format", String(20), nullable=False, default="%m/%d/%Y"),
    Column("plan_type", String(40), nullable=False, default="simple-v4"),
    Column("clock", String(3), nullable=False, default="12h"),
    Column("currency", String(3), nullable=False, default="USD"),
    Column("currency_code_display", String(20), nullable=False, default="iso_code_none"),
    Column("currency_symbol_display", String(20), nullable=False, default="symbol_before"),
    Column("decimal_symbol", String(1), nullable=False, default="."),
    Column("thousands_separator", String(1), nullable=False, default=","),
    Column("color_scheme", String(20), nullable=False, default="orange"),
    Column("weekly_capacity", Integer, nullable=False, default=126000),
    Column("expense_feature", Boolean, nullable=False, default=True),
    Column("invoice_feature", Boolean, nullable=False, default=True),
    Column("estimate_feature", Boolean, nullable=False, default=True),
    Column("approval_feature", Boolean, nullable=False, default=True),
    Column("team_feature", Boolean, nullable=False, default=True),
    # Not exposed by Harvest's company object, but they drive behaviour:
    Column("time_zone", String(64), nullable=False, default="Eastern Time (US & Canada)"),
    Column("rounding_minutes", Integer, nullable=True),  # None: time rounding off
    Column("invoice_number_next", Integer, nullable=False, default=1001),
    Column("estimate_number_next", Integer, nullable=False, default=1001),
)

# Harvest ID (the identity service): people who log in, OAuth applications, tokens.
oauth_clients = Table(
    "oauth_clients",
    metadata,
    Column("client_id", String(64), primary_key=True),
    Column("client_secret", String(128), nullable=False),
    Column("name", String(255), nullable=False),
    Column("redirect_uri", String(1000), nullable=False),
)

access_tokens = Table(
    "access_tokens",
    metadata,
    Column("token", String(200), primary_key=True),
    Column("user_id", Id, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(10), nullable=False),  # pat | oauth
    Column("client_id", String(64), nullable=True),
    Column("scope", String(200), nullable=False, default="all"),
    Column("expires_at", DateTime, nullable=True),
    Column("revoked", Boolean, nullable=False, default=False),
    Column("created_at", DateTime, nullable=False),
)

refresh_tokens = Table(
    "refresh_tokens",
    metadata,
    Column("token", String(200), primary_key=True),
    Column("user_id", Id, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("client_id", String(64), nullable=False),
    Column("scope", String(200), nullable=False),
    Column("revoked", Boolean, nullable=False, default=False),
    Column("created_at", DateTime, nullable=False),
)

authorization_codes = Table(
    "authorization_codes",
    metadata,
    Column("code", String(200), primary_key=True),
    Column("user_id", Id, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("client_id", String(64), nullable=False),
    Column("redirect_uri", String(1000), nullable=True),
    Column("scope", String(200), nullable=False),
    Column("expires_at", DateTime, nullable=False),
    Column("used", Boolean, nullable=False, default=False),
)

# -- people -------------------------------------------------------------------------------

users = Table(
    "users",
    metadata,
    _id(),
    Column("first_name", String(255), nullable=False),
    Column("last_name", String(255), nullable=False),
    Column("email", String(255), nullable=False, unique=True),
    Column("telephone", String(100), nullable=False, default=""),
    Column("timezone", String(64), nullable=False),
    Column("has_access_to_all_future_projects", Boolean, nullable=False, default=False),
    Column("is_contractor", Boolean, nullable=False, default=False),
    Column("is_active", Boolean, nullable=False, default=True),
    Column("weekly_capacity", Integer, nullable=False),
    Column("default_hourly_rate", Dec, nullable=True),
    Column("cost_rate", Dec, nullable=True),
    Column("roles", JSON, nullable=False, default=list),  # role names, as Harvest renders them
    # Exactly one of administrator|manager|member, plus manager permissions.
    Column("access_roles", JSON, nullable=False, default=list),
    Column("avatar_url", String(1000), nullable=False, default=""),
    *_stamps(),
)

billable_rates = Table(
    "billable_rates",
    metadata,
    _id(),
    _ref("user_id", "users", nullable=False),
    Column("amount", Dec, nullable=False),
    Column("start_date", Date, nullable=True),
    *_stamps(),
)

cost_rates = Table(
    "cost_rates",
    metadata,
    _id(),
    _ref("user_id", "users", nullable=False),
    Column("amount", Dec, nullable=False),
    Column("start_date", Date, nullable=True),
    *_stamps(),
)

# A manager's assigned teammates (the people they manage).
teammates = Table(
    "teammates",
    metadata,
    Column("manager_id", Id, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("teammate_id", Id, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)

roles = Table(
    "roles",
    metadata,
    _id(),
    Column("name", String(255), nullable=False),
    *_stamps(),
)

role_users = Table(
    "role_users",
    metadata,
    Column("role_id", Id, ForeignKey("roles.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", Id, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)

# -- clients and projects ----------------------------------------------------------------

clients = Table(
    "clients",
    metadata,
    _id(),
    Column("name", String(255), nullable=False),
    Column("is_active", Boolean, nullable=False, default=True),
    Column("address", Text, nullable=True),
    Column("statement_key", String(40), nullable=False),
    Column("currency", String(3), nullable=False),
    *_stamps(),
)

contacts = Table(
    "contacts",
    metadata,
    _id(),
    _ref("client_id", "clients", nullable=False),
    Column("title", String(255), nullable=True),
    Column("first_name", String(255), nullable=False),
    Column("last_name", String(255), nullable=True),
    Column("email", String(255), nullable=False, default=""),
    Column("phone_office", String(100), nullable=False, default=""),
    Column("phone_mobile", String(100), nullable=False, default=""),
    Column("fax", String(100), nullable=False, default=""),
    *_stamps(),
)

tasks = Table(
    "tasks",
    metadata,
    _id(),
    Column("name", String(255), nullable=False),
    Column("billable_by_default", Boolean, nullable=False, default=True),
    Column("default_hourly_rate", Dec, nullable=True),
    Column("is_default", Boolean, nullable=False, default=False),
    Column("is_active", Boolean, nullable=False, default=True),
    *_stamps(),
)

projects = Table(
    "projects",
    metadata,
    _id(),
    _ref("client_id", "clients", nullable=False),
    Column("name", String(255), nullable=False),
    Column("code", String(100), nullable=True),
    Column("is_active", Boolean, nullable=False, default=True),
    Column("is_billable", Boolean, nullable=False, default=True),
    Column("is_fixed_fee", Boolean, nullable=False, default=False),
    Column("bill_by", String(10), nullable=False, default="none"),  # Project|Tasks|People|none
    Column("hourly_rate", Dec, nullable=True),
    Column("budget", Dec, nullable=True),
    # project|project_cost|task|task_fees|person|none
    Column("budget_by", String(20), nullable=False, default="none"),
    Column("budget_is_monthly", Boolean, nullable=False, default=False),
    Column("notify_when_over_budget", Boolean, nullable=False, default=False),
    Column("over_budget_notification_percentage", Dec, nullable=False, default=Decimal("80")),
    Column("over_budget_notification_date", Date, nullable=True),
    Column("show_budget_to_all", Boolean, nullable=False, default=False),
    Column("cost_budget", Dec, nullable=True),
    Column("cost_budget_include_expenses", Boolean, nullable=False, default=False),
    Column("fee", Dec, nullable=True),
    Column("notes", Text, nullable=True),
    Column("starts_on", Date, nullable=True),
    Column("ends_on", Date, nullable=True),
    *_stamps(),
)

user_assignments = Table(
    "user_assignments",
    metadata,
    _id(),
    _ref("project_id", "projects", nullable=False),
    _ref("user_id", "users", nullable=False),
    Column("is_active", Boolean, nullable=False, default=True),
    Column("is_project_manager", Boolean, nullable=False, default=False),
    Column("use_default_rates", Boolean, nullable=False, default=True),
    Column("hourly_rate", Dec, nullable=True),
    Column("budget", Dec, nullable=True),
    *_stamps(),
)

task_assignments = Table(
    "task_assignments",
    metadata,
    _id(),
    _ref("project_id", "projects", nullable=False),
    _ref("task_id", "tasks", nullable=False),
    Column("is_active", Boolean, nullable=False, default=True),
    Column("billable", Boolean, nullable=False, default=True),
    Column("hourly_rate", Dec, nullable=True),
    Column("budget", Dec, nullable=True),
    *_stamps(),
)

# -- time ----------------------------------------------------------------------------------

time_entries = Table(
    "time_entries",
    metadata,
    _id(),
    Column("spent_date", Date, nullable=False),
    _ref("user_id", "users", nullable=False),
    _ref("client_id", "clients", nullable=False),
    _ref("project_id", "projects", nullable=False),
    _ref("task_id", "tasks", nullable=False),
    Column("user_assignment_id", Id, nullable=True),
    Column("task_assignment_id", Id, nullable=True),
    Column("hours_without_timer", Dec, nullable=False),  # stopped hours
    Column("notes", Text, nullable=True),
    Column("is_locked", Boolean, nullable=False, default=False),
    Column("locked_reason", String(255), nullable=True),
    Column("approval_status", String(20), nullable=False, default="unsubmitted"),
    Column("invoice_id", Id, nullable=True, index=True),
    Column("timer_started_at", DateTime, nullable=True),  # set while running
    Column("started_time", String(10), nullable=True),  # timestamp mode, company clock format
    Column("ended_time", String(10), nullable=True),
    Column("billable", Boolean, nullable=False),
    Column("budgeted", Boolean, nullable=False),
    Column("billable_rate", Dec, nullable=True),
    Column("cost_rate", Dec, nullable=True),
    Column("external_reference", JSON(none_as_null=True), nullable=True),
    Column("external_reference_id", String(255), nullable=True, index=True),
    *_stamps(),
    Index("ix_time_entries_user_date", "user_id", "spent_date"),
    Index("ix_time_entries_project_date", "project_id", "spent_date"),
    Index("ix_time_entries_client_date", "client_id", "spent_date"),
    Index("ix_time_entries_spent_date", "spent_date"),
    Index("ix_time_entries_updated_at", "updated_at"),
)

# -- expenses ------------------------------------------------------------------------------

expense_categories = Table(
    "expense_categories",
    metadata,
    _id(),
    Column("name", String(255), nullable=False),
    Column("unit_name", String(100), nullable=True),
    Column("unit_price", Dec, nullable=True),
    Column("is_active", Boolean, nullable=False, default=True),
    *_stamps(),
)

expenses = Table(
    "expenses",
    metadata,
    _id(),
    _ref("client_id", "clients", nullable=False),
    _ref("project_id", "projects", nullable=False),
    _ref("expense_category_id", "expense_categories", nullable=False),
    _ref("user_id", "users", nullable=False),
    Column("user_assignment_id", Id, nullable=True),
    Column("spent_date", Date, nullable=False, index=True),
    Column("notes", Text, nullable=True),
    Column("units", Dec, nullable=True),
    Column("total_cost", Dec, nullable=False),
    Column("billable", Boolean, nullable=False, default=True),
    Column("is_locked", Boolean, nullable=False, default=False),
    Column("locked_reason", String(255), nullable=True),
    Column("approval_status", String(20), nullable=False, default="unsubmitted"),
    Column("invoice_id", Id, nullable=True, index=True),
    Column("receipt_file_name", String(255), nullable=True),
    Column("receipt_content_type", String(100), nullable=True),
    Column("receipt_data", LargeBinary, nullable=True),
    *_stamps(),
)

# -- invoices ------------------------------------------------------------------------------

invoice_item_categories = Table(
    "invoice_item_categories",
    metadata,
    _id(),
    Column("name", String(255), nullable=False),
    Column("use_as_service", Boolean, nullable=False, default=False),
    Column("use_as_expense", Boolean, nullable=False, default=False),
    *_stamps(),
)

invoices = Table(
    "invoices",
    metadata,
    _id(),
    _ref("client_id", "clients", nullable=False),
    Column("number", String(100), nullable=False),
    Column("purchase_order", String(255), nullable=True),
    Column("tax", Dec, nullable=True),
    Column("tax2", Dec, nullable=True),
    Column("discount", Dec, nullable=True),
    Column("subject", String(255), nullable=True),
    Column("notes", Text, nullable=True),
    Column("currency", String(3), nullable=False),
    Column("state", String(10), nullable=False, default="draft"),  # draft|open|paid|closed
    Column("period_start", Date, nullable=True),
    Column("period_end", Date, nullable=True),
    Column("issue_date", Date, nullable=False),
    Column("due_date", Date, nullable=False),
    Column("payment_term", String(20), nullable=False, default="custom"),
    Column("payment_options", JSON, nullable=False, default=list),
    Column("sent_at", DateTime, nullable=True),
    Column("paid_at", DateTime, nullable=True),
    Column("paid_date", Date, nullable=True),
    Column("closed_at", DateTime, nullable=True),
    Column("recurring_invoice_id", Id, nullable=True),
    Column("estimate_id", Id, nullable=True),
    Column("retainer_id", Id, nullable=True),
    _ref("creator_id", "users", nullable=True),
    Column("client_key", String(40), nullable=False),
    *_stamps(),
)

invoice_line_items = Table(
    "invoice_line_items",
    metadata,
    _id(),
    Column("invoice_id", Id, ForeignKey("invoices.id", ondelete="CASCADE"), index=True),
    Column("project_id", Id, nullable=True),
    Column("kind", String(255), nullable=False),
    Column("description", Text, nullable=True),
    Column("quantity", Dec, nullable=False),
    Column("unit_price", Dec, nullable=False),
    Column("taxed", Boolean, nullable=False, default=False),
    Column("taxed2", Boolean, nullable=False, default=False),
    Column("position", Integer, nullable=False, default=0),
)

invoice_messages = Table(
    "invoice_messages",
    metadata,
    _id(),
    Column("invoice_id", Id, ForeignKey("invoices.id", ondelete="CASCADE"), index=True),
    Column("sent_by", String(255), nullable=False),
    Column("sent_by_email", String(255), nullable=False),
    Column("sent_from", String(255), nullable=False),
    Column("sent_from_email", String(255), nullable=False),
    Column("recipients", JSON, nullable=False, default=list),
    Column("subject", Text, nullable=True),
    Column("body", Text, nullable=True),
    Column("include_link_to_client_invoice", Boolean, nullable=False, default=False),
    Column("attach_pdf", Boolean, nullable=False, default=False),
    Column("send_me_a_copy", Boolean, nullable=False, default=False),
    Column("thank_you", Boolean, nullable=False, default=False),
    Column("event_type", String(20), nullable=True),
    Column("reminder", Boolean, nullable=False, default=False),
    Column("send_reminder_on", Date, nullable=True),
    *_stamps(),
)

invoice_payments = Table(
    "invoice_payments",
    metadata,
    _id(),
    Column("invoice_id", Id, ForeignKey("invoices.id", ondelete="CASCADE"), index=True),
    Column("amount", Dec, nullable=False),
    Column("paid_at", DateTime, nullable=True),
    Column("paid_date", Date, nullable=True),
    Column("recorded_by", String(255), nullable=False),
    Column("recorded_by_email", String(255), nullable=False),
    Column("notes", Text, nullable=True),
    Column("transaction_id", String(255), nullable=True),
    Column("payment_gateway", JSON, nullable=True),
    *_stamps(),
)

# -- estimates -----------------------------------------------------------------------------

estimate_item_categories = Table(
    "estimate_item_categories",
    metadata,
    _id(),
    Column("name", String(255), nullable=False),
    *_stamps(),
)

estimates = Table(
    "estimates",
    metadata,
    _id(),
    _ref("client_id", "clients", nullable=False),
    Column("number", String(100), nullable=False),
    Column("purchase_order", String(255), nullable=True),
    Column("tax", Dec, nullable=True),
    Column("tax2", Dec, nullable=True),
    Column("discount", Dec, nullable=True),
    Column("subject", String(255), nullable=True),
    Column("notes", Text, nullable=True),
    Column("currency", String(3), nullable=False),
    Column("state", String(10), nullable=False, default="draft"),  # draft|sent|accepted|declined
    Column("issue_date", Date, nullable=True),
    Column("sent_at", DateTime, nullable=True),
    Column("accepted_at", DateTime, nullable=True),
    Column("declined_at", DateTime, nullable=True),
    _ref("creator_id", "users", nullable=True),
    Column("client_key", String(40), nullable=False),
    *_stamps(),
)

estimate_line_items = Table(
    "estimate_line_items",
    metadata,
    _id(),
    Column("estimate_id", Id, ForeignKey("estimates.id", ondelete="CASCADE"), index=True),
    Column("kind", String(255), nullable=False),
    Column("description", Text, nullable=True),
    Column("quantity", Dec, nullable=False),
    Column("unit_price", Dec, nullable=False),
    Column("taxed", Boolean, nullable=False, default=False),
    Column("taxed2", Boolean, nullable=False, default=False),
    Column("position", Integer, nullable=False, default=0),
)

estimate_messages = Table(
    "estimate_messages",
    metadata,
    _id(),
    Column("estimate_id", Id, ForeignKey("estimates.id", ondelete="CASCADE"), index=True),
    Column("sent_by", String(255), nullable=False),
    Column("sent_by_email", String(255), nullable=False),
    Column("sent_from", String(255), nullable=False),
    Column("sent_from_email", String(255), nullable=False),
    Column("recipients", JSON, nullable=False, default=list),
    Column("subject", Text, nullable=True),
    Column("body", Text, nullable=True),
    Column("send_me_a_copy", Boolean, nullable=False, default=False),
    Column("event_type", String(20), nullable=True),
    *_stamps(),
)

# Sandbox-only bookkeeping (not Harvest objects).
sandbox_meta = Table(
    "sandbox_meta",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)

# Where each table's ids start, so they look like Harvest ids.
ID_FLOORS: dict[str, int] = {
    "users": 1782884,
    "billable_rates": 1836493,
    "cost_rates": 825301,
    "roles": 617630,
    "clients": 5735774,
    "contacts": 4706479,
    "tasks": 8083365,
    "projects": 14307913,
    "user_assignments": 125068553,
    "task_assignments": 155502709,
    "time_entries": 2364808950,
    "expense_categories": 4195926,
    "expenses": 15296442,
    "invoice_item_categories": 1466293,
    "invoices": 13150378,
    "invoice_line_items": 53341602,
    "invoice_messages": 27835209,
    "invoice_payments": 10112854,
    "estimate_item_categories": 1378704,
    "estimates": 1439814,
    "estimate_line_items": 53334195,
    "estimate_messages": 2666236,
}

# AUTOINCREMENT: SQLite never hands out an id twice, as Harvest never does, even after
# the newest row is deleted. Sequences start at ID_FLOORS (see store.create_schema).
for _table in metadata.tables.values():
    if _table.name in ID_FLOORS:
        _table.dialect_options["sqlite"]["autoincrement"] = True
