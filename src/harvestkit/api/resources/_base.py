"""Base classes of the resource namespaces (``h.time_entries``, ``h.invoices.payments``).

The generated resource modules spell out each sync method; ``awaitable`` and
``async_pager`` derive its async twin, so both share one parameter list and type checkers
see the same arguments on both (``ParamSpec``). One difference a type checker hides: an
async twin binds its arguments when its coroutine runs, so a wrong argument raises
``TypeError`` on ``await`` rather than on the call.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Coroutine
from typing import Any, Concatenate, ParamSpec, TypeVar

from .._async_core import AsyncCore
from .._not_given import NotGiven
from .._pagination import AsyncPager, SyncPager
from .._sync_core import SyncCore
from ..operations import Operation

__all__ = ["AsyncAPIResource", "SyncAPIResource", "async_pager", "awaitable"]

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")


class SyncAPIResource:
    """Holds the client's request core; methods name their operation table row."""

    def __init__(self, core: SyncCore) -> None:
        self._core = core


class AsyncAPIResource:
    """Async twin of ``SyncAPIResource``."""

    def __init__(self, core: AsyncCore) -> None:
        self._core = core


def awaitable(
    op: Operation[Any], sync: Callable[Concatenate[Any, P], R]
) -> Callable[Concatenate[AsyncAPIResource, P], Coroutine[Any, Any, R]]:
    """The async twin of the sync method ``sync``, which runs row ``op``."""
    arguments = _arguments(sync)

    async def method(self: AsyncAPIResource, /, *args: P.args, **kwargs: P.kwargs) -> R:
        result: R = await self._core.call(op, arguments(self, args, kwargs))
        return result

    return _like(method, sync, inspect.signature(sync))


def async_pager(
    op: Operation[Any], sync: Callable[Concatenate[Any, P], SyncPager[T]]
) -> Callable[Concatenate[AsyncAPIResource, P], AsyncPager[T]]:
    """The async twin of the sync list method ``sync``: a pager to ``async for`` over."""
    arguments = _arguments(sync)

    def method(self: AsyncAPIResource, /, *args: P.args, **kwargs: P.kwargs) -> AsyncPager[T]:
        pager: AsyncPager[T] = self._core.paginate(op, arguments(self, args, kwargs))
        return pager

    signature = inspect.signature(sync)
    pager = str(signature.return_annotation).replace("SyncPager[", "AsyncPager[", 1)
    return _like(method, sync, signature.replace(return_annotation=pager))


_Arguments = Callable[[Any, tuple[Any, ...], dict[str, Any]], dict[str, Any]]


def _arguments(sync: Callable[..., Any]) -> _Arguments:
    """Binds a call as the sync method would, keeping what its ``given(locals())`` keeps."""
    signature = inspect.signature(sync)

    def bind(self: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
        bound = signature.bind(self, *args, **kwargs)
        bound.apply_defaults()
        return {
            name: value
            for name, value in list(bound.arguments.items())[1:]
            if not isinstance(value, NotGiven)
        }

    return bind


_F = TypeVar("_F", bound=Callable[..., Any])


def _like(method: _F, sync: Callable[..., Any], signature: inspect.Signature) -> _F:
    """Give ``method`` the name and docstring of ``sync``, and ``signature``.

    The async class is named after the sync one (``AsyncTimeEntries``, ``TimeEntries``).
    """
    method.__name__ = sync.__name__
    method.__qualname__ = f"Async{sync.__qualname__}"
    method.__doc__ = sync.__doc__
    method.__module__ = sync.__module__
    method.__signature__ = signature  # type: ignore[attr-defined]
    return method
