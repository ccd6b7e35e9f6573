"""Method signatures from the parameter models: what a resource method accepts and returns.

The models say what Harvest accepts; the signature adds what a caller may pass. An optional
field becomes ``T | NotGiven = NOT_GIVEN`` (not sent), and on a body also ``| None`` (sent as
``null``, which Harvest reads as "clear this field"; a query has nothing to clear). A nested
request model may be passed as a plain dict too, unless it carries bytes (a receipt upload).
Lists are accepted as any ``Sequence``.
"""

from __future__ import annotations

import ast
import sys
import types
from dataclasses import dataclass
from typing import Any

from ..operations import Operation
from ..types._base import Params
from ._names import TYPE_ALIASES

__all__ = ["Parameter", "Signature", "signature"]

_BUILTINS = {"int", "str", "bool", "bytes", "dict", "float", "None"}
_KNOWN = {
    "Any": "typing",
    "Sequence": "collections.abc",
    "date": "datetime",
    "datetime": "datetime",
    "Decimal": "decimal",
    "NotGiven": "harvestkit.api._not_given",
}


@dataclass(frozen=True)
class Parameter:
    """One argument: ``name: annotation`` with ``= NOT_GIVEN`` unless required."""

    name: str
    annotation: str
    required: bool
    positional: bool

    def source(self) -> str:
        return f"{self.name}: {self.annotation}" + ("" if self.required else " = NOT_GIVEN")


@dataclass(frozen=True)
class Signature:
    """The arguments, the result annotation, and where each name it uses comes from."""

    parameters: tuple[Parameter, ...]
    result: str
    imports: frozenset[tuple[str, str]]


def signature(row: Operation[Any], pager: str) -> Signature:
    """The signature of ``row``'s method; ``pager`` names the page iterator of a list."""
    imports: set[tuple[str, str]] = set()
    parameters = [Parameter(name, "int", True, True) for name in row.path_params]
    model = row.params or row.body
    if model is not None:
        for name, field in model.model_fields.items():
            annotation = _argument(model, name, imports, nullable=row.body is not None)
            required = field.is_required()
            if not required:
                annotation = _union(annotation, ["NotGiven", *(["None"] if row.body else [])])
                imports.add((_KNOWN["NotGiven"], "NotGiven"))
            parameters.append(Parameter(name, annotation, required, False))
    return Signature(tuple(parameters), _result(row, pager, imports), frozenset(imports))


def _result(row: Operation[Any], pager: str, imports: set[tuple[str, str]]) -> str:
    if row.result is None:
        return "None"
    name = _import_class(row.result, imports)
    return f"{pager}[{name}]" if row.is_list else name


def _import_class(cls: type[Any], imports: set[tuple[str, str]]) -> str:
    alias = TYPE_ALIASES.get(cls.__name__)
    imports.add((cls.__module__, f"{cls.__name__} as {alias}" if alias else cls.__name__))
    return alias or cls.__name__


def _raw_annotation(model: type[Params], name: str) -> tuple[str, dict[str, Any]]:
    for cls in model.__mro__:
        raw = vars(cls).get("__annotations__", {}).get(name)
        if raw is not None:
            return str(raw), vars(sys.modules[cls.__module__])
    raise LookupError(f"{model.__name__}.{name} has no annotation")


def _argument(
    model: type[Params], name: str, imports: set[tuple[str, str]], *, nullable: bool
) -> str:
    raw, namespace = _raw_annotation(model, name)
    members = [m for m in _members(ast.parse(raw, mode="eval").body) if not _is_none(m)]
    mapped: list[str] = []
    for member in members:
        mapped.extend(_accepted(member, namespace, imports))
    return " | ".join(mapped)


def _members(node: ast.expr) -> list[ast.expr]:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return [*_members(node.left), *_members(node.right)]
    return [node]


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _accepted(
    node: ast.expr, namespace: dict[str, Any], imports: set[tuple[str, str]]
) -> list[str]:
    """What a caller may pass for one member of a field's type."""
    if isinstance(node, ast.Subscript) and ast.unparse(node.value) == "list":
        imports.add(("collections.abc", "Sequence"))
        return [f"Sequence[{_element(node.slice, namespace, imports)}]"]
    text = ast.unparse(node)
    _import_names(node, namespace, imports)
    value = namespace.get(text)
    if isinstance(value, type) and issubclass(value, Params) and not _carries_bytes(value):
        imports.add(("typing", "Any"))
        return [text, "dict[str, Any]"]
    return [text]


def _element(node: ast.expr, namespace: dict[str, Any], imports: set[tuple[str, str]]) -> str:
    members = _members(node)
    if len(members) > 1:
        # A union of change kinds has a public alias in its module (``InvoiceLineItemChange``).
        value = eval(ast.unparse(node), namespace)
        for alias, candidate in namespace.items():
            if isinstance(candidate, types.UnionType) and candidate == value:
                imports.add((namespace["__name__"], alias))
                return alias
    accepted: list[str] = []
    for member in members:
        accepted.extend(_accepted(member, namespace, imports))
    return _union(accepted[0], accepted[1:])


def _union(first: str, rest: list[str]) -> str:
    seen = [first]
    for member in rest:
        if member not in seen:
            seen.append(member)
    return " | ".join(seen)


def _carries_bytes(model: type[Params]) -> bool:
    return any(field.annotation is bytes for field in model.model_fields.values())


def _import_names(node: ast.expr, namespace: dict[str, Any], imports: set[tuple[str, str]]) -> None:
    for sub in ast.walk(node):
        if not isinstance(sub, ast.Name) or sub.id in _BUILTINS:
            continue
        if sub.id in _KNOWN:
            imports.add((_KNOWN[sub.id], sub.id))
            continue
        value = namespace[sub.id]
        module = value.__module__ if isinstance(value, type) else namespace["__name__"]
        imports.add((module, sub.id))
