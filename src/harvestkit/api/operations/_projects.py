"""Operation table rows: projects, tasks and their assignments."""

from __future__ import annotations

from ..types.projects import Project, ProjectCreateParams, ProjectListParams, ProjectUpdateParams
from ..types.task_assignments import (
    ProjectTaskAssignmentListParams,
    TaskAssignment,
    TaskAssignmentCreateParams,
    TaskAssignmentListParams,
    TaskAssignmentUpdateParams,
)
from ..types.tasks import Task, TaskCreateParams, TaskListParams, TaskUpdateParams
from ..types.user_assignments import (
    ProjectUserAssignmentListParams,
    UserAssignment,
    UserAssignmentCreateParams,
    UserAssignmentListParams,
    UserAssignmentUpdateParams,
)
from ._access_roles import MANAGER
from ._operation import NaturalKey, delete, get, patch, post

__all__ = [
    "PROJECTS_CREATE",
    "PROJECTS_DELETE",
    "PROJECTS_LIST",
    "PROJECTS_RETRIEVE",
    "PROJECTS_TASK_ASSIGNMENTS_CREATE",
    "PROJECTS_TASK_ASSIGNMENTS_DELETE",
    "PROJECTS_TASK_ASSIGNMENTS_LIST",
    "PROJECTS_TASK_ASSIGNMENTS_RETRIEVE",
    "PROJECTS_TASK_ASSIGNMENTS_UPDATE",
    "PROJECTS_UPDATE",
    "PROJECTS_USER_ASSIGNMENTS_CREATE",
    "PROJECTS_USER_ASSIGNMENTS_DELETE",
    "PROJECTS_USER_ASSIGNMENTS_LIST",
    "PROJECTS_USER_ASSIGNMENTS_RETRIEVE",
    "PROJECTS_USER_ASSIGNMENTS_UPDATE",
    "TASKS_CREATE",
    "TASKS_DELETE",
    "TASKS_LIST",
    "TASKS_RETRIEVE",
    "TASKS_UPDATE",
    "TASK_ASSIGNMENTS_LIST",
    "USER_ASSIGNMENTS_LIST",
]

PROJECTS_LIST = get(
    "projects.list",
    "/projects",
    Project,
    MANAGER,
    "List projects, most recently created first.",
    params=ProjectListParams,
    list_key="projects",
    pagination="cursor",
)
PROJECTS_CREATE = post(
    "projects.create",
    "/projects",
    Project,
    MANAGER,
    "Create a project.",
    body=ProjectCreateParams,
    natural_key=NaturalKey(PROJECTS_LIST, ("client_id", "name")),
)
PROJECTS_RETRIEVE = get(
    "projects.retrieve", "/projects/{project_id}", Project, MANAGER, "Retrieve a project."
)
PROJECTS_UPDATE = patch(
    "projects.update",
    "/projects/{project_id}",
    Project,
    MANAGER,
    "Update a project.",
    body=ProjectUpdateParams,
)
PROJECTS_DELETE = delete(
    "projects.delete",
    "/projects/{project_id}",
    MANAGER,
    "Delete a project with its time entries and expenses.",
)
PROJECTS_TASK_ASSIGNMENTS_LIST = get(
    "projects.task_assignments.list",
    "/projects/{project_id}/task_assignments",
    TaskAssignment,
    MANAGER,
    "List the task assignments of a project.",
    params=ProjectTaskAssignmentListParams,
    list_key="task_assignments",
    pagination="page",
)
PROJECTS_TASK_ASSIGNMENTS_CREATE = post(
    "projects.task_assignments.create",
    "/projects/{project_id}/task_assignments",
    TaskAssignment,
    MANAGER,
    "Assign a task to a project.",
    body=TaskAssignmentCreateParams,
    natural_key=NaturalKey(PROJECTS_TASK_ASSIGNMENTS_LIST, ("task_id",)),
)
PROJECTS_TASK_ASSIGNMENTS_RETRIEVE = get(
    "projects.task_assignments.retrieve",
    "/projects/{project_id}/task_assignments/{task_assignment_id}",
    TaskAssignment,
    MANAGER,
    "Retrieve a task assignment.",
)
PROJECTS_TASK_ASSIGNMENTS_UPDATE = patch(
    "projects.task_assignments.update",
    "/projects/{project_id}/task_assignments/{task_assignment_id}",
    TaskAssignment,
    MANAGER,
    "Update a task assignment.",
    body=TaskAssignmentUpdateParams,
)
PROJECTS_TASK_ASSIGNMENTS_DELETE = delete(
    "projects.task_assignments.delete",
    "/projects/{project_id}/task_assignments/{task_assignment_id}",
    MANAGER,
    "Delete a task assignment that has no time entries.",
)
PROJECTS_USER_ASSIGNMENTS_LIST = get(
    "projects.user_assignments.list",
    "/projects/{project_id}/user_assignments",
    UserAssignment,
    MANAGER,
    "List the user assignments of a project.",
    params=ProjectUserAssignmentListParams,
    list_key="user_assignments",
    pagination="page",
)
PROJECTS_USER_ASSIGNMENTS_CREATE = post(
    "projects.user_assignments.create",
    "/projects/{project_id}/user_assignments",
    UserAssignment,
    MANAGER,
    "Assign a user to a project.",
    body=UserAssignmentCreateParams,
    natural_key=NaturalKey(PROJECTS_USER_ASSIGNMENTS_LIST, ("user_id",)),
)
PROJECTS_USER_ASSIGNMENTS_RETRIEVE = get(
    "projects.user_assignments.retrieve",
    "/projects/{project_id}/user_assignments/{user_assignment_id}",
    UserAssignment,
    MANAGER,
    "Retrieve a user assignment.",
)
PROJECTS_USER_ASSIGNMENTS_UPDATE = patch(
    "projects.user_assignments.update",
    "/projects/{project_id}/user_assignments/{user_assignment_id}",
    UserAssignment,
    MANAGER,
    "Update a user assignment.",
    body=UserAssignmentUpdateParams,
)
PROJECTS_USER_ASSIGNMENTS_DELETE = delete(
    "projects.user_assignments.delete",
    "/projects/{project_id}/user_assignments/{user_assignment_id}",
    MANAGER,
    "Delete a user assignment that has no time entries or expenses.",
)
TASK_ASSIGNMENTS_LIST = get(
    "task_assignments.list",
    "/task_assignments",
    TaskAssignment,
    MANAGER,
    "List task assignments across all projects.",
    params=TaskAssignmentListParams,
    list_key="task_assignments",
    pagination="cursor",
)
TASKS_LIST = get(
    "tasks.list",
    "/tasks",
    Task,
    MANAGER,
    "List tasks, most recently created first.",
    params=TaskListParams,
    list_key="tasks",
    pagination="cursor",
)
TASKS_CREATE = post(
    "tasks.create",
    "/tasks",
    Task,
    MANAGER,
    "Create a task.",
    body=TaskCreateParams,
    natural_key=NaturalKey(TASKS_LIST, ("name",)),
)
TASKS_RETRIEVE = get("tasks.retrieve", "/tasks/{task_id}", Task, MANAGER, "Retrieve a task.")
TASKS_UPDATE = patch(
    "tasks.update", "/tasks/{task_id}", Task, MANAGER, "Update a task.", body=TaskUpdateParams
)
TASKS_DELETE = delete(
    "tasks.delete", "/tasks/{task_id}", MANAGER, "Delete a task that has no time entries."
)
USER_ASSIGNMENTS_LIST = get(
    "user_assignments.list",
    "/user_assignments",
    UserAssignment,
    MANAGER,
    "List user assignments across all projects.",
    params=UserAssignmentListParams,
    list_key="user_assignments",
    pagination="cursor",
)
