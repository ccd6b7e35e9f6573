"""A tiny PNG burn-down chart, drawn into a pixel buffer and encoded with zlib + struct.

No plotting library: an RGB canvas with filled rectangles and lines is all a burn-down
needs — bars for what was spent each week, a line for what remains, a dashed line for the
projection to zero, and a red line where the budget runs out.
"""

from __future__ import annotations

import itertools
import struct
import zlib
from collections.abc import Sequence

__all__ = ["Canvas", "burn_down_png", "encode_png"]

Color = tuple[int, int, int]
WHITE: Color = (255, 255, 255)
AXIS: Color = (60, 60, 60)
BAR: Color = (150, 180, 220)
LINE: Color = (20, 90, 170)
PROJECTION: Color = (240, 140, 30)
ZERO: Color = (200, 40, 40)


class Canvas:
    """An RGB pixel buffer with the few drawing operations a chart needs."""

    def __init__(self, width: int, height: int, background: Color = WHITE) -> None:
        self.width = width
        self.height = height
        self.pixels = bytearray(bytes(background) * (width * height))

    def set(self, x: int, y: int, color: Color) -> None:
        """Colour one pixel; points outside the canvas are ignored."""
        if 0 <= x < self.width and 0 <= y < self.height:
            i = (y * self.width + x) * 3
            self.pixels[i : i + 3] = bytes(color)

    def rect(self, x0: int, y0: int, x1: int, y1: int, color: Color) -> None:
        """Fill the rectangle between two corners (inclusive)."""
        for y in range(min(y0, y1), max(y0, y1) + 1):
            for x in range(min(x0, x1), max(x0, x1) + 1):
                self.set(x, y, color)

    def line(
        self, x0: int, y0: int, x1: int, y1: int, color: Color, *, width: int = 2, dash: int = 0
    ) -> None:
        """A straight line (Bresenham), `width` pixels thick, dashed every `dash` pixels."""
        dx, dy = abs(x1 - x0), -abs(y1 - y0)
        sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
        err, step = dx + dy, 0
        while True:
            if not dash or (step // dash) % 2 == 0:
                self.rect(x0, y0, x0 + width - 1, y0 + width - 1, color)
            if x0 == x1 and y0 == y1:
                return
            twice = 2 * err
            if twice >= dy:
                err, x0 = err + dy, x0 + sx
            if twice <= dx:
                err, y0 = err + dx, y0 + sy
            step += 1

    def png(self) -> bytes:
        """The canvas as PNG bytes."""
        return encode_png(self.width, self.height, bytes(self.pixels))


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def encode_png(width: int, height: int, rgb: bytes) -> bytes:
    """PNG bytes for 8-bit RGB pixel rows (filter type 0 on every row)."""
    stride = width * 3
    raw = b"".join(b"\x00" + rgb[y * stride : (y + 1) * stride] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(raw, 9))
        + _chunk(b"IEND", b"")
    )


def burn_down_png(
    spent_per_week: Sequence[float],
    remaining_after_week: Sequence[float],
    projection: Sequence[float],
    budget: float,
    *,
    width: int = 480,
    height: int = 240,
) -> bytes:
    """Bars: spent per past week. Solid line: remaining at the end of each past week.
    Dashed line: projected remaining for the weeks ahead. Red: zero (budget exhausted)."""
    canvas = Canvas(width, height)
    left, right, top, bottom = 30, width - 10, 10, height - 20
    weeks = max(1, len(remaining_after_week) + len(projection))
    values = [budget, *remaining_after_week, *projection, *spent_per_week, 0.0]
    high, low = max(values), min(values)
    span = (high - low) or 1.0

    def y_of(value: float) -> int:
        return round(bottom - (value - low) / span * (bottom - top))

    def x_of(week: float) -> int:
        return round(left + week / weeks * (right - left))

    canvas.line(left, top, left, bottom, AXIS, width=1)
    canvas.line(left, y_of(0.0), right, y_of(0.0), ZERO, width=1)
    bar = max(2, (right - left) // (weeks * 2))
    for week, spent in enumerate(spent_per_week):
        centre = x_of(week + 0.5)
        canvas.rect(centre - bar // 2, y_of(0.0), centre + bar // 2, y_of(spent), BAR)
    points = [(x_of(week + 1), y_of(v)) for week, v in enumerate(remaining_after_week)]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        canvas.line(x0, y0, x1, y1, LINE)
    if projection and points:
        ahead = [points[-1]] + [
            (x_of(len(remaining_after_week) + week + 1), y_of(v))
            for week, v in enumerate(projection)
        ]
        for (x0, y0), (x1, y1) in itertools.pairwise(ahead):
            canvas.line(x0, y0, x1, y1, PROJECTION, dash=6)
    return canvas.png()
