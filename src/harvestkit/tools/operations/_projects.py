"""Projects toolset: projects, tasks, and who and what is assigned to each project."""

from __future__ import annotations

from .._tool import PROJECTS
from ._doc import Doc

__all__ = ["DOCS", "TOOLSET"]

TOOLSET = PROJECTS

DOCS: dict[str, Doc] = {
    "projects.list": Doc(
        what="List projects with their client (id and name), code, billing and budget "
        "settings, most recently created first.",
        when="to find a project's id from its name or client, or to see which projects are "
        "active. To log time, harvest_my_project_assignments_list also gives task ids.",
        first="Narrow by client_id from harvest_clients_list; is_active true hides archived "
        "projects.",
        example={"is_active": True, "client_id": 5735776},
        default=True,
    ),
    "projects.retrieve": Doc(
        what="Get one project: client, code, dates, billing method (bill_by), budget "
        "method (budget_by) and budget, fee and notes.",
        when="to read a project's settings before changing them or before judging its "
        "budget (harvest_reports_project_budget gives spent and remaining).",
        first="Find the id with harvest_projects_list.",
        example={"project_id": 14307913},
    ),
    "projects.create": Doc(
        what="Create a project for a client, with its billing method and budget method.",
        when="when a new engagement starts. Then assign tasks "
        "(harvest_projects_task_assignments_create) and people "
        "(harvest_projects_user_assignments_create) so time can be logged.",
        first="Get client_id from harvest_clients_list.",
        example={
            "client_id": 5735776,
            "name": "Brand Refresh",
            "is_billable": True,
            "bill_by": "Project",
            "hourly_rate": 120,
            "budget_by": "project",
            "budget": 200,
        },
    ),
    "projects.update": Doc(
        what="Change a project's name, code, dates, billing, budget or notes; fields you "
        "leave out stay as they are.",
        when="to rename, archive (is_active false), extend or re-budget a project.",
        first="Get the id with harvest_projects_list; read current values with "
        "harvest_projects_get.",
        example={"project_id": 14307913, "budget": 250, "ends_on": "2026-12-31"},
    ),
    "projects.delete": Doc(
        what="Delete a project together with all its time entries and expenses. This "
        "cannot be undone.",
        when="only to remove a project created by mistake. To stop work on a real project "
        "archive it with harvest_projects_update and is_active false.",
        first="Check the project with harvest_projects_get and its logged hours with "
        "harvest_reports_time_by_project.",
        example={"project_id": 14307913, "dry_run": True},
    ),
    "projects.task_assignments.list": Doc(
        what="List the tasks assigned to one project, with task names, billable flag and "
        "hourly rate.",
        when="to find which task ids may be used for time on a project, or a task "
        "assignment's id to update or remove it.",
        first="Get project_id from harvest_projects_list.",
        example={"project_id": 14307913, "is_active": True},
    ),
    "projects.task_assignments.retrieve": Doc(
        what="Get one task assignment of a project: the task, whether it is billable, its "
        "hourly rate and budget.",
        when="to check a task's rate or billable flag on one project.",
        first="Get the ids from harvest_projects_task_assignments_list.",
        example={"project_id": 14307913, "task_assignment_id": 155502709},
    ),
    "projects.task_assignments.create": Doc(
        what="Assign an existing task to a project so time can be logged on it there.",
        when="when people need to log a kind of work (e.g. Design) on a project that does "
        "not offer it yet.",
        first="Get project_id from harvest_projects_list and task_id from "
        "harvest_tasks_list (create the task with harvest_tasks_create if needed).",
        example={"project_id": 14307913, "task_id": 8083365, "billable": True},
    ),
    "projects.task_assignments.update": Doc(
        what="Change a project's task assignment: billable, hourly rate, budget or active.",
        when="to make a task non-billable on one project, or change its rate there.",
        first="Get the ids from harvest_projects_task_assignments_list.",
        example={"project_id": 14307913, "task_assignment_id": 155502709, "billable": False},
    ),
    "projects.task_assignments.delete": Doc(
        what="Remove a task from a project. Harvest refuses while time is logged on it.",
        when="to stop offering a task on a project where it was never used. Otherwise "
        "deactivate it with harvest_projects_task_assignments_update.",
        first="Get the ids from harvest_projects_task_assignments_list.",
        example={"project_id": 14307913, "task_assignment_id": 155502709, "dry_run": True},
    ),
    "projects.user_assignments.list": Doc(
        what="List the people assigned to one project, with names, project-manager flag "
        "and hourly rates.",
        when="to see who may log time on a project or who manages it.",
        first="Get project_id from harvest_projects_list.",
        example={"project_id": 14307913, "is_active": True},
    ),
    "projects.user_assignments.retrieve": Doc(
        what="Get one person's assignment to a project: manager flag, rate and budget.",
        when="to check one person's rate or role on a project.",
        first="Get the ids from harvest_projects_user_assignments_list.",
        example={"project_id": 14307913, "user_assignment_id": 125068553},
    ),
    "projects.user_assignments.create": Doc(
        what="Assign a person to a project so they can log time and expenses on it.",
        when="when someone joins a project and cannot see it in their assignments.",
        first="Get project_id from harvest_projects_list and user_id from harvest_users_list.",
        example={"project_id": 14307913, "user_id": 1782959, "is_project_manager": False},
    ),
    "projects.user_assignments.update": Doc(
        what="Change a person's assignment to a project: manager flag, rates, budget or active.",
        when="to make someone a project manager or give them a project-specific rate.",
        first="Get the ids from harvest_projects_user_assignments_list.",
        example={
            "project_id": 14307913,
            "user_assignment_id": 125068553,
            "is_project_manager": True,
        },
    ),
    "projects.user_assignments.delete": Doc(
        what="Remove a person from a project. Harvest refuses while they have time or "
        "expenses on it.",
        when="to undo an assignment made by mistake; otherwise deactivate it with "
        "harvest_projects_user_assignments_update.",
        first="Get the ids from harvest_projects_user_assignments_list.",
        example={"project_id": 14307913, "user_assignment_id": 125068553, "dry_run": True},
    ),
    "tasks.list": Doc(
        what="List the company's tasks (kinds of work such as Design or Project "
        "Management), with default billable flag and rate.",
        when="to find a task id by name for assigning it to a project. For the tasks one "
        "project offers use harvest_projects_task_assignments_list.",
        example={"is_active": True},
    ),
    "tasks.retrieve": Doc(
        what="Get one task: name, default billable flag and default hourly rate.",
        when="to check a task's defaults before assigning or changing it.",
        first="Get the id from harvest_tasks_list.",
        example={"task_id": 8083365},
    ),
    "tasks.create": Doc(
        what="Create a company-wide task (a kind of work) with its billable default.",
        when="when a new kind of work is needed that harvest_tasks_list does not have; "
        "then assign it with harvest_projects_task_assignments_create.",
        example={"name": "Accessibility Review", "billable_by_default": True},
    ),
    "tasks.update": Doc(
        what="Rename a task or change its default billable flag, rate or active state.",
        when="to fix a task's name or archive it (is_active false) company-wide.",
        first="Get the id from harvest_tasks_list.",
        example={"task_id": 8083365, "name": "Visual Design"},
    ),
    "tasks.delete": Doc(
        what="Delete a task. Harvest refuses while time is logged on it.",
        when="to remove a task created by mistake; archive used tasks with "
        "harvest_tasks_update instead.",
        first="Get the id from harvest_tasks_list.",
        example={"task_id": 8083365, "dry_run": True},
    ),
    "task_assignments.list": Doc(
        what="List task assignments across all projects, with project and task names.",
        when="to see in one call which tasks every project offers (e.g. which projects "
        "bill Design). For one project use harvest_projects_task_assignments_list.",
        example={"is_active": True, "per_page": 100},
    ),
    "user_assignments.list": Doc(
        what="List user assignments across all projects, with project and person names.",
        when="to see who is on which project in one call, or all projects of one person (user_id).",
        first="Get user_id from harvest_users_list if filtering by person.",
        example={"user_id": 1782959, "is_active": True},
    ),
}
