"""Schema translation details of the registration."""

from __future__ import annotations

from pydantic import BaseModel, Field

from harvestkit.mcp._register import either, pre_parse
from harvestkit.tools.schemas import compact_schema


class Invoice(BaseModel):
    title: str = Field(description="A field that happens to be called title.")
    lines: list[int] = []


class Page(BaseModel):
    invoices: list[Invoice]
    tags: list[str] | None = None


def test_compact_schema_drops_generated_titles_only() -> None:
    schema = compact_schema(Page.model_json_schema())
    assert "title" not in schema
    invoice = schema["$defs"]["Invoice"]
    assert "title" not in invoice
    assert invoice["properties"]["title"] == {
        "description": "A field that happens to be called title.",
        "type": "string",
    }
    assert invoice["properties"]["lines"] == {
        "default": [],
        "items": {"type": "integer"},
        "type": "array",
    }
    assert schema["properties"]["tags"]["anyOf"][0] == {
        "items": {"type": "string"},
        "type": "array",
    }


def test_either_merges_definitions() -> None:
    merged = either(
        compact_schema(Page.model_json_schema()), {"type": "object", "$defs": {"X": {}}}
    )
    assert merged["type"] == "object"
    assert set(merged["$defs"]) == {"Invoice", "X"}
    assert all("$defs" not in branch for branch in merged["anyOf"])


def test_pre_parse_decodes_json_text_for_structured_fields_only() -> None:
    arguments = {"invoices": '[{"title": "a"}]', "tags": "[not json", "other": "[1]"}
    assert pre_parse(Page, arguments) == {
        "invoices": [{"title": "a"}],
        "tags": "[not json",
        "other": "[1]",
    }
    assert pre_parse(Invoice, {"title": "[1, 2]"}) == {"title": "[1, 2]"}
