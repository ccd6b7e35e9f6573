"""``Secret``: a string that never shows itself by accident."""

from __future__ import annotations

import hmac
from typing import Any

__all__ = ["REDACTED", "Secret"]

REDACTED = "**********"


class Secret:
    """Holds a token, key or password; ``repr``, ``str`` and ``format`` are redacted.

    Call ``reveal()`` at the one place the clear value is needed (an HTTP header, the
    cipher). Equality is constant time; a ``Secret`` is not hashable, so it cannot leak
    through a dict key or set either.
    """

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        if not isinstance(value, str):
            raise TypeError(f"a Secret holds a str, not {type(value).__name__}")
        self._value = value

    def reveal(self) -> str:
        """The clear value."""
        return self._value

    def __repr__(self) -> str:
        return f"Secret('{REDACTED}')"

    def __str__(self) -> str:
        return REDACTED

    def __format__(self, spec: str) -> str:
        return REDACTED

    def __bool__(self) -> bool:
        return bool(self._value)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        return hmac.compare_digest(self._value.encode(), other._value.encode())

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> Any:
        # Pickling would put the clear value into whatever the pickle is written to.
        raise TypeError("a Secret cannot be pickled")
