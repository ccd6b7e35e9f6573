"""Outcome tools: what people ask for, in their words — names, dates and durations — resolved
safely and done whole."""

from __future__ import annotations

from .._tool import Tool
from .add_expense import ADD_EXPENSE
from .budget import BUDGET_STATUS
from .capacity import TIMESHEET_GAPS, UTILIZATION
from .delete_invoice import DELETE_INVOICE_SAFELY
from .estimate_to_project import ESTIMATE_TO_PROJECT
from .expenses import UNBILLED_EXPENSES
from .explain_invoice import EXPLAIN_INVOICE
from .import_time import IMPORT_TIME
from .invoicing import INVOICE_FROM_TIME, RECORD_PAYMENT, SEND_INVOICE
from .log_time import LOG_TIME
from .time_reports import MY_TIME, TEAM_TIME
from .timers import CURRENT_TIMER, START_TIMER, STOP_TIMER

__all__ = ["OUTCOME_TOOLS"]

OUTCOME_TOOLS: tuple[Tool, ...] = (
    LOG_TIME,
    START_TIMER,
    STOP_TIMER,
    CURRENT_TIMER,
    MY_TIME,
    TEAM_TIME,
    BUDGET_STATUS,
    EXPLAIN_INVOICE,
    INVOICE_FROM_TIME,
    SEND_INVOICE,
    RECORD_PAYMENT,
    DELETE_INVOICE_SAFELY,
    UNBILLED_EXPENSES,
    ADD_EXPENSE,
    UTILIZATION,
    TIMESHEET_GAPS,
    ESTIMATE_TO_PROJECT,
    IMPORT_TIME,
)
"""Every outcome tool, in catalog order."""
