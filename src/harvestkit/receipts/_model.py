"""What a receipt says, each figure with how sure the reading is, and why a file was refused."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, Field

__all__ = ["ReadValue", "ReceiptError", "ReceiptReading", "RefusalKind"]

T = TypeVar("T")


class ReadValue(BaseModel, Generic[T]):
    """One thing read from a receipt: the value (None when not found), a confidence from 0
    to 1, and the line of the receipt it came from."""

    value: T | None = None
    confidence: float = 0.0
    line: str | None = None


class ReceiptReading(BaseModel):
    """Everything read from one receipt file."""

    file_name: str
    sha256: str = Field(description="Hex SHA-256 of the file's bytes: the receipt's identity.")
    source: Literal["text", "ocr"] = Field(
        description="'text': a PDF's own text layer; 'ocr': read from pixels."
    )
    total: ReadValue[Decimal]
    currency: ReadValue[str] = Field(description="ISO 4217 code, e.g. 'USD'.")
    date: ReadValue[date]
    vendor: ReadValue[str]
    tax: ReadValue[Decimal]
    lines: list[str] = Field(description="The receipt's text, one line per printed row.")


RefusalKind = Literal[
    "too_large", "image_bomb", "unsupported", "corrupt", "encrypted", "unreadable", "not_a_receipt"
]


class ReceiptError(Exception):
    """A file that cannot be read as a receipt, with what to do about it."""

    def __init__(self, kind: RefusalKind, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.kind: RefusalKind = kind
        self.message = message
        self.hint = hint
