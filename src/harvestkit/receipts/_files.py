"""From a file's bytes to what can be read: a PDF's text, or images to OCR.

Every refusal happens here, before any pixel is decoded: the size limit, the kind of file
(by its first bytes, not its name), an image whose header promises more pixels than a
receipt can have (a decompression bomb), a damaged file, a PDF locked with a password.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ._model import ReceiptError

if TYPE_CHECKING:
    from PIL.Image import Image

__all__ = ["MAX_BYTES", "MAX_PIXELS", "Pages", "kind_of", "load"]

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 60_000_000
"""A 48-megapixel phone photo fits; a header claiming more is refused before decoding."""
MAX_PDF_PAGES = 3
PDF_SCALE = 2.5
"""Render scanned PDF pages at 180 dpi: small print stays legible to the OCR engine."""
MIN_TEXT_CHARS = 20
"""A text layer with fewer letters and digits than this is treated as a scan."""

_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1")


@dataclass
class Pages:
    """What a file holds: its text layer's lines, or page images to OCR."""

    text_lines: list[str]
    images: list[Image]


def kind_of(data: bytes) -> str | None:
    """'pdf', 'jpeg', 'png', 'tiff' or 'heic' from the first bytes; None for anything else."""
    head = data[:16]
    if head.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "heic"
    return None


def _too_large(size: int) -> ReceiptError:
    return ReceiptError(
        "too_large",
        f"the file is {size / 1024 / 1024:.1f} MB; receipts are read up to "
        f"{MAX_BYTES // 1024 // 1024} MB",
        hint="scan or photograph the receipt at a lower resolution",
    )


def check_size(size: int) -> None:
    """Refuse a file over the size limit (called before reading a path's bytes)."""
    if size > MAX_BYTES:
        raise _too_large(size)


def _bomb(claim: str) -> ReceiptError:
    return ReceiptError(
        "image_bomb",
        f"the image claims {claim}: over {MAX_PIXELS // 1_000_000} megapixels, more than a "
        "receipt can have, so it was not decoded",
        hint="send the photo as the camera took it, or a smaller scan",
    )


def _image(data: bytes, kind: str) -> Image:
    import io

    from PIL import Image as PILImage
    from PIL import ImageOps, UnidentifiedImageError

    if kind == "heic":
        from pillow_heif import register_heif_opener

        register_heif_opener()
    try:
        with PILImage.open(io.BytesIO(data)) as opened:
            width, height = opened.size
            if width * height > MAX_PIXELS:
                raise _bomb(f"{width}x{height} pixels")
            opened.load()
            image = ImageOps.exif_transpose(opened)
            return image.convert("RGB")
    except PILImage.DecompressionBombError:
        raise _bomb("far more pixels than that") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ReceiptError(
            "corrupt",
            f"the {kind.upper()} file is damaged and cannot be decoded ({type(exc).__name__})",
            hint="send the original file again",
        ) from None


def _pdf(data: bytes) -> Pages:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ReceiptError(
                "encrypted",
                "the PDF is locked with a password",
                hint="send an unlocked copy (print it to PDF without a password)",
            ) from None
        raise ReceiptError(
            "corrupt", "the PDF is damaged and cannot be opened", hint="send the original file"
        ) from None
    try:
        count = min(len(document), MAX_PDF_PAGES)
        if count == 0:
            raise ReceiptError("corrupt", "the PDF has no pages")
        lines: list[str] = []
        for index in range(count):
            text = document[index].get_textpage().get_text_range()
            lines += [line.strip() for line in text.splitlines() if line.strip()]
        if sum(ch.isalnum() for line in lines for ch in line) >= MIN_TEXT_CHARS:
            return Pages(text_lines=lines, images=[])
        images = [
            document[i].render(scale=PDF_SCALE, grayscale=True).to_pil().convert("RGB")
            for i in range(count)
        ]
        return Pages(text_lines=[], images=images)
    finally:
        document.close()


def load(data: bytes) -> Pages:
    """The readable content of a receipt file, or a ReceiptError saying why not."""
    check_size(len(data))
    if not data:
        raise ReceiptError("corrupt", "the file is empty")
    kind = kind_of(data)
    if kind is None:
        raise ReceiptError(
            "unsupported",
            "this is not a PDF or an image (JPEG, PNG, TIFF, HEIC)",
            hint="send the receipt as a PDF or a photo",
        )
    if kind == "pdf":
        return _pdf(data)
    return Pages(text_lines=[], images=[_image(data, kind)])
