"""One Tool per operation-table row: name, annotations, models and handler, all derived.

Annotation rule (the MCP hints are derived from the row, never set by hand):

- readOnlyHint: the row is a read (GET).
- destructiveHint: the row writes and either deletes, moves money (invoices, payments,
  expenses, rates) or changes a record's state with a fixed body (an invoice or estimate
  ``event_type``, archiving a user, removing a line item). Creates and plain updates are
  additive or reversible edits and are not destructive.
- idempotentHint: the row's own flag: GET, PATCH and DELETE are idempotent, POST is not,
  and so is no PATCH that appends (line items) or starts a timer again.
- openWorldHint: always true. Every tool talks to Harvest, and its results carry text
  people wrote there (notes, names, subjects), which an agent must treat as data.

Destructive tools need confirmation (``confirm``/``dry_run`` inputs; ``ctx.ask`` otherwise),
and so do the few that are not destructive but reach a person (``_stakes.ASKS_FIRST``:
inviting a user).
"""

from __future__ import annotations

from functools import cache, partial
from typing import Any

from harvestkit.api import Operation

from .._tool import Annotations, Tool
from ._doc import Doc, render_description
from ._handler import make_handler
from ._models import input_model, output_model
from ._stakes import ASKS_FIRST

__all__ = ["annotations_for", "build_tool", "tool_name"]

# Row names that read badly as tool names. Everything else is the row name with dots as
# underscores and "retrieve" as "get".
RENAMES: dict[str, str] = {
    "time_entries.restart": "harvest_timers_restart",
    "time_entries.stop": "harvest_timers_stop",
    "users.project_assignments.list_mine": "harvest_my_project_assignments_list",
    "invoices.messages.create": "harvest_invoices_send",
    "invoices.messages.mark_sent": "harvest_invoices_mark_sent",
    "invoices.messages.mark_closed": "harvest_invoices_mark_closed",
    "invoices.messages.mark_draft": "harvest_invoices_mark_draft",
    "invoices.messages.reopen": "harvest_invoices_reopen",
    "invoices.messages.new_template": "harvest_invoices_message_template",
    "estimates.messages.create": "harvest_estimates_send",
    "estimates.messages.mark_sent": "harvest_estimates_mark_sent",
    "estimates.messages.mark_accepted": "harvest_estimates_mark_accepted",
    "estimates.messages.mark_declined": "harvest_estimates_mark_declined",
    "estimates.messages.reopen": "harvest_estimates_reopen",
    "reports.time_clients": "harvest_reports_time_by_client",
    "reports.time_projects": "harvest_reports_time_by_project",
    "reports.time_tasks": "harvest_reports_time_by_task",
    "reports.time_team": "harvest_reports_time_by_person",
    "reports.expenses_categories": "harvest_reports_expenses_by_category",
    "reports.expenses_clients": "harvest_reports_expenses_by_client",
    "reports.expenses_projects": "harvest_reports_expenses_by_project",
    "reports.expenses_team": "harvest_reports_expenses_by_person",
}


def tool_name(op: Operation[Any]) -> str:
    """``time_entries.create`` → ``harvest_time_entries_create``, via ``RENAMES``."""
    if op.name in RENAMES:
        return RENAMES[op.name]
    parts = ["get" if part == "retrieve" else part for part in op.name.split(".")]
    return "harvest_" + "_".join(parts)


def annotations_for(op: Operation[Any]) -> Annotations:
    """The four MCP hints of ``op``'s tool, by the rule in this module's docstring."""
    writes = not op.read_only
    return Annotations(
        read_only=op.read_only,
        destructive=writes and (op.destructive or op.moves_money or bool(op.fixed)),
        idempotent=op.idempotent,
        open_world=True,
    )


def _title(op: Operation[Any]) -> str:
    return op.summary.rstrip(".").split(" (")[0]


def build_tool(op: Operation[Any], doc: Doc, toolset: str) -> Tool:
    """The tool for ``op``, explained by ``doc``, in ``toolset``."""
    name = tool_name(op)
    hints = annotations_for(op)
    confirms = hints.destructive or op.name in ASKS_FIRST
    # Made on first use (most tools are never served), once: the handler and the record
    # must see the same output class.
    inputs = cache(partial(input_model, name, op, confirms=confirms))
    outputs = cache(partial(output_model, name, op, confirms=confirms))
    return Tool(
        name=name,
        title=_title(op),
        description=render_description(doc, is_list=op.is_list, confirms=confirms),
        toolset=toolset,
        input_model=inputs,
        output_model=outputs,
        annotations=hints,
        operations=(op,),
        handler=make_handler(name, op, outputs, title=_title(op), confirms=confirms),
        moves_money=op.moves_money,
        needs_confirmation=confirms,
        default=doc.default,
    )
