"""A list envelope read one record at a time.

``json.loads`` of a page of 2,000 time entries (2 MB) is a single call of 20 to 35 ms that
nothing else in the process interrupts: not the event loop, not another thread. Reading the
list item by item with ``JSONDecoder.raw_decode`` gives the same values in steps of a few
microseconds, so a caller can let other work run between records.
"""

from __future__ import annotations

import json
import re
from collections.abc import Generator, Iterator
from typing import Any

__all__ = ["Envelope"]

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")


class Envelope:
    """A JSON object whose list under ``list_key`` is handed out record by record.

    ``records()`` yields the list's items in order; once it is exhausted, ``fields`` holds
    every other member of the object. For an object whose keys are distinct, values are
    exactly what ``json.loads`` gives, and text that is not one JSON object raises
    ``json.JSONDecodeError`` as it would.
    """

    def __init__(self, text: str, list_key: str) -> None:
        self._text = text
        self._list_key = list_key
        self.fields: dict[str, Any] = {}

    def records(self) -> Iterator[Any]:
        """Every item of the list, in order; then ``fields`` is complete."""
        text = self._text
        at = self._expect("{", _skip(text, 0))
        if text.startswith("}", at):
            self._end(at + 1)
            return
        while True:
            if not text.startswith('"', at):
                raise json.JSONDecodeError("Expecting property name", text, at)
            key, at = _DECODER.raw_decode(text, at)
            at = self._expect(":", _skip(text, at))
            if key == self._list_key and text.startswith("[", at):
                at = yield from self._items(_skip(text, at + 1))
            else:
                value, at = _DECODER.raw_decode(text, at)
                if key == self._list_key:
                    yield from value or ()  # null: no records
                else:
                    self.fields[key] = value
            at = _skip(text, at)
            if text.startswith("}", at):
                self._end(at + 1)
                return
            at = self._expect(",", at)

    def _items(self, at: int) -> Generator[Any, None, int]:
        """The items of the list whose first item is at `at`; returns the position after it."""
        text = self._text
        if text.startswith("]", at):
            return at + 1
        while True:
            item, at = _DECODER.raw_decode(text, at)
            yield item
            at = _skip(text, at)
            if text.startswith("]", at):
                return at + 1
            at = self._expect(",", at)

    def _expect(self, char: str, at: int) -> int:
        """The position after `char` and any space following it."""
        if not self._text.startswith(char, at):
            raise json.JSONDecodeError(f"Expecting '{char}' delimiter", self._text, at)
        return _skip(self._text, at + 1)

    def _end(self, at: int) -> None:
        if _skip(self._text, at) != len(self._text):
            raise json.JSONDecodeError("Extra data", self._text, at)


def _skip(text: str, at: int) -> int:
    match = _SPACE.match(text, at)
    return match.end() if match else at
