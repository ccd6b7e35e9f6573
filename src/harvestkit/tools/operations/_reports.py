"""Reports toolset: Harvest's aggregated time, expense, budget and uninvoiced reports.

Reports are totals computed by Harvest, far cheaper than adding up entries; from/to
(YYYY-MM-DD, at most one year apart) are required except for the budget report.
"""

from __future__ import annotations

from .._tool import REPORTS
from ._doc import Doc

__all__ = ["DOCS", "TOOLSET"]

TOOLSET = REPORTS

_PERIOD = {"from": "2026-11-01", "to": "2026-11-30"}

DOCS: dict[str, Doc] = {
    "reports.time_clients": Doc(
        what="Total and billable hours and billable amount per client (and currency) for a period.",
        when="to compare how much work went to each client in a month or quarter.",
        example=_PERIOD,
    ),
    "reports.time_projects": Doc(
        what="Total and billable hours and billable amount per project (with client) for a period.",
        when="to see where the team's time went by project, e.g. for a monthly review.",
        example=_PERIOD,
    ),
    "reports.time_tasks": Doc(
        what="Total and billable hours and billable amount per task for a period.",
        when="to see what kinds of work took the time (design vs. meetings).",
        example=_PERIOD,
    ),
    "reports.time_team": Doc(
        what="Total and billable hours per person for a period, with each person's weekly "
        "capacity.",
        when="to check utilisation or who logged too little time.",
        example={"from": "2026-11-16", "to": "2026-11-22"},
    ),
    "reports.expenses_categories": Doc(
        what="Total and billable expense amounts per expense category for a period.",
        when="to see what money was spent on (travel, software …).",
        example=_PERIOD,
    ),
    "reports.expenses_clients": Doc(
        what="Total and billable expense amounts per client for a period.",
        when="to see which clients' work incurred costs.",
        example=_PERIOD,
    ),
    "reports.expenses_projects": Doc(
        what="Total and billable expense amounts per project for a period.",
        when="to include costs when judging a project's profitability.",
        example=_PERIOD,
    ),
    "reports.expenses_team": Doc(
        what="Total and billable expense amounts per person for a period.",
        when="to review who spent what, e.g. before reimbursing.",
        example=_PERIOD,
    ),
    "reports.project_budget": Doc(
        what="Budget, budget spent and budget remaining for every project that has a "
        "budget, with client names.",
        when="to answer 'how much budget is left' across projects; no dates needed.",
        example={"is_active": True},
    ),
    "reports.uninvoiced": Doc(
        what="Per billable project: hours and expenses not yet invoiced and their amount, "
        "for a period.",
        when="before invoicing, to see what can be billed "
        "(then harvest_invoices_create_from_tracked).",
        example=_PERIOD,
    ),
}
