"""Base classes shared by every Harvest model, and the small reference objects.

Response models (``HarvestModel``) keep fields Harvest adds later (``extra="allow"``) so a
new field never breaks parsing. Request models (``Params``) reject unknown fields, so a
typo fails here instead of being silently ignored by Harvest.

Units everywhere: ids are 64-bit ints; money and hours are ``Decimal``; ``date`` fields are
calendar dates in the company's calendar; ``datetime`` fields are UTC.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from ._docstrings import describe_fields

__all__ = [
    "ClientRef",
    "HarvestModel",
    "IdRef",
    "InvoiceRef",
    "LineItemDeleteParams",
    "ListParams",
    "MessageRecipientParams",
    "NamedRef",
    "Params",
    "ProjectRef",
]


class HarvestModel(BaseModel):
    """Base of every object Harvest returns."""

    # Field docstrings become descriptions through `describe_fields`, which is faster than
    # pydantic's `use_attribute_docstrings` and gives the same result.
    model_config = ConfigDict(extra="allow", populate_by_name=True)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        describe_fields(cls)


class Params(BaseModel):
    """Base of every request parameter model.

    Only fields that were set are sent: an unset field is "not given", while an explicit
    ``None`` is sent as JSON ``null``, which Harvest reads as "clear this field".
    """

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        describe_fields(cls)


class ListParams(Params):
    """Query parameters common to every list operation."""

    per_page: int | None = None
    """Records per page, 1–2000 (Harvest's default is the maximum)."""


class IdRef(HarvestModel):
    """A reference to another object by id (``id`` is null when there is none)."""

    id: int | None = None


class NamedRef(HarvestModel):
    """A reference to another object by id, with its name."""

    id: int | None = None
    name: str | None = None


class ClientRef(NamedRef):
    """A reference to a client; real responses also carry the client's currency."""

    currency: str | None = None


class ProjectRef(NamedRef):
    """A reference to a project, with its code."""

    code: str | None = None


class InvoiceRef(HarvestModel):
    """The invoice a time entry or expense was billed on."""

    id: int | None = None
    number: str | None = None


class MessageRecipientParams(Params):
    """A recipient of an invoice or estimate message."""

    email: str
    """Email of the message recipient."""
    name: str | None = None
    """Name of the message recipient."""


class LineItemDeleteParams(Params):
    """Picks the invoice or estimate line item to delete."""

    id: int
    """Unique ID of the line item."""
