"""Text rows from a receipt photo or scan, with RapidOCR (ONNX models shipped in its wheel).

Phones photograph receipts at an angle and sideways. Sideways pages (most text boxes taller
than wide) are turned a quarter and read again; upside-down ones are recognised by the
engine's own line classifier; a small skew is measured from the text boxes and taken out
before boxes are joined into printed rows, so "TOTAL" and its amount stay on one row.

The engine loads once per process (about half a second) and is only imported when a
receipt is read, so nothing else in harvestkit pays for it.
"""

from __future__ import annotations

import math
import os
import statistics
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PIL.Image import Image

__all__ = ["Row", "read_rows"]

MAX_SIDE = 1800
"""Larger photos are scaled down first: receipt print stays legible and reading is faster."""
THREADS_ENV = "HARVESTKIT_OCR_THREADS"
_lock = threading.Lock()


@dataclass(frozen=True)
class Row:
    """One printed row: its text (boxes joined left to right) and the lowest box score."""

    text: str
    score: float


@dataclass(frozen=True)
class _Box:
    text: str
    score: float
    points: tuple[tuple[float, float], ...]

    @property
    def width(self) -> float:
        (x0, y0), (x1, y1) = self.points[0], self.points[1]
        return math.hypot(x1 - x0, y1 - y0)

    @property
    def height(self) -> float:
        (x1, y1), (x2, y2) = self.points[1], self.points[2]
        return math.hypot(x2 - x1, y2 - y1)

    @property
    def angle(self) -> float:
        (x0, y0), (x1, y1) = self.points[0], self.points[1]
        return math.atan2(y1 - y0, x1 - x0)

    @property
    def centre(self) -> tuple[float, float]:
        xs, ys = zip(*self.points, strict=True)
        return sum(xs) / len(xs), sum(ys) / len(ys)


@lru_cache(maxsize=1)
def _engine() -> Any:
    import rapidocr

    models = Path(str(rapidocr.__file__)).parent / "models"
    threads = int(os.environ.get(THREADS_ENV, "1"))
    # Model files named explicitly: the engine then never looks for them on the network.
    return rapidocr.RapidOCR(
        params={
            "Global.log_level": "error",
            "Det.model_path": str(models / "PP-OCRv6_det_small.onnx"),
            "Det.limit_type": "max",
            "Det.limit_side_len": 960,
            "Cls.model_path": str(models / "ch_ppocr_mobile_v2.0_cls_mobile.onnx"),
            "Rec.model_path": str(models / "PP-OCRv6_rec_small.onnx"),
            "EngineConfig.onnxruntime.intra_op_num_threads": threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
    )


def _boxes(image: Image) -> list[_Box]:
    import numpy as np

    with _lock:  # one engine per process; ONNX sessions are not shared between calls
        result = _engine()(np.asarray(image))
    if result.txts is None or result.boxes is None:
        return []
    return [
        _Box(text, float(score), tuple((float(x), float(y)) for x, y in points))
        for text, score, points in zip(result.txts, result.scores, result.boxes, strict=True)
        if text.strip()
    ]


def _sideways(boxes: list[_Box]) -> bool:
    long = [b for b in boxes if len(b.text) >= 3]
    tall = [b for b in long if b.height > 1.5 * b.width]
    return len(long) >= 3 and len(tall) > len(long) / 2


def _upside_down(image: Image, boxes: list[_Box]) -> bool:
    """Ask the engine's line classifier about the widest boxes' crops."""
    import numpy as np

    pixels = np.asarray(image)
    crops = []
    for box in sorted(boxes, key=lambda b: -b.width)[:8]:
        xs, ys = zip(*box.points, strict=True)
        crop = pixels[
            int(max(min(ys), 0)) : int(max(ys)) + 1, int(max(min(xs), 0)) : int(max(xs)) + 1
        ]
        if crop.size:
            crops.append(crop)
    if not crops:
        return False
    with _lock:
        _, classified = _engine().cls_and_rotate(crops)
    labels = [label for label, _ in classified.cls_res or []]
    return labels.count("180") > len(labels) / 2


def _rows(boxes: list[_Box]) -> list[Row]:
    """Join boxes into printed rows after taking the page's skew out of their positions."""
    if not boxes:
        return []
    wide = [b.angle for b in boxes if b.width > 2 * b.height] or [0.0]
    skew = statistics.median(wide)
    cos, sin = math.cos(-skew), math.sin(-skew)
    placed = []
    for box in boxes:
        x, y = box.centre
        placed.append((x * sin + y * cos, x * cos - y * sin, box))
    placed.sort(key=lambda p: p[0])
    tolerance = 0.5 * statistics.median(b.height for b in boxes)
    rows: list[list[tuple[float, float, _Box]]] = []
    for item in placed:
        if rows and abs(item[0] - statistics.fmean(p[0] for p in rows[-1])) <= tolerance:
            rows[-1].append(item)
        else:
            rows.append([item])
    return [
        Row(
            text=" ".join(p[2].text.strip() for p in sorted(row, key=lambda p: p[1])),
            score=min(p[2].score for p in row),
        )
        for row in rows
    ]


def read_rows(image: Image) -> list[Row]:
    """The printed rows of a receipt image, top to bottom, whatever way up it was taken."""
    from PIL import Image as PILImage

    if max(image.size) > MAX_SIDE:
        image = image.copy()
        image.thumbnail((MAX_SIDE, MAX_SIDE), PILImage.Resampling.LANCZOS)
    boxes = _boxes(image)
    if _sideways(boxes):
        image = image.transpose(PILImage.Transpose.ROTATE_270)
        boxes = _boxes(image)
    if boxes and _upside_down(image, boxes):
        width, height = image.size
        boxes = [
            _Box(b.text, b.score, tuple((width - x, height - y) for x, y in b.points))
            for b in boxes
        ]
        # Corners keep their clockwise order from the new top-left.
        boxes = [_Box(b.text, b.score, b.points[2:] + b.points[:2]) for b in boxes]
    return _rows(boxes)
