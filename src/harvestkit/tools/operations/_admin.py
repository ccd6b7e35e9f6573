"""Admin toolset: company settings and roles."""

from __future__ import annotations

from .._tool import ADMIN
from ._doc import Doc

__all__ = ["DOCS", "TOOLSET"]

TOOLSET = ADMIN

DOCS: dict[str, Doc] = {
    "company.retrieve": Doc(
        what="Get the company's settings: name, week start day, time format, whether time "
        "is tracked by duration or start/end times, weekly capacity and enabled features.",
        when="to know how to log time (wants_timestamp_timers), where a week starts, or "
        "whether invoices, estimates, expenses and approvals are turned on.",
        example={"response_format": "concise"},
    ),
    "company.update": Doc(
        what="Change the company's timer mode (wants_timestamp_timers) or weekly capacity "
        "in seconds.",
        when="only when an administrator asked to switch between duration and start/end "
        "time tracking, or to change the default weekly capacity.",
        first="Read the current settings with harvest_company_get.",
        example={"weekly_capacity": 126000},
    ),
    "roles.list": Doc(
        what="List roles (named groups of people such as Designers) with their user ids.",
        when="to see how people are grouped, e.g. to report per role.",
        example={"per_page": 50},
    ),
    "roles.retrieve": Doc(
        what="Get one role and the ids of the people in it.",
        when="to see who belongs to a role.",
        first="Get the id from harvest_roles_list.",
        example={"role_id": 618100},
    ),
    "roles.create": Doc(
        what="Create a role, optionally with the people in it.",
        when="when an administrator wants a new group of people.",
        first="Get user ids from harvest_users_list.",
        example={"name": "Developers", "user_ids": [1782959, 1782974]},
    ),
    "roles.update": Doc(
        what="Rename a role or replace the list of people in it (user_ids is the full new list).",
        when="to add or remove someone from a role; pass everyone who should stay.",
        first="Read the current members with harvest_roles_get.",
        example={"role_id": 618100, "user_ids": [1782959]},
    ),
    "roles.delete": Doc(
        what="Delete a role; its people stay but lose the role.",
        when="when a grouping is no longer used.",
        first="Get the id from harvest_roles_list.",
        example={"role_id": 618100, "dry_run": True},
    ),
}
