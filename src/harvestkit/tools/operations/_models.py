"""Input and output models of the operation tools, derived from the operation table.

Inputs are flat: the row's path ids, then its query or body fields, then the tool's own
controls (``cursor`` and ``per_page`` on lists, ``response_format`` everywhere, ``confirm``
and ``dry_run`` where the tool asks first). An omitted or null field is not sent, so
Harvest leaves it unchanged; clearing a field to null is not offered through tools.

Outputs put names beside ids (Harvest's nested ``{id, name}`` references are kept) and come
in two shapes per record: a summary with the fields an agent needs (``concise``) and the
full Harvest object (``detailed``).

Two kinds of field are not offered: free-form objects (the ``line_items`` of invoice and
estimate updates, which have their own tools) and file uploads (expense receipts).
"""

from __future__ import annotations

import typing
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model, model_validator
from pydantic.fields import FieldInfo

from harvestkit.api import Operation

from ..plan import PlannedRequest

__all__ = [
    "PER_PAGE_DEFAULT",
    "PER_PAGE_MAX",
    "PlannedRequest",
    "Target",
    "ToolInput",
    "ToolOutput",
    "input_model",
    "output_model",
    "record_key",
    "summary_model",
]

PER_PAGE_DEFAULT = 50
PER_PAGE_MAX = 100

# The fields of each Harvest object that an agent usually needs; everything else is
# available with response_format "detailed". Objects not listed here are small and are
# summarised by all of their fields.
SUMMARY_FIELDS: dict[str, tuple[str, ...]] = {
    "Client": ("id", "name", "is_active", "currency"),
    "Company": ("name", "full_domain", "week_start_day", "wants_timestamp_timers",
                "time_format", "weekly_capacity", "expense_feature", "invoice_feature",
                "estimate_feature", "approval_feature"),
    "Contact": ("id", "client", "title", "first_name", "last_name", "email"),
    "Project": ("id", "name", "code", "client", "is_active", "is_billable", "bill_by",
                "budget_by", "budget", "starts_on", "ends_on"),
    "TaskAssignment": ("id", "project", "task", "is_active", "billable", "hourly_rate"),
    "UserAssignment": ("id", "project", "user", "is_active", "is_project_manager",
                       "hourly_rate"),
    "Task": ("id", "name", "billable_by_default", "default_hourly_rate", "is_active"),
    "TimeEntry": ("id", "spent_date", "hours", "notes", "user", "client", "project", "task",
                  "is_running", "billable", "is_billed", "is_locked", "approval_status"),
    "Invoice": ("id", "number", "client", "subject", "state", "amount", "due_amount",
                "currency", "issue_date", "due_date", "sent_at", "paid_at"),
    "InvoiceMessage": ("id", "event_type", "subject", "recipients", "sent_by",
                       "created_at"),
    "InvoicePayment": ("id", "amount", "paid_date", "recorded_by", "notes"),
    "Estimate": ("id", "number", "client", "subject", "state", "amount", "currency",
                 "issue_date", "sent_at", "accepted_at", "declined_at"),
    "EstimateMessage": ("id", "event_type", "subject", "recipients", "sent_by",
                        "created_at"),
    "Expense": ("id", "spent_date", "total_cost", "units", "notes", "user", "client",
                "project", "expense_category", "billable", "is_billed", "approval_status"),
    "ExpenseCategory": ("id", "name", "unit_name", "unit_price", "is_active"),
    "Role": ("id", "name", "user_ids"),
    "User": ("id", "first_name", "last_name", "email", "is_active", "is_contractor",
             "weekly_capacity", "access_roles", "timezone"),
    "ProjectAssignment": ("id", "project", "client", "task_assignments", "is_active",
                          "is_project_manager"),
}  # fmt: skip


class ToolInput(BaseModel):
    """Base of every operation tool's input: unknown fields are errors, and a null for a
    control with a default (per_page, response_format, confirm, dry_run) means that default.
    """

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    @model_validator(mode="before")
    @classmethod
    def _null_means_default(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        return {
            key: value
            for key, value in data.items()
            if not (value is None and _has_default(cls.model_fields.get(key)))
        }


def _has_default(info: FieldInfo | None) -> bool:
    return info is not None and not info.is_required() and info.default is not None


class ToolOutput(BaseModel):
    """Base of every operation tool's output."""

    model_config = ConfigDict(extra="forbid", defer_build=True)


class Target(BaseModel):
    """The record a tool acts on, named so the person can check it."""

    kind: str
    id: int
    name: str | None = None


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def record_key(model: type[BaseModel]) -> str:
    """``TimeEntry`` → ``time_entry``: the output field a single record is returned in."""
    out = ""
    for char in model.__name__:
        out += ("_" + char.lower()) if char.isupper() and out else char.lower()
    return out


@cache
def summary_model(model: type[BaseModel]) -> type[BaseModel]:
    """The concise form of a Harvest object: the fields in ``SUMMARY_FIELDS``."""
    model.model_rebuild()  # SDK models may still hold forward references until first use
    names = SUMMARY_FIELDS.get(model.__name__, tuple(model.model_fields))
    fields: dict[str, Any] = {}
    for name in names:
        info = model.model_fields[name]
        fields[name] = (info.annotation, Field(None, description=info.description))
    return create_model(
        f"{model.__name__}Summary",
        __config__=ConfigDict(extra="ignore"),
        __doc__=f"{model.__doc__ or model.__name__} (summary)",
        # Resolve the SDK's forward references in the SDK's own module.
        __module__=model.__module__,
        **fields,
    )


def _offered(annotation: Any) -> bool:
    """Whether a field can be a tool argument. Free-form objects (strict function calling
    forbids them; line items have their own tools) and file contents (expense receipts:
    bytes do not travel in JSON arguments) cannot."""
    if annotation is bytes or annotation is Any or typing.get_origin(annotation) is dict:
        return False
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return all(_offered(info.annotation) for info in annotation.model_fields.values())
    return all(_offered(arg) for arg in typing.get_args(annotation))


def _data_fields(op: Operation[Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for model in (op.params, op.body):
        if model is None:
            continue
        for name, info in model.model_fields.items():
            if name == "per_page" or not _offered(info.annotation):
                continue
            kwargs: dict[str, Any] = {"description": info.description}
            if info.alias:
                kwargs["alias"] = info.alias
            if info.is_required():
                fields[name] = (info.annotation, Field(..., **kwargs))
            else:
                fields[name] = (_optional(info.annotation), Field(None, **kwargs))
    return fields


def _optional(annotation: Any) -> Any:
    if type(None) in typing.get_args(annotation):
        return annotation
    return annotation | None


def input_model(tool_name: str, op: Operation[Any], *, confirms: bool) -> type[ToolInput]:
    """The flat input model of the tool for ``op``."""
    fields: dict[str, Any] = {}
    for name in op.path_params:
        kind = name.removesuffix("_id").replace("_", " ")
        fields[name] = (int, Field(..., ge=1, description=f"Harvest id of the {kind}."))
    fields.update(_data_fields(op))
    if op.is_list:
        fields["cursor"] = (
            str | None,
            Field(None, description="next_cursor of the previous page; omit for page 1."),
        )
        fields["per_page"] = (
            int | None,
            Field(PER_PAGE_DEFAULT, ge=1, le=PER_PAGE_MAX, description="Records per page."),
        )
    fields["response_format"] = (
        Literal["concise", "detailed"] | None,
        Field("concise", description="detailed: every Harvest field."),
    )
    if confirms:
        fields["confirm"] = (
            bool | None,
            Field(False, description="true once the person agreed."),
        )
        fields["dry_run"] = (
            bool | None,
            Field(False, description="true: list the Harvest requests, change nothing."),
        )
    return create_model(
        _camel(tool_name.removeprefix("harvest_")) + "Input",
        __base__=ToolInput,
        __doc__=f"Arguments of {tool_name}.",
        **fields,
    )


def output_model(tool_name: str, op: Operation[Any], *, confirms: bool) -> type[ToolOutput]:
    """The structured output of the tool for ``op``."""
    name = _camel(tool_name.removeprefix("harvest_")) + "Output"
    fields: dict[str, Any] = {}
    result: type[BaseModel] | None = op.result if op.result is not type(None) else None
    if result is not None:
        record = summary_model(result) | result
        if op.is_list:
            assert op.list_key is not None
            fields[op.list_key] = (list[record], Field(description="This page."))  # type: ignore[valid-type]
            fields["total_entries"] = (
                int | None,
                Field(description="Across all pages."),
            )
            fields["next_cursor"] = (
                str | None,
                Field(description="Pass as cursor for more; null on the last page."),
            )
            fields["omitted"] = (
                str | None,
                Field(None, description="What a page cut by size left out, if it was."),
            )
        else:
            fields[record_key(result)] = (
                (record | None, Field(description="The record (null only for a dry run)."))
                if confirms
                else (record, Field(description="The record."))
            )
    else:
        fields["deleted"] = (bool, Field(description="Whether the record was deleted."))
    if confirms:
        fields["target"] = (
            Target | None,
            Field(None, description="The record acted on."),
        )
        fields["dry_run"] = (bool, Field(description="True: nothing was changed."))
        fields["planned_requests"] = (
            list[PlannedRequest],
            Field(description="Dry run: the Harvest requests it would make."),
        )
    return create_model(name, __base__=ToolOutput, __doc__=f"Result of {tool_name}.", **fields)
