"""The SVG charts: round ticks that cover the data, dates on the x axis, labels escaped."""

from __future__ import annotations

from datetime import date

import pytest

from harvestkit.console import Chart, Marker, Series, render
from harvestkit.console._charts import nice_ticks, sparkline


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (0, 2200, [0, 500, 1000, 1500, 2000, 2500]),
        (-130.9, 2200, [-500, 0, 500, 1000, 1500, 2000, 2500]),
        (0, 1, [0, 0.2, 0.4, 0.6, 0.8, 1]),
        (0, 100, [0, 20, 40, 60, 80, 100]),
        (5, 5, [5, 5.2, 5.4, 5.6, 5.8, 6]),
    ],
)
def test_ticks_are_round_and_cover_the_range(
    low: float, high: float, expected: list[float]
) -> None:
    assert nice_ticks(low, high) == expected


def test_a_chart_has_axes_units_dates_markers_and_escaped_labels() -> None:
    chart = Chart(
        '<script>alert("x")</script> budget',
        "hours",
        [Series("remaining", [(date(2026, 11, 2), 300.0), (date(2026, 11, 20), 120.0)]),
         Series("forecast <b>", [(date(2026, 11, 20), 120.0), (date(2026, 12, 4), 0.0)],
                dashed=True)],
        [Marker("budget 400 hours", y=400.0), Marker("today", x=date(2026, 11, 20))],
    )  # fmt: skip
    svg = str(render(chart))
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "forecast &lt;b&gt;" in svg
    for label in ("2026-11-02", "2026-12-04", ">hours<", "budget 400 hours", ">today<", ">400<"):
        assert label in svg
    assert 'stroke-dasharray="6 4"' in svg  # the forecast is dashed


def test_an_empty_chart_says_so() -> None:
    assert "no data yet" in str(render(Chart("Error rate", "%", [])))


def test_a_sparkline_stays_inside_its_box() -> None:
    svg = str(sparkline([Series("r", [(1.0, 150.0), (2.0, 40.0)])], top=100.0))
    coordinates = [
        float(v) for v in svg.split('points="')[1].split('"')[0].replace(",", " ").split()
    ]
    assert all(0 <= v <= 160 for v in coordinates)
