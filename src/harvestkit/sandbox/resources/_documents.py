"""What invoices and estimates share: their common fields, numbering, list filters, and
the recipients and sender of their messages."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, Row, Select, Table, exists, select, update

from .. import store, tables
from ..context import Ctx
from ..errors import unprocessable
from ..params import to_date
from .common import check_currency, updated_since


def client_of(ctx: Ctx, required: bool) -> Row[Any] | None:
    """The `client_id` parameter's client; 422 when required and missing or unknown."""
    client_id = ctx.params.int("client_id")
    if client_id is None:
        if required or ctx.params.has("client_id"):
            raise unprocessable("Client can't be blank")
        return None
    client = store.find(ctx.conn, tables.clients, client_id)
    if client is None:
        raise unprocessable("Client can't be blank")
    return client


def common_fields(ctx: Ctx) -> dict[str, Any]:
    """Fields invoices and estimates both take; only those given."""
    p = ctx.params
    values: dict[str, Any] = {}
    for name in ("purchase_order", "subject", "notes"):
        if p.has(name):
            values[name] = p.str(name)
    for name in ("tax", "tax2", "discount"):
        if p.has(name):
            percent = p.decimal(name)
            if percent is not None and not 0 <= percent <= 100:
                raise unprocessable(f"{name.capitalize()} must be between 0 and 100")
            values[name] = percent
    if p.has("number") and p.raw("number") is not None:
        values["number"] = p.required_str("number")
    if p.has("currency") and p.raw("currency") is not None:
        values["currency"] = check_currency(p.required_str("currency"))
    if p.has("issue_date"):
        values["issue_date"] = p.date("issue_date")
    return values


def check_number(ctx: Ctx, table: Table, number: str, own_id: int | None = None) -> None:
    query = exists().where(table.c.number == number)
    if own_id is not None:
        query = query.where(table.c.id != own_id)
    if ctx.conn.execute(select(query)).scalar():
        raise unprocessable("Number has already been taken")


def next_number(ctx: Ctx, table: Table, counter: str) -> str:
    """The company's next document number (skipping any taken by hand), then advance it."""
    value = int(getattr(ctx.company, counter))
    while ctx.conn.execute(select(exists().where(table.c.number == str(value)))).scalar():
        value += 1
    ctx.conn.execute(update(tables.company).values({counter: value + 1}))
    return str(value)


def states(ctx: Ctx) -> list[str]:
    """`state` may repeat (`state=draft&state=open`) or use `state[]=`."""
    given = ctx.request.query_params.getlist("state") + ctx.request.query_params.getlist("state[]")
    if not given and ctx.params.has("state"):
        given = [str(v) for v in ctx.params.list("state") or []]
    return [s for value in given for s in str(value).split(",") if s]


def list_filters(ctx: Ctx, query: Select[Any], table: Table) -> Select[Any]:
    """`client_id`, `from`/`to` (on issue_date), `state` and `updated_since`."""
    if (client_id := ctx.params.int("client_id")) is not None:
        query = query.where(table.c.client_id == client_id)
    issue: Column[Any] = table.c.issue_date
    if (start := to_date(ctx.params.raw("from"), "from")) is not None:
        query = query.where(issue >= start)
    if (end := to_date(ctx.params.raw("to"), "to")) is not None:
        query = query.where(issue <= end)
    if wanted := states(ctx):
        query = query.where(table.c.state.in_(wanted))
    return updated_since(ctx, query, table)


def user_name(user: Row[Any]) -> str:
    return f"{user.first_name} {user.last_name}"


def recipients(ctx: Ctx) -> list[dict[str, Any]]:
    """`recipients[]` as `{name, email}`; each needs an email."""
    raw = ctx.params.list("recipients") or []
    out = []
    for item in raw:
        if not isinstance(item, dict):
            raise unprocessable("Recipients is invalid")
        email = item.get("email")
        if not isinstance(email, str) or "@" not in email:
            raise unprocessable("Recipients email is invalid")
        name = item.get("name")
        out.append({"name": None if name is None else str(name), "email": email.strip()})
    return out


def sender(ctx: Ctx) -> dict[str, Any]:
    name = user_name(ctx.user)
    return {
        "sent_by": name,
        "sent_by_email": ctx.user.email,
        "sent_from": name,
        "sent_from_email": ctx.user.email,
    }


def with_copy(ctx: Ctx, people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`send_me_a_copy` adds the sender to the recipients, as the docs' examples show."""
    if any(r["email"].lower() == ctx.user.email.lower() for r in people):
        return people
    return [*people, {"name": user_name(ctx.user), "email": ctx.user.email}]


def money_text(currency: str, amount: float) -> str:
    """`€288.90`, as message templates show amounts."""
    symbol = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}.get(currency, f"{currency} ")
    return f"{symbol}{amount:,.2f}"


def company_date(ctx: Ctx, value: Any) -> str:
    """A date in the company's `date_format` (`04/01/2017`)."""
    return "" if value is None else str(value.strftime(ctx.company.date_format))
