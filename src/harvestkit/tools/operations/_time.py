"""Time toolset: time entries and timers, as agents meet them."""

from __future__ import annotations

from .._tool import TIME
from ._doc import Doc

__all__ = ["DOCS", "TOOLSET"]

TOOLSET = TIME

DOCS: dict[str, Doc] = {
    "time_entries.list": Doc(
        what="List time entries the caller can see, newest spent_date first, with user, "
        "client, project and task names beside their ids.",
        when="to review what was logged (a timesheet, a day, a project's recent work) or "
        "to find the id of an entry to change. For totals over a period use a "
        "harvest_reports_time_* tool instead of adding entries up.",
        first="Filter with project_id, user_id or client_id from harvest_projects_list, "
        "harvest_users_list or harvest_clients_list; from/to take YYYY-MM-DD.",
        example={"from": "2026-11-16", "to": "2026-11-20", "project_id": 14307913},
        default=True,
    ),
    "time_entries.retrieve": Doc(
        what="Get one time entry by id: hours, notes, date, its project, task, client and "
        "user, and whether it is running, billed, locked or approved.",
        when="to check an entry's current state before updating, stopping or deleting it.",
        first="Find the id with harvest_time_entries_list.",
        example={"time_entry_id": 636709355},
    ),
    "time_entries.create": Doc(
        what="Log time on a project task for one day by duration. With hours it is a "
        "finished entry; without hours Harvest starts a running timer at 0.0.",
        when="to record hours someone worked, on accounts that track duration (the "
        "default). If the company tracks start and end times "
        "(harvest_company_get: wants_timestamp_timers) use "
        "harvest_time_entries_create_by_times.",
        first="Get project_id and a task_id assigned to it from "
        "harvest_my_project_assignments_list (or harvest_projects_task_assignments_list).",
        example={
            "project_id": 14307913,
            "task_id": 8083365,
            "spent_date": "2026-11-20",
            "hours": 2.5,
            "notes": "Homepage wireframes",
        },
    ),
    "time_entries.create_by_times": Doc(
        what="Log time on a project task for one day by start and end time (e.g. 8:00am "
        "to 11:30am); Harvest computes the hours. Without ended_time the timer runs.",
        when="only on accounts that track timestamps (harvest_company_get shows "
        "wants_timestamp_timers true); otherwise use harvest_time_entries_create.",
        first="Get project_id and task_id from harvest_my_project_assignments_list.",
        example={
            "project_id": 14307913,
            "task_id": 8083365,
            "spent_date": "2026-11-20",
            "started_time": "8:00am",
            "ended_time": "11:30am",
        },
    ),
    "time_entries.update": Doc(
        what="Change a time entry's hours, notes, date, project, task or times; fields you "
        "leave out stay as they are.",
        when="to correct an entry (wrong hours, wrong project, missing notes). Locked or "
        "approved entries are refused by Harvest.",
        first="Get the entry's id from harvest_time_entries_list.",
        example={"time_entry_id": 636709355, "hours": 3.0, "notes": "Homepage wireframes v2"},
        default=True,
    ),
    "time_entries.delete": Doc(
        what="Permanently delete a time entry.",
        when="to remove an entry logged by mistake. Prefer harvest_time_entries_update to "
        "fix one; locked (invoiced or approved) entries cannot be deleted.",
        first="Find the id with harvest_time_entries_list and check it with "
        "harvest_time_entries_get.",
        example={"time_entry_id": 636709355, "dry_run": True},
        default=True,
    ),
    "time_entries.delete_external_reference": Doc(
        what="Remove the link between a time entry and an item in another service (a "
        "ticket or issue); the entry itself stays.",
        when="when an entry points at the wrong external item. Only affects the link.",
        first="Get the entry's id from harvest_time_entries_list "
        "(external_reference_id filters by the linked item).",
        example={"time_entry_id": 636709355, "confirm": True},
    ),
    "time_entries.restart": Doc(
        what="Start the timer again on a stopped time entry; the entry's hours keep "
        "growing from where they were.",
        when="to continue work on the same project, task and day. Starting a timer stops "
        "any other running timer of that user. For a new day log a new entry instead.",
        first="Find a stopped entry with harvest_time_entries_list (is_running false).",
        example={"time_entry_id": 636709355},
    ),
    "time_entries.stop": Doc(
        what="Stop a running timer; the elapsed time is added to the entry's hours.",
        when="when someone finishes work that has a running timer. Stopping a stopped "
        "entry changes nothing.",
        first="Find the running entry with harvest_time_entries_list and is_running true.",
        example={"time_entry_id": 636709355},
    ),
    "users.project_assignments.list_mine": Doc(
        what="List the projects the authenticated user may log time on, each with its "
        "client and the tasks assigned to it (task ids and names).",
        when="before logging time, to turn a project or task name into the project_id and "
        "task_id that harvest_time_entries_create needs.",
        example={"per_page": 50},
        default=True,
    ),
}
