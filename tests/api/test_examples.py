"""Every example response in the reference OpenAPI spec parses into its model."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from harvestkit.api._pagination import parse_page
from harvestkit.api.operations import API_OPERATIONS, Operation
from tests.spec import SPEC_PATH


@cache
def spec() -> dict[str, Any]:
    with SPEC_PATH.open() as f:
        data: dict[str, Any] = yaml.safe_load(f)
    return data


def snake_path(path: str) -> str:
    """``/clients/{clientId}`` -> ``/clients/{client_id}`` (the table's spelling)."""
    return re.sub(
        r"{(\w+)}", lambda m: "{" + re.sub(r"(?<!^)([A-Z])", r"_\1", m[1]).lower() + "}", path
    )


def examples() -> list[Any]:
    cases = []
    for path, methods in spec()["paths"].items():
        for method, op in methods.items():
            for status, response in op["responses"].items():
                for content in response.get("content", {}).values():
                    if "example" in content:
                        ref = content["schema"]["$ref"].rsplit("/", 1)[-1]
                        case_id = f"{op['operationId']}-{status}"
                        args = (method.upper(), snake_path(path), ref, content["example"])
                        cases.append(pytest.param(*args, id=case_id))
    return cases


def row_for(method: str, path: str) -> Operation[Any]:
    return next(row for row in API_OPERATIONS if (row.method, row.path) == (method, path))


def leftover_fields(model: BaseModel, where: str = "") -> list[str]:
    """Fields of the example that the model does not declare (extra="allow" keeps them)."""
    found = [f"{where}{name}" for name in (model.model_extra or {})]
    for name in type(model).model_fields:
        value = getattr(model, name)
        values = value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, BaseModel):
                found += leftover_fields(item, f"{where}{name}.")
    return found


def test_the_spec_has_89_examples() -> None:
    assert len(examples()) == 89


@pytest.mark.parametrize(("method", "path", "schema", "example"), examples())
def test_example_parses_into_its_model(method: str, path: str, schema: str, example: Any) -> None:
    row = row_for(method, path)
    assert row.result is not None
    if row.is_list:
        page = parse_page(row, example)
        assert len(page.items) == len(example[row.list_key or ""])
        assert page.total_entries == example["total_entries"]
        assert page.next_cursor == (example["links"]["next"] or None)
        parsed: list[BaseModel] = list(page.items)
    else:
        expected = "TeammatesUpdate" if schema == "TeammatesPatchResponse" else schema
        assert row.result.__name__ == expected
        parsed = [row.result.model_validate(example)]
    for model in parsed:
        assert leftover_fields(model) == []
