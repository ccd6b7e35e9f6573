"""The filters of the time entry list (API-NOTES §10.14)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select

from ... import tables
from ...context import Ctx
from ...errors import unprocessable
from ..common import updated_since

t = tables.time_entries
APPROVAL_STATUSES = ("unsubmitted", "submitted", "approved")


def filtered(ctx: Ctx, query: Select[Any]) -> Select[Any]:
    """`query` narrowed by the request's list filters."""
    q = ctx.params
    for name in ("user_id", "client_id", "project_id", "task_id"):
        if (value := q.int(name)) is not None:
            query = query.where(t.c[name] == value)
    if (ref := q.str("external_reference_id")) is not None:
        query = query.where(t.c.external_reference_id == ref)
    if (billed := q.bool("is_billed")) is not None:
        query = query.where(t.c.invoice_id.isnot(None) if billed else t.c.invoice_id.is_(None))
    if (running := q.bool("is_running")) is not None:
        query = query.where(
            t.c.timer_started_at.isnot(None) if running else t.c.timer_started_at.is_(None)
        )
    if (status := q.str("approval_status")) is not None:
        if status not in APPROVAL_STATUSES:
            raise unprocessable("Approval status is not included in the list")
        query = query.where(t.c.approval_status == status)
    if (start := q.date("from")) is not None:
        query = query.where(t.c.spent_date >= start)
    if (end := q.date("to")) is not None:
        query = query.where(t.c.spent_date <= end)
    return updated_since(ctx, query, t)
