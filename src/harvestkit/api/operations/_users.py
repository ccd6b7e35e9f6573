"""Operation table rows: users, their rates, assignments and teammates, and roles."""

from __future__ import annotations

from ..types.project_assignments import (
    MyProjectAssignmentListParams,
    ProjectAssignment,
    ProjectAssignmentListParams,
)
from ..types.rates import (
    BillableRate,
    BillableRateCreateParams,
    BillableRateListParams,
    CostRate,
    CostRateCreateParams,
    CostRateListParams,
)
from ..types.roles import Role, RoleCreateParams, RoleListParams, RoleUpdateParams
from ..types.teammates import Teammate, TeammateListParams, TeammatesUpdate, TeammatesUpdateParams
from ..types.users import User, UserCreateParams, UserListParams, UserUpdateParams
from ._access_roles import ADMIN, MANAGER, MEMBER
from ._operation import NaturalKey, delete, get, patch, post

__all__ = [
    "ROLES_CREATE",
    "ROLES_DELETE",
    "ROLES_LIST",
    "ROLES_RETRIEVE",
    "ROLES_UPDATE",
    "USERS_ARCHIVE",
    "USERS_BILLABLE_RATES_CREATE",
    "USERS_BILLABLE_RATES_LIST",
    "USERS_BILLABLE_RATES_RETRIEVE",
    "USERS_COST_RATES_CREATE",
    "USERS_COST_RATES_LIST",
    "USERS_COST_RATES_RETRIEVE",
    "USERS_CREATE",
    "USERS_DELETE",
    "USERS_LIST",
    "USERS_ME",
    "USERS_PROJECT_ASSIGNMENTS_LIST",
    "USERS_PROJECT_ASSIGNMENTS_LIST_MINE",
    "USERS_RETRIEVE",
    "USERS_TEAMMATES_LIST",
    "USERS_TEAMMATES_UPDATE",
    "USERS_UPDATE",
]

ROLES_LIST = get(
    "roles.list",
    "/roles",
    Role,
    ADMIN,
    "List roles.",
    params=RoleListParams,
    list_key="roles",
    pagination="cursor",
)
ROLES_CREATE = post(
    "roles.create",
    "/roles",
    Role,
    ADMIN,
    "Create a role.",
    body=RoleCreateParams,
    natural_key=NaturalKey(ROLES_LIST, ("name",)),
)
ROLES_RETRIEVE = get("roles.retrieve", "/roles/{role_id}", Role, ADMIN, "Retrieve a role.")
ROLES_UPDATE = patch(
    "roles.update",
    "/roles/{role_id}",
    Role,
    ADMIN,
    "Update a role and its users.",
    body=RoleUpdateParams,
)
ROLES_DELETE = delete(
    "roles.delete", "/roles/{role_id}", ADMIN, "Delete a role (its users are unlinked)."
)
USERS_LIST = get(
    "users.list",
    "/users",
    User,
    MANAGER,
    "List users, most recently created first.",
    params=UserListParams,
    list_key="users",
    pagination="cursor",
)
USERS_CREATE = post(
    "users.create",
    "/users",
    User,
    ADMIN,
    "Create a user (sends an invitation).",
    body=UserCreateParams,
    natural_key=NaturalKey(USERS_LIST, ("email",)),
)
USERS_ME = get("users.me", "/users/me", User, MEMBER, "Retrieve the authenticated user.")
USERS_RETRIEVE = get("users.retrieve", "/users/{user_id}", User, MANAGER, "Retrieve a user.")
USERS_UPDATE = patch(
    "users.update", "/users/{user_id}", User, MANAGER, "Update a user.", body=UserUpdateParams
)
USERS_ARCHIVE = patch(
    "users.archive",
    "/users/{user_id}",
    User,
    ADMIN,
    "Archive a user (is_active false).",
    fixed={"is_active": False},
)
USERS_DELETE = delete(
    "users.delete", "/users/{user_id}", ADMIN, "Delete a user that has no time entries or expenses."
)
USERS_BILLABLE_RATES_LIST = get(
    "users.billable_rates.list",
    "/users/{user_id}/billable_rates",
    BillableRate,
    MANAGER,
    "List a user's billable rates, oldest first.",
    params=BillableRateListParams,
    list_key="billable_rates",
    pagination="cursor",
)
USERS_BILLABLE_RATES_CREATE = post(
    "users.billable_rates.create",
    "/users/{user_id}/billable_rates",
    BillableRate,
    MANAGER,
    "Add a billable rate (without start_date it replaces all rates).",
    body=BillableRateCreateParams,
    money=True,
    destructive=True,
)
USERS_BILLABLE_RATES_RETRIEVE = get(
    "users.billable_rates.retrieve",
    "/users/{user_id}/billable_rates/{billable_rate_id}",
    BillableRate,
    MANAGER,
    "Retrieve a billable rate.",
)
USERS_COST_RATES_LIST = get(
    "users.cost_rates.list",
    "/users/{user_id}/cost_rates",
    CostRate,
    ADMIN,
    "List a user's cost rates, oldest first.",
    params=CostRateListParams,
    list_key="cost_rates",
    pagination="cursor",
)
USERS_COST_RATES_CREATE = post(
    "users.cost_rates.create",
    "/users/{user_id}/cost_rates",
    CostRate,
    ADMIN,
    "Add a cost rate (without start_date it replaces all rates).",
    body=CostRateCreateParams,
    money=True,
    destructive=True,
)
USERS_COST_RATES_RETRIEVE = get(
    "users.cost_rates.retrieve",
    "/users/{user_id}/cost_rates/{cost_rate_id}",
    CostRate,
    ADMIN,
    "Retrieve a cost rate.",
)
USERS_PROJECT_ASSIGNMENTS_LIST = get(
    "users.project_assignments.list",
    "/users/{user_id}/project_assignments",
    ProjectAssignment,
    MEMBER,
    "List a user's active project assignments.",
    params=ProjectAssignmentListParams,
    list_key="project_assignments",
    pagination="cursor",
)
USERS_PROJECT_ASSIGNMENTS_LIST_MINE = get(
    "users.project_assignments.list_mine",
    "/users/me/project_assignments",
    ProjectAssignment,
    MEMBER,
    "List the authenticated user's active project assignments.",
    params=MyProjectAssignmentListParams,
    list_key="project_assignments",
    pagination="page",
)
USERS_TEAMMATES_LIST = get(
    "users.teammates.list",
    "/users/{user_id}/teammates",
    Teammate,
    ADMIN,
    "List a user's assigned teammates.",
    params=TeammateListParams,
    list_key="teammates",
    pagination="cursor",
)
USERS_TEAMMATES_UPDATE = patch(
    "users.teammates.update",
    "/users/{user_id}/teammates",
    TeammatesUpdate,
    ADMIN,
    "Replace a user's assigned teammates.",
    body=TeammatesUpdateParams,
    destructive=True,
)
