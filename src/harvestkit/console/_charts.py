"""Line charts as SVG, drawn on the server: axes with ticks, units and dates, lines solid or
dashed, horizontal reference lines (a budget) and vertical markers (today).

Every label passes through ``escape`` (tool names and units come from data), and the
result is ``Markup`` so the templates insert it as drawn.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from markupsafe import Markup, escape

__all__ = ["Chart", "Marker", "Series", "nice_ticks", "render", "sparkline"]

PALETTE = ("#1f5fa8", "#d9731a", "#2a8f4a", "#b03060", "#6a4fb0", "#5c5c5c")

X = float | date | datetime


@dataclass(frozen=True)
class Series:
    """One line: its name (in the legend) and its points, in x order."""

    name: str
    points: Sequence[tuple[X, float]]
    dashed: bool = False
    color: str | None = None


@dataclass(frozen=True)
class Marker:
    """A reference line: horizontal at a y value, or vertical at an x value."""

    label: str
    y: float | None = None
    x: X | None = None
    color: str = "#b02020"


@dataclass(frozen=True)
class Chart:
    """What to draw. ``unit`` labels the y axis; x values are dates, datetimes or numbers."""

    title: str
    unit: str
    series: Sequence[Series]
    markers: Sequence[Marker] = field(default_factory=tuple)
    y_min: float = 0.0
    y_max: float | None = None
    """The top of the y axis at least (100 for a percentage)."""
    width: int = 720
    height: int = 300


_LEFT, _RIGHT, _TOP, _BOTTOM = 64, 70, 44, 58


def _num(x: X) -> float:
    if isinstance(x, datetime):
        return x.timestamp()
    if isinstance(x, date):
        return float(x.toordinal())
    return float(x)


def _label(x: X) -> str:
    if isinstance(x, datetime):
        return x.strftime("%m-%d %H:%M")
    if isinstance(x, date):
        return x.isoformat()
    return f"{x:g}"


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values from at or below ``low`` to at or above ``high`` (steps of 1, 2 or
    5 times a power of ten)."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first, last = math.floor(low / step), math.ceil(high / step)
    return [round(i * step, 10) for i in range(first, last + 1)]


def render(chart: Chart) -> Markup:
    """The chart as an inline ``<svg>`` element."""
    xs = [_num(x) for s in chart.series for x, _ in s.points]
    xs += [_num(m.x) for m in chart.markers if m.x is not None]
    ys = [y for s in chart.series for _, y in s.points]
    ys += [m.y for m in chart.markers if m.y is not None]
    if chart.y_max is not None and ys:
        ys.append(chart.y_max)
    samples = [x for s in chart.series for x, _ in s.points]
    w, h = chart.width, chart.height
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w} {h}" '
        f'width="{w}" height="{h}" role="img" aria-label="{escape(chart.title)}">',
        f'<text x="{_LEFT}" y="16" class="chart-title">{escape(chart.title)}</text>',
    ]
    if not xs or not ys:
        out.append(f'<text x="{w / 2}" y="{h / 2}" text-anchor="middle">no data yet</text></svg>')
        return Markup("".join(out))
    x0, x1 = min(xs), max(xs)
    if x1 == x0:
        x0, x1 = x0 - 1, x1 + 1
    y_ticks = nice_ticks(min(chart.y_min, *ys), max(ys) if max(ys) > 0 else 1)
    y0, y1 = y_ticks[0], y_ticks[-1]
    plot_w, plot_h = w - _LEFT - _RIGHT, h - _TOP - _BOTTOM

    def px(x: float) -> float:
        return round(_LEFT + (x - x0) / (x1 - x0) * plot_w, 1)

    def py(y: float) -> float:
        return round(_TOP + plot_h - (y - y0) / (y1 - y0) * plot_h, 1)

    bottom = _TOP + plot_h
    out.append(f'<line x1="{_LEFT}" y1="{bottom}" x2="{w - _RIGHT}" y2="{bottom}" class="axis"/>')
    out.append(f'<line x1="{_LEFT}" y1="{_TOP}" x2="{_LEFT}" y2="{bottom}" class="axis"/>')
    for tick in y_ticks:
        out.append(
            f'<line x1="{_LEFT}" y1="{py(tick)}" x2="{w - _RIGHT}" y2="{py(tick)}" class="grid"/>'
            f'<text x="{_LEFT - 6}" y="{py(tick) + 4}" text-anchor="end" class="tick">'
            f"{tick:g}</text>"
        )
    out.append(
        f'<text transform="translate(14 {_TOP + plot_h / 2}) rotate(-90)" '
        f'text-anchor="middle" class="unit">{escape(chart.unit)}</text>'
    )
    for x in _x_ticks(samples + [m.x for m in chart.markers if m.x is not None]):
        out.append(
            f'<line x1="{px(_num(x))}" y1="{bottom}" x2="{px(_num(x))}" y2="{bottom + 4}" '
            f'class="axis"/><text x="{px(_num(x))}" y="{bottom + 18}" text-anchor="middle" '
            f'class="tick">{escape(_label(x))}</text>'
        )
    for marker in chart.markers:
        if marker.y is not None:
            y = py(marker.y)
            out.append(
                f'<line x1="{_LEFT}" y1="{y}" x2="{w - _RIGHT}" y2="{y}" stroke="{marker.color}" '
                f'class="marker"/><text x="{_LEFT + 6}" y="{y - 5}" '
                f'fill="{marker.color}" class="marker-label">{escape(marker.label)}</text>'
            )
        if marker.x is not None:
            x = px(_num(marker.x))
            out.append(
                f'<line x1="{x}" y1="{_TOP}" x2="{x}" y2="{bottom}" stroke="{marker.color}" '
                f'class="marker"/><text x="{x}" y="{_TOP - 4}" text-anchor="middle" '
                f'fill="{marker.color}" class="marker-label">{escape(marker.label)}</text>'
            )
    legend_x = _LEFT
    for i, series in enumerate(chart.series):
        color = series.color or PALETTE[i % len(PALETTE)]
        dash = ' stroke-dasharray="6 4"' if series.dashed else ""
        points = " ".join(f"{px(_num(x))},{py(y)}" for x, y in series.points)
        out.append(
            f'<polyline points="{points}" fill="none" stroke="{color}" stroke-width="2"{dash}/>'
        )
        out.extend(
            f'<circle cx="{px(_num(x))}" cy="{py(y)}" r="2.5" fill="{color}"/>'
            for x, y in series.points
        )
        out.append(
            f'<line x1="{legend_x}" y1="{h - 12}" x2="{legend_x + 18}" y2="{h - 12}" '
            f'stroke="{color}" stroke-width="2"{dash}/><text x="{legend_x + 22}" y="{h - 8}" '
            f'class="legend">{escape(series.name)}</text>'
        )
        legend_x += 30 + 7 * len(series.name)
    out.append("</svg>")
    return Markup("".join(out))


def _x_ticks(values: Sequence[X]) -> list[X]:
    """At most six of the x values, evenly spread, first and last included."""
    unique = sorted(set(values), key=_num)
    if len(unique) <= 6:
        return unique
    step = (len(unique) - 1) / 5
    return [unique[round(i * step)] for i in range(6)]


def sparkline(
    series: Sequence[Series], *, top: float, width: int = 160, height: int = 36
) -> Markup:
    """A small chart without axes for a table cell, from 0 (bottom) to ``top``; the full
    chart with axes and dates is a click away."""
    xs = [_num(x) for s in series for x, _ in s.points]
    ys = [y for s in series for _, y in s.points]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="spark" width="{width}" '
           f'height="{height}" viewBox="0 0 {width} {height}" aria-hidden="true">']  # fmt: skip
    if xs:
        x0, x1 = min(xs), max(xs) if max(xs) > min(xs) else min(xs) + 1
        low, top = min(0.0, *ys), max(top, *ys)
        top = top if top > low else low + 1
        for i, s in enumerate(series):
            color = s.color or PALETTE[i % len(PALETTE)]
            dash = ' stroke-dasharray="4 3"' if s.dashed else ""
            points = " ".join(
                f"{round(2 + (_num(x) - x0) / (x1 - x0) * (width - 4), 1)},"
                f"{round(height - 2 - (y - low) / (top - low) * (height - 4), 1)}"
                for x, y in s.points
            )
            out.append(
                f'<polyline points="{points}" fill="none" stroke="{color}" '
                f'stroke-width="1.5"{dash}/>'
            )
    out.append("</svg>")
    return Markup("".join(out))
