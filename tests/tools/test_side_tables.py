"""The tool layer's tables keyed by strings name what the operation table has.

A row renamed or removed in ``api/operations``, or a field dropped from a model, would
otherwise leave a rename, a summary or a stake that silently never applies.
"""

from __future__ import annotations

import pytest

from harvestkit.api.operations import OPERATIONS, OPERATIONS_BY_NAME
from harvestkit.tools.operations import _stakes
from harvestkit.tools.operations._build import RENAMES, tool_name
from harvestkit.tools.operations._models import SUMMARY_FIELDS

RESULT_MODELS = {op.result.__name__: op.result for op in OPERATIONS if isinstance(op.result, type)}

ROW_KEYED = [
    pytest.param(sorted(RENAMES), id="RENAMES"),
    pytest.param(sorted(_stakes.ASKS_FIRST), id="ASKS_FIRST"),
    pytest.param(sorted(_stakes._SENDS), id="_SENDS"),
]


@pytest.mark.parametrize("names", ROW_KEYED)
def test_row_keyed_tables_name_rows_of_the_table(names: list[str]) -> None:
    assert [name for name in names if name not in OPERATIONS_BY_NAME] == []


def test_renames_are_tool_names_no_other_row_derives() -> None:
    names = [tool_name(op) for op in OPERATIONS]
    assert len(names) == len(set(names))
    assert all(name.startswith("harvest_") for name in RENAMES.values())


@pytest.mark.parametrize(("model", "fields"), sorted(SUMMARY_FIELDS.items()))
def test_summary_fields_are_fields_of_a_result_model(model: str, fields: tuple[str, ...]) -> None:
    assert model in RESULT_MODELS, f"{model} is no row's result"
    missing = [f for f in fields if f not in RESULT_MODELS[model].model_fields]
    assert missing == [] and len(fields) == len(set(fields))
