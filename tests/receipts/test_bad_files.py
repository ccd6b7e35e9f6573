"""Files that are not readable receipts get a clear answer saying which, and why."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image, ImageDraw

from harvestkit.receipts import MAX_BYTES, ReceiptError, read

from .corpus import fonts, receipt, text_pdf


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _bomb() -> bytes:
    """A small PNG whose header claims 40 000 x 40 000 pixels (1.6 gigapixels)."""
    real = _png(Image.new("1", (8, 8), 1))
    ihdr = struct.pack(">IIBBBBB", 40_000, 40_000, 1, 0, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    patched = struct.pack(">I", len(ihdr)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    return real[:8] + patched + real[8 + len(patched) :]


def _notes() -> bytes:
    from PIL import ImageFont

    image = Image.new("L", (420, 160), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(fonts()[1] or "", 20)
    for i, line in enumerate(("Meeting notes", "Bring the slides", "Call Anna about the plan")):
        draw.text((20, 20 + 40 * i), line, font=font, fill=0)
    return _png(image)


def _encrypted() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(receipt(4).data)))
    writer.encrypt(user_password="s3cret", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


CASES = {
    "too large": (lambda: b"\x89PNG\r\n\x1a\n" + bytes(MAX_BYTES), "too_large", "20 MB"),
    "image bomb": (_bomb, "image_bomb", "megapixels"),
    "a text file": (lambda: b"just some words\n", "unsupported", "not a PDF or an image"),
    "a truncated PNG": (lambda: receipt(0).data[:200], "corrupt", "damaged"),
    "a damaged PDF": (lambda: b"%PDF-1.4\n garbage garbage", "corrupt", "damaged"),
    "an encrypted PDF": (_encrypted, "encrypted", "password"),
    "a blank photo": (lambda: _png(Image.new("L", (600, 800), 255)), "unreadable", "no text"),
    "meeting notes": (_notes, "not_a_receipt", "no amount of money"),
    "a letter as PDF": (
        lambda: text_pdf(["Dear Anna,", "see you at the workshop next week.", "Best, Ethan"]),
        "not_a_receipt",
        "no amount",
    ),
    "an empty file": (lambda: b"", "corrupt", "empty"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_files_get_a_clear_answer(case: str) -> None:
    make, kind, words = CASES[case]
    with pytest.raises(ReceiptError) as caught:
        read(make(), "upload")
    assert caught.value.kind == kind
    assert words in caught.value.message
