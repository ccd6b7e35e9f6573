"""The tools' lean schemas kept between starts: the same schemas, read back; a file that
cannot be read is made again; other code names another file."""

from __future__ import annotations

from pathlib import Path

import pytest

from harvestkit.tools import ListedSchemas, catalog, select
from harvestkit.tools import _schema_cache as schema_cache
from harvestkit.tools.export import output_schema
from harvestkit.tools.schemas import lean_input_schema, lean_output_schema


def test_schemas_read_back_are_the_ones_generated(tmp_path: Path) -> None:
    path = tmp_path / "schemas.json"
    tools = select(catalog())
    first = ListedSchemas(path)
    generated = [first.of(tool) for tool in tools]
    first.save()
    assert path.exists()
    again = ListedSchemas(path)
    for tool, schemas in zip(tools, generated, strict=True):
        expected = (lean_input_schema(tool.input_model), lean_output_schema(output_schema(tool)))
        assert schemas == expected
        assert again.of(tool) == expected
    assert again._added is False  # nothing was generated the second time


def test_an_unreadable_file_costs_only_the_time_to_generate(tmp_path: Path) -> None:
    path = tmp_path / "schemas.json"
    path.write_text("{not json")
    tool = select(catalog())[0]
    cache = ListedSchemas(path)
    assert cache.of(tool) == (
        lean_input_schema(tool.input_model),
        lean_output_schema(output_schema(tool)),
    )
    cache.save()
    assert ListedSchemas(path).of(tool) == cache.of(tool)


def test_changed_code_names_another_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HARVESTKIT_CACHE_DIR", str(tmp_path))
    before = ListedSchemas.for_this_code().path
    schema_cache._fingerprint.cache_clear()
    monkeypatch.setattr(schema_cache.pydantic, "VERSION", "0.0-other")
    after = ListedSchemas.for_this_code().path
    schema_cache._fingerprint.cache_clear()
    assert before is not None and after is not None
    assert before.parent == after.parent == tmp_path / "tool-schemas"
    assert before != after


def test_a_tool_made_at_run_time_under_a_catalog_name_is_never_kept(tmp_path: Path) -> None:
    from dataclasses import replace

    from pydantic import BaseModel

    class Other(BaseModel):
        something_else: int

    real = select(catalog())[0]
    impostor = replace(real, input_model=Other)
    path = tmp_path / "schemas.json"
    cache = ListedSchemas(path)
    cache.of(real)
    assert cache.of(impostor)[0] == lean_input_schema(Other)
    assert cache.of(real)[0] == lean_input_schema(real.input_model)
