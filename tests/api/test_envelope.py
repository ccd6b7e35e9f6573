"""A long page read record by record gives exactly what json.loads gives, or its error."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harvestkit.api._envelope import Envelope

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)
LAYOUTS = st.sampled_from(
    [
        {},
        {"indent": 2},
        {"separators": (",", ":")},
        {"separators": (" ,\r\n", " :\t")},
        {"ensure_ascii": False},
    ]
)


def read(text: str, key: str) -> tuple[list[Any], dict[str, Any]]:
    envelope = Envelope(text, key)
    records = list(envelope.records())
    return records, envelope.fields


@given(
    records=st.lists(VALUES, max_size=5),
    others=st.dictionaries(st.text(), VALUES, max_size=4),
    before=st.integers(min_value=0, max_value=4),
    layout=LAYOUTS,
)
def test_records_and_fields_are_what_json_loads_gives(
    records: list[Any], others: dict[str, Any], before: int, layout: dict[str, Any]
) -> None:
    others.pop("items", None)
    members = list(others.items())
    members.insert(min(before, len(members)), ("items", records))
    text = json.dumps(dict(members), **layout)
    whole = json.loads(text)
    assert read(text, "items") == (whole.pop("items"), whole)


@pytest.mark.parametrize(
    ("text", "records", "fields"),
    [
        ('{"items": null, "page": 1}', [], {"page": 1}),
        ('{"page": 1}', [], {"page": 1}),
        ("{}", [], {}),
        (' \n{ "items" : [ ] }\n ', [], {}),
        (
            '{"items": [{"note": "a ] , } \\" \\u005d"}, [1, [2]]]}',
            [{"note": 'a ] , } " ]'}, [1, [2]]],
            {},
        ),
    ],
)
def test_edge_cases(text: str, records: list[Any], fields: dict[str, Any]) -> None:
    assert read(text, "items") == (records, fields)


@pytest.mark.parametrize(
    "text",
    [
        "",
        '{"items": [1, 2}',
        '{"items": [1 2]}',
        '{"items": [1,]}',
        '{"items": [1], }',
        '{"items": [1]',
        '{"items": [1]} x',
        "{items: [1]}",
        '{"items" [1]}',
        '{"page": 1 "items": []}',
    ],
)
def test_what_json_loads_refuses_is_refused(text: str) -> None:
    with pytest.raises(json.JSONDecodeError):
        json.loads(text)
    with pytest.raises(json.JSONDecodeError):
        read(text, "items")


def test_a_body_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(json.JSONDecodeError):
        read("[1, 2]", "items")
