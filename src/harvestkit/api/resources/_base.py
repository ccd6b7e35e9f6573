"""What the generated resource modules are made of (``h.time_entries``, ``h.invoices.payments``).

A resource class is written once for both clients: ``Clients[SyncCore]`` hangs off
``Harvest`` and ``Clients[AsyncCore]`` off ``AsyncHarvest``. Each method is a declaration,
its signature and docstring, under ``@call(ROW)`` or ``@pages(ROW)``; the decorator does the
work, so the body is empty. Its positional parameters are the row's path placeholders, its
``**params`` the rest, and its return annotation the row's result (for a list, one item).
The type checker reads the one declaration as returning the result itself on a sync
resource and an awaitable of it on an async one; a list, a ``SyncPager`` or an
``AsyncPager`` of the items.

A nested resource is an annotated attribute (``messages: InvoiceMessages[C]``); the
resource makes it on the same core.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Awaitable, Callable, Mapping
from functools import update_wrapper
from types import MethodType
from typing import Any, Concatenate, Generic, ParamSpec, Self, TypeVar, overload

from .._async_core import AsyncCore
from .._pagination import AsyncPager, SyncPager
from .._sync_core import SyncCore
from ..operations import Operation

__all__ = ["APIResource", "C", "ResourceMethod", "call", "pages"]

C = TypeVar("C", SyncCore, AsyncCore)
P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S")
A = TypeVar("A")


class APIResource(Generic[C]):
    """Holds the client's request core, and makes the resources nested under this one."""

    _core: C
    _children: Mapping[str, type[APIResource[Any]]] = {}

    def __init__(self, core: C) -> None:
        self._core = core
        for name, child in self._children.items():
            setattr(self, name, child(core))

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # Only the generated modules declare nested resources; a subclass elsewhere (a
        # caller's ``class MyHarvest(Harvest)``) inherits them, whatever it annotates.
        if not cls.__module__.startswith(f"{__package__}."):
            return
        declared = inspect.get_annotations(cls, eval_str=True).items()
        nested = {name: _resource_class(annotation) for name, annotation in declared}
        cls._children = {
            **cls._children,
            **{name: child for name, child in nested.items() if child is not None},
        }


def _resource_class(annotation: object) -> type[APIResource[Any]] | None:
    """``InvoiceMessages`` for ``InvoiceMessages[C]``; ``None`` for anything else."""
    origin: object = typing.get_origin(annotation)
    return origin if isinstance(origin, type) and issubclass(origin, APIResource) else None


class ResourceMethod(Generic[P, S, A]):
    """A declared method bound to its operation table row: called on a sync resource it
    returns ``S``, on an async one ``A``."""

    def __init__(self, row: Operation[Any], declared: Callable[..., Any], *, paged: bool) -> None:
        self._row = row
        self._paged = paged
        self._signature = inspect.signature(declared)
        parameters = list(self._signature.parameters.values())[1:]
        self._ids = tuple(p.name for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD)
        self._rest = next((p.name for p in parameters if p.kind is p.VAR_KEYWORD), None)
        update_wrapper(self, declared)

        # A coroutine function, as a hand-written async method would be, for callers that
        # ask ``inspect.iscoroutinefunction`` before they await. A pager is not awaited.
        async def awaited(resource: APIResource[AsyncCore], /, *args: Any, **kwargs: Any) -> Any:
            return await self(resource, *args, **kwargs)

        self._awaited = None if paged else update_wrapper(awaited, declared)

    def __call__(self, resource: APIResource[Any], /, *args: Any, **kwargs: Any) -> Any:
        bound = self._signature.bind(resource, *args, **kwargs).arguments
        arguments = {name: bound[name] for name in self._ids}
        if self._rest is not None:
            arguments.update(bound.get(self._rest, {}))
        if self._paged:
            return resource._core.paginate(self._row, arguments)
        return resource._core.call(self._row, arguments)

    @overload
    def __get__(self, resource: None, owner: type[Any]) -> Self: ...
    @overload
    def __get__(self, resource: APIResource[SyncCore], owner: type[Any]) -> Callable[P, S]: ...
    @overload
    def __get__(self, resource: APIResource[AsyncCore], owner: type[Any]) -> Callable[P, A]: ...
    def __get__(self, resource: APIResource[Any] | None, owner: type[Any]) -> Any:
        if resource is None:
            return self
        function: Callable[..., Any] = self
        if self._awaited is not None and isinstance(resource._core, AsyncCore):
            function = self._awaited
        # Bound like a function, so ``inspect.signature(h.clients.retrieve)`` reads as declared.
        return MethodType(function, resource)


def call(
    row: Operation[R],
) -> Callable[[Callable[Concatenate[Any, P], R]], ResourceMethod[P, R, Awaitable[R]]]:
    """The declared method sends ``row``: its result on a sync resource, an awaitable of it
    on an async one. The type checker holds the declared result to the row's."""
    return lambda declared: ResourceMethod(row, declared, paged=False)


def pages(
    row: Operation[R],
) -> Callable[[Callable[Concatenate[Any, P], R]], ResourceMethod[P, SyncPager[R], AsyncPager[R]]]:
    """The declared method pages through ``row``'s list; it declares the type of one item, and
    returns a pager of them, sync or async as the resource is."""
    return lambda declared: ResourceMethod(row, declared, paged=True)
