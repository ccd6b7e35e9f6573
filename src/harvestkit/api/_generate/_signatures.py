"""What a resource method accepts and returns, from the parameter models.

Path parameters are positional ints. The rest are the keys of one ``TypedDict`` per
parameter model (``TimeEntryListParams`` gives ``TimeEntryListArguments``), which the sync
and async methods both take as ``**params: Unpack[…]``; a model's base (``ListParams``)
gives the dict's base (``ListArguments``), so a shared field is typed once.

The models say what Harvest accepts; the keys say what a caller may pass. An optional field
may be left out (not sent); on a body it may also be ``None`` (sent as ``null``, which
Harvest reads as "clear this field"; a query has nothing to clear). A nested request model
may be passed as a plain dict too, unless it carries bytes (a receipt upload). Lists are
accepted as any ``Sequence``.
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

__all__ = ["Arguments", "Key", "Signature", "argument_types", "arguments_name", "signature"]

_BUILTINS = {"int", "str", "bool", "bytes", "dict", "float", "None"}
_KNOWN = {
    "Any": "typing",
    "Sequence": "collections.abc",
    "date": "datetime",
    "datetime": "datetime",
    "Decimal": "decimal",
}


@dataclass(frozen=True)
class Key:
    """One keyword argument: its name, what it accepts, and whether it must be given."""

    name: str
    annotation: str
    required: bool

    def source(self) -> str:
        """The line that declares it in its ``TypedDict``."""
        annotation = f"Required[{self.annotation}]" if self.required else self.annotation
        return f"{self.name}: {annotation}"


@dataclass(frozen=True)
class Arguments:
    """The ``TypedDict`` of one parameter model: its own keys, and its base's name."""

    name: str
    model: type[Params]
    base: str | None
    keys: tuple[Key, ...]
    operations: tuple[str, ...]
    imports: frozenset[tuple[str, str]]


@dataclass(frozen=True)
class Signature:
    """Path parameters, the ``TypedDict`` of the rest (every key, inherited ones first), the
    result annotation, and where each name the result uses comes from."""

    path: tuple[str, ...]
    arguments: str | None
    keys: tuple[Key, ...]
    result: str
    imports: frozenset[tuple[str, str]]


def arguments_name(model: type[Params]) -> str:
    """``TimeEntryListParams`` -> ``TimeEntryListArguments``."""
    return model.__name__.removesuffix("Params") + "Arguments"


def signature(row: Operation[Any], pager: str | None) -> Signature:
    """The signature of ``row``'s method; ``pager`` names the page iterator of a list
    (``None``: the result is the item type)."""
    imports: set[tuple[str, str]] = set()
    model = row.params or row.body
    keys: tuple[Key, ...] = ()
    if model is not None:
        keys = tuple(k for cls in _chain(model) for k in _own_keys(cls, row.body is not None))
    name = arguments_name(model) if model is not None and keys else None
    result = _result(row, pager, imports)
    return Signature(tuple(row.path_params), name, keys, result, frozenset(imports))


def argument_types(rows: list[Operation[Any]]) -> list[Arguments]:
    """The ``TypedDict`` of every model ``rows`` take, bases before the models built on them."""
    uses: dict[type[Params], list[Operation[Any]]] = {}
    for row in rows:
        model = row.params or row.body
        if model is not None and model.model_fields:
            for cls in _chain(model):
                uses.setdefault(cls, []).append(row)
    found: list[Arguments] = []
    for cls, users in uses.items():
        kinds = {row.body is not None for row in users}
        if len(kinds) != 1:
            # A key's type differs between a query and a body (``None`` means "clear it").
            raise ValueError(f"{cls.__name__} is both a query and a body")
        imports: set[tuple[str, str]] = set()
        keys = _own_keys(cls, kinds.pop(), imports)
        base = _chain(cls)[-2] if len(_chain(cls)) > 1 else None
        names = tuple(dict.fromkeys(r.name for r in users if (r.params or r.body) is cls))
        base_name = arguments_name(base) if base else None
        name = arguments_name(cls)
        found.append(Arguments(name, cls, base_name, tuple(keys), names, frozenset(imports)))
    return found


def _chain(model: type[Params]) -> list[type[Params]]:
    """``model`` and the parameter models it extends, the most basic first (not ``Params``)."""
    bases = [b for b in model.__bases__ if issubclass(b, Params) and b is not Params]
    if len(bases) > 1:
        raise ValueError(f"{model.__name__} extends more than one parameter model")
    return [*(_chain(bases[0]) if bases else []), model]


def _own_keys(
    model: type[Params], nullable: bool, imports: set[tuple[str, str]] | None = None
) -> list[Key]:
    """The keys of the fields ``model`` declares itself (not those of its base)."""
    imports = set() if imports is None else imports
    own = vars(model).get("__annotations__", {})
    inherited = {n for base in _chain(model)[:-1] for n in base.model_fields}
    if inherited & set(own):
        raise ValueError(f"{model.__name__} redeclares {sorted(inherited & set(own))}")
    keys = []
    for name, field in model.model_fields.items():
        if name not in own:
            continue
        annotation = _argument(model, name, imports)
        required = field.is_required()
        if nullable and not required:
            annotation = _union(annotation, ["None"])
        keys.append(Key(name, annotation, required))
    return keys


def _result(row: Operation[Any], pager: str | None, imports: set[tuple[str, str]]) -> str:
    if row.result is None:
        return "None"
    name = _import_class(row.result, imports)
    return f"{pager}[{name}]" if row.is_list and pager else name


def _import_class(cls: type[Any], imports: set[tuple[str, str]]) -> str:
    alias = TYPE_ALIASES.get(cls.__name__)
    imports.add((cls.__module__, f"{cls.__name__} as {alias}" if alias else cls.__name__))
    return alias or cls.__name__


def _argument(model: type[Params], name: str, imports: set[tuple[str, str]]) -> str:
    raw = vars(model)["__annotations__"][name]
    namespace = vars(sys.modules[model.__module__])
    members = [m for m in _members(ast.parse(str(raw), mode="eval").body) if not _is_none(m)]
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
