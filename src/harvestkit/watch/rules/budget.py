"""Budget: a project crosses a threshold, or its run-out comes within N weeks.

Only projects touched since the last poll are looked at (time entries or the project
itself updated). A project's band is how many thresholds its percentage has reached; one
notification per upward crossing. When the figure falls back (a budget raised, entries
removed) the band drops and a generation counter moves on, so crossing again later is a
new crossing. The first poll of an account records every band without notifying: a
watch tells of changes from the moment it starts.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from harvestkit.api.operations import (
    PROJECTS_LIST,
    PROJECTS_RETRIEVE,
    TIME_ENTRIES_LIST,
)
from harvestkit.tools.outcomes._common import Ref

from .._config import BudgetRule
from .._forecast import BudgetFigures, budget_figures
from ._check import Check
from ._poll import changed, save_cursor

__all__ = ["check_budgets"]

_BANDS = "budget:bands"
_ENTRIES = "budget:entries_cursor"
_PROJECTS = "budget:projects_cursor"


def _thresholds(rule: BudgetRule, project: Any) -> list[Decimal]:
    if rule.thresholds:
        return sorted(Decimal(str(t)) for t in rule.thresholds)
    own = getattr(project, "over_budget_notification_percentage", None)
    found = {Decimal(100)}
    if own:
        found.add(Decimal(str(own)))
    return sorted(found)


def _payload(check: Check, f: BudgetFigures, why: dict[str, Any]) -> dict[str, Any]:
    return {
        "figures": {
            "project": f.project,
            "project_id": f.project_id,
            "client": f.client,
            "unit": f.unit,
            "budget": str(f.budget),
            "spent": str(f.spent),
            "remaining": str(f.remaining),
            "percent_used": str(f.percent_used),
            "burn_per_week": None if f.burn_per_week is None else str(f.burn_per_week),
            "weeks_remaining": None if f.weeks_remaining is None else str(f.weeks_remaining),
            "projected_run_out": None if f.projected_run_out is None else str(f.projected_run_out),
            **why,
        },
        "link": f"{check.link_base}/projects/{f.project_id}",
        "act": {"tool": "budget_status", "arguments": {"project": str(f.project_id)}},
    }


async def check_budgets(check: Check, rule: BudgetRule) -> None:
    h = check.ctx.harvest
    bands: dict[str, dict[str, int]] = check.state.get(_BANDS, {})
    first_poll = check.state.get(_PROJECTS) is None
    projects = await changed(check, PROJECTS_LIST, _PROJECTS, is_active=True)
    # The first poll reads every budgeted project, not six months of entries: entries
    # count from now on.
    entries = [] if first_poll else await changed(check, TIME_ENTRIES_LIST, _ENTRIES)
    touched: dict[int, Any] = {p.id: p for p in projects if p.budget}
    for entry in entries:
        touched.setdefault(Ref.of(entry.project).id, None)
    for project_id, project in sorted(touched.items()):
        if project is None:
            project = await h.call(PROJECTS_RETRIEVE, project_id=project_id)
            if not project.budget or not project.is_active:
                continue
        figures = await budget_figures(check.ctx, project_id)
        if figures is None:
            continue
        thresholds = _thresholds(rule, project)
        band = sum(1 for t in thresholds if figures.percent_used >= t)
        weeks = figures.weeks_remaining
        short = int(
            rule.run_out_weeks is not None
            and figures.remaining > 0
            and weeks is not None
            and weeks <= Decimal(str(rule.run_out_weeks))
        )
        known = bands.get(str(project_id), {"band": 0, "gen": 0, "short": 0, "short_gen": 0})
        if not first_poll and band > known["band"]:
            crossed = thresholds[band - 1]
            check.notify(
                f"budget:{project_id}:band{band}:gen{known['gen']}",
                rule="budget",
                subject=f"Budget: project {project_id} has used {figures.percent_used}% "
                f"(threshold {crossed}%)",
                payload=_payload(check, figures, {"threshold_percent": str(crossed)}),
                channels=rule.channels,
            )
        if not first_poll and short and not known["short"]:
            check.notify(
                f"budget:{project_id}:runout:gen{known['short_gen']}",
                rule="budget",
                subject=f"Budget: project {project_id} runs out in {weeks} weeks at this pace",
                payload=_payload(check, figures, {"run_out_within_weeks": rule.run_out_weeks}),
                channels=rule.channels,
            )
        bands[str(project_id)] = {
            "band": band,
            "gen": known["gen"] + (1 if band < known["band"] else 0),
            "short": short,
            "short_gen": known["short_gen"] + (1 if known["short"] and not short else 0),
        }
        check.state.set(_BANDS, bands)
    save_cursor(check, _PROJECTS, projects)
    if first_poll and check.state.get(_PROJECTS) is None:
        check.state.set(_PROJECTS, check.now().replace(microsecond=0).isoformat())
    save_cursor(check, _ENTRIES, entries)
    if first_poll:
        check.state.set(_ENTRIES, check.now().replace(microsecond=0).isoformat())
