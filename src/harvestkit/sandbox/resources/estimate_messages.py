"""Estimate messages and the state changes they carry (API-NOTES §8.5, §10.9).

    draft --send--> sent --accept--> accepted
                         --decline--> declined --re-open--> sent

A message without `event_type` emails the estimate; a draft becomes sent.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, select
from starlette.responses import Response

from .. import store, tables
from ..context import Ctx
from ..errors import refused, unprocessable
from ..pagination import paginate
from ..render import ts
from ..responses import created, json_response
from ..routing import route
from ._documents import company_date, money_text, recipients, sender, with_copy
from .common import updated_since
from .estimates import estimate_amount, find_estimate

t = tables.estimate_messages

# event → (states it applies to, verb for the refusal, changes to the estimate)
EVENTS: dict[str, tuple[tuple[str, ...], str, dict[str, Any]]] = {
    "send": (("draft",), "marked as sent", {"state": "sent"}),
    "accept": (("sent",), "accepted", {"state": "accepted"}),
    "decline": (("sent",), "declined", {"state": "declined"}),
    "re-open": (
        ("accepted", "declined"),
        "re-opened",
        {"state": "sent", "accepted_at": None, "declined_at": None},
    ),
}
STAMPS = {"send": "sent_at", "accept": "accepted_at", "decline": "declined_at"}


def render_message(row: Row[Any]) -> dict[str, Any]:
    return {
        "id": row.id,
        "sent_by": row.sent_by,
        "sent_by_email": row.sent_by_email,
        "sent_from": row.sent_from,
        "sent_from_email": row.sent_from_email,
        "send_me_a_copy": row.send_me_a_copy,
        "created_at": ts(row.created_at),
        "updated_at": ts(row.updated_at),
        "recipients": list(row.recipients or []),
        "event_type": row.event_type,
        "subject": row.subject,
        "body": row.body,
    }


def _template(ctx: Ctx, estimate: Row[Any]) -> dict[str, str]:
    client = store.fetch(ctx.conn, tables.clients, estimate.client_id)
    rule = "-" * 45
    amount = money_text(estimate.currency, estimate_amount(ctx, estimate) or 0.0)
    return {
        "subject": f"Estimate #{estimate.number} from {ctx.company.name}",
        "body": (
            f"{rule}\nEstimate Summary\n{rule}\nEstimate ID: {estimate.number}\n"
            f"Estimate Date: {company_date(ctx, estimate.issue_date)}\n"
            f"Client: {client.name}\nP.O. Number: {estimate.purchase_order or ''}\n"
            f"Amount: {amount}\n\nYou can view the estimate here:\n\n%estimate_url%\n\n"
            f"Thank you!\n{rule}"
        ),
    }


def list_messages(ctx: Ctx) -> Response:
    estimate = find_estimate(ctx)
    query = select(t).where(t.c.estimate_id == estimate.id)
    query = updated_since(ctx, query, t).order_by(t.c.created_at.desc(), t.c.id.desc())
    return paginate(ctx, query, key="estimate_messages", render=render_message, style="cursor")


def _event(ctx: Ctx, estimate: Row[Any], event: str) -> dict[str, Any]:
    if event not in EVENTS:
        raise unprocessable("Event type is not included in the list")
    sources, verb, changes = EVENTS[event]
    if estimate.state not in sources:
        raise refused(f"This estimate can't be {verb} while it is {estimate.state}.")
    stamp = {STAMPS[event]: ctx.now} if event in STAMPS else {}
    store.change(
        ctx.conn, tables.estimates, estimate.id, {**changes, **stamp, "updated_at": ctx.now}
    )
    return {"event_type": event, "recipients": [], "subject": None, "body": None}


def _send(ctx: Ctx, estimate: Row[Any]) -> dict[str, Any]:
    p = ctx.params
    people = recipients(ctx)
    copy = bool(p.bool("send_me_a_copy"))
    if not people and not copy:
        raise unprocessable("Recipients can't be blank")
    if estimate.state == "draft":
        store.change(
            ctx.conn,
            tables.estimates,
            estimate.id,
            {"state": "sent", "sent_at": ctx.now, "updated_at": ctx.now},
        )
    text = _template(ctx, estimate)
    return {
        "event_type": None,
        "recipients": with_copy(ctx, people) if copy else people,
        "subject": p.str("subject") if p.has("subject") else text["subject"],
        "body": p.str("body") if p.has("body") else text["body"],
        "send_me_a_copy": copy,
    }


def create_message(ctx: Ctx) -> Response:
    estimate = find_estimate(ctx)
    event = ctx.params.str("event_type")
    values = _event(ctx, estimate, event) if event else _send(ctx, estimate)
    new_id = store.add(
        ctx.conn,
        t,
        {
            **values,
            **sender(ctx),
            "estimate_id": estimate.id,
            "created_at": ctx.now,
            "updated_at": ctx.now,
        },
    )
    path = f"estimates/{estimate.id}/messages"
    return created(ctx.request, render_message(store.fetch(ctx.conn, t, new_id)), path)


def delete_message(ctx: Ctx) -> Response:
    estimate = find_estimate(ctx)
    row = store.fetch_under(ctx.conn, t, ctx.path_id("message_id"), "estimate_id", estimate.id)
    store.remove(ctx.conn, t, row.id)
    return json_response(ctx.request, render_message(row))


ROUTES = [
    route("GET", "/v2/estimates/{id}/messages", list_messages),
    route("POST", "/v2/estimates/{id}/messages", create_message),
    route("DELETE", "/v2/estimates/{id}/messages/{message_id}", delete_message),
]
