"""People toolset: users, their rates, teammates and project assignments."""

from __future__ import annotations

from .._tool import PEOPLE
from ._doc import Doc

__all__ = ["DOCS", "TOOLSET"]

TOOLSET = PEOPLE

DOCS: dict[str, Doc] = {
    "users.me": Doc(
        what="Get the person the connection acts as: id, name, email, time zone, weekly "
        "capacity and access roles (member, manager, administrator).",
        when="first in a conversation, to know whose time 'my' means and what this person may do.",
        example={"response_format": "concise"},
        default=True,
    ),
    "users.list": Doc(
        what="List the company's people with name, email, active and contractor flags, "
        "weekly capacity and access roles.",
        when="to turn a person's name into the user_id other tools filter by.",
        example={"is_active": True},
    ),
    "users.retrieve": Doc(
        what="Get one person: name, email, time zone, capacity, rates and access roles.",
        when="to check someone's capacity or role before assigning work.",
        first="Get the id from harvest_users_list.",
        example={"user_id": 1782959},
    ),
    "users.create": Doc(
        what="Add a person to the company; Harvest emails them an invitation.",
        when="when someone joins the team; administrators only.",
        first="Check harvest_users_list so nobody is invited twice.",
        example={
            "first_name": "Sam",
            "last_name": "Okafor",
            "email": "sam@brightharbor.example",
            "access_roles": ["member"],
        },
    ),
    "users.update": Doc(
        what="Change a person's name, email, time zone, capacity, contractor flag, roles or "
        "access roles.",
        when="to correct someone's details or change their weekly capacity.",
        first="Get the id from harvest_users_list.",
        example={"user_id": 1782959, "weekly_capacity": 108000},
    ),
    "users.archive": Doc(
        what="Archive a person (is_active false): they can no longer sign in or log time; "
        "their history stays.",
        when="when someone leaves. Use it rather than harvest_users_delete for anyone who "
        "ever logged time.",
        first="Get the id from harvest_users_list.",
        example={"user_id": 1782959, "dry_run": True},
    ),
    "users.delete": Doc(
        what="Delete a person. Harvest refuses while they have time entries or expenses.",
        when="only for a person invited by mistake; archive everyone else with "
        "harvest_users_archive.",
        first="Get the id from harvest_users_list.",
        example={"user_id": 1782959, "dry_run": True},
    ),
    "users.project_assignments.list": Doc(
        what="List one person's active project assignments with each project's client and "
        "assigned tasks.",
        when="to see which projects and tasks someone else may log time on (for yourself "
        "use harvest_my_project_assignments_list).",
        first="Get user_id from harvest_users_list.",
        example={"user_id": 1782959},
    ),
    "users.teammates.list": Doc(
        what="List the teammates a manager is assigned (people whose time they can see "
        "and approve).",
        when="to know whose timesheets a manager looks after.",
        first="Get the manager's user_id from harvest_users_list.",
        example={"user_id": 1782959},
    ),
    "users.teammates.update": Doc(
        what="Replace a manager's teammates with exactly the given user ids.",
        when="to change whose time a manager oversees; the list replaces the old one, so "
        "include everyone who should stay.",
        first="Read the current list with harvest_users_teammates_list.",
        example={"user_id": 1782959, "teammate_ids": [1782974, 1782975], "dry_run": True},
    ),
    "users.billable_rates.list": Doc(
        what="List a person's billable rates over time, oldest first, with start and end dates.",
        when="to know what a person's time is billed at and since when.",
        first="Get user_id from harvest_users_list.",
        example={"user_id": 1782959},
    ),
    "users.billable_rates.retrieve": Doc(
        what="Get one billable rate of a person by id.",
        when="to check a rate's amount and dates.",
        first="Get the ids from harvest_users_billable_rates_list.",
        example={"user_id": 1782959, "billable_rate_id": 1836493},
    ),
    "users.billable_rates.create": Doc(
        what="Add a billable rate for a person from start_date; without start_date it "
        "replaces all their rates.",
        when="when a person's billing rate changes (e.g. from next month).",
        first="Check the current rates with harvest_users_billable_rates_list.",
        example={"user_id": 1782959, "amount": 135, "start_date": "2026-12-01"},
    ),
    "users.cost_rates.list": Doc(
        what="List a person's cost rates (what their hour costs the company), oldest first.",
        when="to compute project profitability by person; administrators only.",
        first="Get user_id from harvest_users_list.",
        example={"user_id": 1782959},
    ),
    "users.cost_rates.retrieve": Doc(
        what="Get one cost rate of a person by id.",
        when="to check a cost rate's amount and dates; administrators only.",
        first="Get the ids from harvest_users_cost_rates_list.",
        example={"user_id": 1782959, "cost_rate_id": 825301},
    ),
    "users.cost_rates.create": Doc(
        what="Add a cost rate for a person from start_date; without start_date it replaces "
        "all their cost rates.",
        when="when a person's internal cost changes; administrators only.",
        first="Check the current rates with harvest_users_cost_rates_list.",
        example={"user_id": 1782959, "amount": 60, "start_date": "2026-12-01"},
    ),
}
