"""Lean JSON Schemas for tool lists: what a tool takes and returns, in as few bytes as say it.

Every `tools/list` goes into the model's context (and a host's byte budget), so the
schemas the MCP server advertises are cut down from pydantic's:

- inputs (`lean_input_schema`): no generated `title`s, no `default: null`, and an optional
  argument is its type alone rather than "that type or null" (a null or an absent argument
  both mean "not given"); descriptions stay, since they tell the model what to pass;
- outputs (`lean_output_schema`): what a result holds, to the depth an agent reads it:
  the result's fields with their descriptions (and which are always there), each record's
  fields with their types, the fields of objects inside a record; deeper objects are just
  "object". A record that comes
  concise or detailed (`Summary | Full`) is described once, by the fields every shape has,
  the others left open. A shape used more than once (a `{id, name}` reference, a row of
  a breakdown) is defined once in `$defs` and referred to. No constraint is added that the
  output models do not enforce, so every result still validates.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

__all__ = ["OBJECT_DEPTH", "compact_schema", "lean_input_schema", "lean_output_schema"]

_SUBSCHEMA_LISTS = ("anyOf", "oneOf", "allOf", "prefixItems")
_SUBSCHEMA_MAPS = ("properties", "$defs", "patternProperties")
_SUBSCHEMA_ONE = ("items", "additionalProperties", "not", "if", "then", "else")


def compact_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema without pydantic's generated `title`s, which repeat the property names
    and cost context tokens in every `tools/list`."""
    out = {
        key: value
        for key, value in schema.items()
        if not (key == "title" and isinstance(value, str))
    }
    for key in _SUBSCHEMA_LISTS:
        if isinstance(out.get(key), list):
            out[key] = [compact_schema(s) if isinstance(s, dict) else s for s in out[key]]
    for key in _SUBSCHEMA_MAPS:
        if isinstance(out.get(key), dict):
            out[key] = {
                k: compact_schema(s) if isinstance(s, dict) else s for k, s in out[key].items()
            }
    for key in _SUBSCHEMA_ONE:
        if isinstance(out.get(key), dict):
            out[key] = compact_schema(out[key])
    return out


OBJECT_DEPTH = 3
"""Levels of objects an output schema spells out: the result, a record, an object in it."""

_DROPPED = frozenset({"title", "default", "examples", "format", "pattern", "additionalProperties"})
_NULL = {"type": "null"}


def lean_input_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The input schema of `model` as a tool list shows it (see the module docstring)."""
    schema = compact_schema(model.model_json_schema(by_alias=True))
    schema.pop("description", None)  # "Arguments of <tool>." says nothing the list doesn't
    for nested in schema.get("$defs", {}).values():
        _lean_object(nested)
    return _lean_object(schema)


def _lean_object(schema: dict[str, Any]) -> dict[str, Any]:
    if schema.get("additionalProperties") is True:
        del schema["additionalProperties"]  # the default
    properties = schema.get("properties", {})
    required = set(schema.get("required", ()))
    for name, prop in properties.items():
        if "default" in prop and (prop["default"] is None or prop["default"] is False):
            del prop["default"]  # what leaving the argument out means anyway
        properties[name] = _types(_without_null(prop) if name not in required else prop)
    return schema


def _without_null(prop: dict[str, Any]) -> dict[str, Any]:
    variants = prop.get("anyOf")
    if not isinstance(variants, list) or _NULL not in variants:
        return prop
    rest = [v for v in variants if v != _NULL]
    out = {k: v for k, v in prop.items() if k != "anyOf"}
    if len(rest) == 1:
        return {**rest[0], **out}
    return {**out, "anyOf": rest}


def _types(prop: dict[str, Any]) -> dict[str, Any]:
    """`anyOf` of bare types as one type list: `{"type": ["number", "string"]}`."""
    variants = prop.get("anyOf")
    if isinstance(variants, list) and all(
        isinstance(v, dict) and set(v) == {"type"} and isinstance(v["type"], str) for v in variants
    ):
        out = {k: v for k, v in prop.items() if k != "anyOf"}
        return {"type": [v["type"] for v in variants], **out}
    return prop


def lean_output_schema(
    schema: dict[str, Any], *, describe: bool = True, depth: int = OBJECT_DEPTH
) -> dict[str, Any]:
    """`schema` (pydantic's, `$defs` and all) cut down as the module docstring says, to
    `depth` levels of objects; without `describe`, with no descriptions at all (for a shape
    the server's instructions already explain, shared by many tools)."""
    walker = _Lean(schema.get("$defs", {}), describe, depth)
    lean = walker.walk(schema, 0)
    lean.pop("description", None)
    if lean.get("type") != "object":
        lean = {"type": "object", **lean}
    return _shared(lean, walker.named)


_SHARED_MIN = 48
"""Bytes a shape must take for a `$ref` to it (about 25 bytes) to be worth it."""


def _shared(schema: dict[str, Any], named: dict[str, str]) -> dict[str, Any]:
    """`schema` with every named shape that occurs twice or more moved into `$defs`."""
    counts: dict[str, int] = {}

    def count(node: Any) -> None:
        if isinstance(node, dict):
            key = _key(node)
            counts[key] = counts.get(key, 0) + 1
            for value in node.values():
                count(value)
        elif isinstance(node, list):
            for value in node:
                count(value)

    count(schema)
    hoisted = {
        key: named[key]
        for key, n in counts.items()
        if n > 1 and key in named and len(key) >= _SHARED_MIN
    }
    if not hoisted:
        return schema
    defs: dict[str, Any] = {}

    def replace(node: Any, root: bool = False) -> Any:
        if isinstance(node, dict):
            key = _key(node)
            if not root and key in hoisted:
                name = hoisted[key]
                if name not in defs:
                    defs[name] = {}  # placeholder first: a shape never refers to itself
                    defs[name] = replace(node, root=True)
                return {"$ref": f"#/$defs/{name}"}
            return {k: replace(v) for k, v in node.items()}
        if isinstance(node, list):
            return [replace(v) for v in node]
        return node

    out: dict[str, Any] = replace(schema, root=True)
    out["$defs"] = defs
    return out


def _key(node: dict[str, Any]) -> str:
    return json.dumps(node, sort_keys=True, separators=(",", ":"))


class _Lean:
    def __init__(self, defs: dict[str, Any], describe: bool, depth: int) -> None:
        self.defs = defs
        self.describe = describe
        self.depth = depth
        self.shapes: dict[str, dict[str, Any]] = {}
        self.named: dict[str, str] = {}
        """Lean shapes of pydantic's `$defs`, by `_key`: the name to share them under."""

    def walk(self, node: Any, depth: int) -> dict[str, Any]:
        """`node` as an object `depth` levels down (the result itself is 0)."""
        if not isinstance(node, dict):
            return {}
        ref = node.get("$ref")
        if isinstance(ref, str):
            # One shape per definition (the first one walked, however deep), so that every
            # use of it can share one `$defs` entry.
            name = ref.rsplit("/", 1)[-1]
            if name not in self.shapes:
                self.shapes[name] = self.walk(self.defs.get(name, {}), depth)
                self.named.setdefault(_key(self.shapes[name]), name)
            return dict(self.shapes[name])
        every = node.get("allOf")
        if isinstance(every, list) and len(every) == 1:
            return self.walk(every[0], depth)
        if "anyOf" in node or "oneOf" in node:
            return self._either(node.get("anyOf") or node.get("oneOf") or [], depth, node)
        kind = node.get("type")
        if kind == "object" or "properties" in node:
            return self._object(node, depth)
        if kind == "array":
            items = node.get("items")
            out: dict[str, Any] = {"type": "array"}
            if isinstance(items, dict) and items:
                walked = self.walk(items, depth)
                if walked != {"type": "object"}:  # an object too deep to spell out: say "array"
                    out["items"] = walked
            return out
        out = {k: v for k, v in node.items() if k not in _DROPPED and k != "description"}
        if "enum" in out and out.get("type") == "string":
            del out["type"]  # the values say it
        return out

    def _object(self, node: dict[str, Any], depth: int) -> dict[str, Any]:
        if depth >= self.depth or "properties" not in node:
            return {"type": "object"}
        properties = {}
        for name, prop in node["properties"].items():
            lean = self.walk(prop, depth + 1)
            if depth == 0 and self.describe and isinstance(prop, dict) and prop.get("description"):
                lean["description"] = prop["description"]
            properties[name] = lean
        out: dict[str, Any] = {"type": "object", "properties": properties}
        if node.get("required") and depth == 0:
            out["required"] = list(node["required"])
        return out

    def _either(self, variants: list[Any], depth: int, node: dict[str, Any]) -> dict[str, Any]:
        walked = _unique([self.walk(v, depth) for v in variants])
        nullable = _NULL in walked
        rest = [v for v in walked if v != _NULL]
        if len(rest) > 1 and all(v.get("type") == "object" for v in rest):
            rest = _common_object(rest)
        if len(rest) == 1 and not nullable:
            return rest[0]
        if nullable:
            rest.append(_NULL)
        if all(set(v) == {"type"} and isinstance(v["type"], str) for v in rest):
            return {"type": [v["type"] for v in rest]}  # {"type": ["number", "string"]}
        first = rest[0]
        # "This or null" as one schema whose type may be null too, unless the shape is
        # shared through `$defs` (then it stays whole, to be referred to).
        foldable = {"type", "enum", "properties", "required", "items"}
        if (
            len(rest) == 2
            and nullable
            and set(first) <= foldable
            and isinstance(first.get("type"), str)
            and _key(first) not in self.named
        ):
            one = {**first, "type": [first["type"], "null"]}
            if "enum" in one:
                one["enum"] = [*one["enum"], None]
            return one
        return {"anyOf": rest}


def _common_object(variants: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Object shapes of one record (concise and detailed) as one: when one shape's fields
    are all in the others, that shape, its fields' types widened to every shape's, and the
    other fields left open (no `additionalProperties: false`). Otherwise unchanged."""
    fields = [set(v.get("properties", {})) for v in variants]
    smallest = min(range(len(variants)), key=lambda i: len(fields[i]))
    if not all(fields[smallest] <= f for f in fields) or not fields[smallest]:
        return variants
    properties = {}
    for name in variants[smallest]["properties"]:
        shapes = _unique([v["properties"][name] for v in variants])
        properties[name] = shapes[0] if len(shapes) == 1 else {"anyOf": shapes}
    required = set.intersection(*(set(v.get("required", ())) for v in variants))
    merged: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        merged["required"] = [n for n in properties if n in required]
    return [merged]


def _unique(schemas: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for schema in schemas:
        seen.setdefault(json.dumps(schema, sort_keys=True), schema)
    return list(seen.values())
