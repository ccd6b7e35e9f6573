"""SDK models take their field descriptions from the docstrings under the fields, as
pydantic's `use_attribute_docstrings` would (harvestkit reads each module once instead)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from harvestkit.api.types import TimeEntry
from harvestkit.api.types._base import HarvestModel

PYDANTIC = ConfigDict(extra="allow", populate_by_name=True, use_attribute_docstrings=True)


class Ours(HarvestModel):
    """A class docstring is not a field's."""

    required: int
    """A required field."""
    defaulted: str | None = None
    """A field with a default."""
    aliased: int = Field(3, alias="other")
    """A field whose Field has no description."""
    described: int = Field(0, description="Field's own words")
    """Field's description wins over this."""
    "Not a docstring: it follows a string, not a field."
    undocumented: int = 0
    listed: list[int] = Field(default_factory=list)

    def method(self) -> None:
        x: int = 1
        """Inside a function: nobody's field."""
        del x


class Theirs(BaseModel):
    """A class docstring is not a field's."""

    model_config = PYDANTIC

    required: int
    """A required field."""
    defaulted: str | None = None
    """A field with a default."""
    aliased: int = Field(3, alias="other")
    """A field whose Field has no description."""
    described: int = Field(0, description="Field's own words")
    """Field's description wins over this."""
    "Not a docstring: it follows a string, not a field."
    undocumented: int = 0
    listed: list[int] = Field(default_factory=list)

    def method(self) -> None:
        x: int = 1
        """Inside a function: nobody's field."""
        del x


class Child(Ours):
    extra_field: bool = False
    """Only the child's."""


def _fields(model: type[BaseModel]) -> dict[str, Any]:
    return {
        name: (info.description, info.default, info.is_required(), info.alias)
        for name, info in model.model_fields.items()
    }


def test_descriptions_match_pydantics_own() -> None:
    assert _fields(Ours) == _fields(Theirs)
    ours, theirs = Ours.model_json_schema(), Theirs.model_json_schema()
    assert ours.pop("title") == "Ours" and theirs.pop("title") == "Theirs"
    assert ours == theirs


def test_the_docstrings_are_the_descriptions() -> None:
    fields = Ours.model_fields
    assert fields["required"].description == "A required field."
    assert fields["required"].is_required()
    assert fields["aliased"].alias == "other" and fields["aliased"].default == 3
    assert fields["described"].description == "Field's own words"
    assert fields["undocumented"].description is None


def test_a_subclass_keeps_its_parents_descriptions() -> None:
    assert Child.model_fields["defaulted"].description == "A field with a default."
    assert Child.model_fields["extra_field"].description == "Only the child's."


def test_sdk_models_are_described() -> None:
    assert TimeEntry.model_fields["hours"].description
