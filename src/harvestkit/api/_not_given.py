"""The "not given" sentinel.

Harvest reads JSON ``null`` as "clear this field", so ``None`` cannot also mean "leave it
alone". Resource methods default every optional argument to ``NOT_GIVEN`` and drop those
arguments before building the request.
"""

from __future__ import annotations

from typing import Any, Final, Literal

__all__ = ["NOT_GIVEN", "NotGiven", "given"]


class NotGiven:
    """Type of ``NOT_GIVEN``: an argument the caller did not pass."""

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()


def given(arguments: dict[str, Any]) -> dict[str, Any]:
    """Return the arguments the caller gave, dropping ``self`` and ``NOT_GIVEN`` values.

    Resource methods pass ``locals()``; keyword-safe names such as ``from_`` stay as they
    are and are mapped to their wire names by the parameter models.
    """
    return {
        name: value
        for name, value in arguments.items()
        if name != "self" and not isinstance(value, NotGiven)
    }
