"""A line plot (textual-plotext) whose ticks sit at their values, at every size.

The axes are chosen when the plot is drawn, for the size it is drawn at (see nn101.tui.axis),
so a resize keeps every tick on its value. Imported when a plot is first mounted: plotext
is not part of the app's first frame.

Building a plot (plotext's clear, plot, axes and build, then parsing its ANSI text) costs
about 5 ms, and Textual renders a widget again whenever a frame re-lays out or repaints
the region around it, not only when its data changed: the drawing is kept and handed back
until the series, the size or the theme changes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

from rich.color import Color
from rich.text import Text
from textual.app import RenderResult
from textual.content import Content
from textual_plotext import PlotextPlot

from nn101.tui.axis import exact_axis
from nn101.tui.theme import colours

FRAME_ROWS = 3
"""Rows of a plot that are not canvas: the frame's top and bottom lines, the x labels."""
FRAME_COLUMNS = 2
"""Columns that are not canvas, besides the y labels: the frame's left and right lines."""


@dataclass(frozen=True)
class Line:
    """One more line on a series' axes (chapter 3: validation beside training, or a
    compared run), named in the plot's legend."""

    xs: list[float]
    ys: list[float]
    color: str
    label: str


@dataclass(frozen=True)
class Series:
    xs: list[float]
    ys: list[float]
    color: str
    """A plotext colour name, or a theme variable ("$wire-value") read when drawn."""
    title: str = ""
    y_from: float | None = None
    """The y axis starts no lower than this (0 for a loss)."""
    y_span: tuple[float, float] | None = None
    """The y axis covers at least this range (0..100 for an accuracy in %)."""
    more: tuple[Line, ...] = ()
    """Other lines on the same axes; with any, `label` names this one in the legend."""
    label: str = ""


PLOT_LIMIT = 1e300
"""plotext computes tick digits from the range: inf, nan, a range past the float limit
(1e308 - -1e308) or subnormals (5e-324) crash it (ValueError: cannot convert float NaN to
integer). Values are cut to +-PLOT_LIMIT and those below 1/PLOT_LIMIT shown as 0."""


def plottable(xs: list[float], ys: list[float]) -> tuple[list[float], list[float]]:
    """The points plotext can draw: non-finite values left out (a diverged loss is inf),
    huge ones cut to +-PLOT_LIMIT, tiny ones shown as 0."""
    kept_x, kept_y = [], []
    for x, y in zip(xs, ys, strict=True):
        if not math.isfinite(y):
            continue
        if abs(y) < 1 / PLOT_LIMIT:
            y = 0.0
        kept_x.append(x)
        kept_y.append(max(-PLOT_LIMIT, min(PLOT_LIMIT, y)))
    return kept_x, kept_y


class ExactPlot(PlotextPlot):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.series: Series | None = None
        self._drawn: tuple[object, Content] | None = None
        """What the plot was last built from (series, size, themes) and the drawing."""

    def show(self, series: Series) -> None:
        self.series = series
        self.refresh()

    def render(self) -> RenderResult:
        # A series is frozen once shown (show replaces it); the key holds it, so comparing
        # is an identity check when the data has not changed.
        key = (self.series, self.size, colours(self.app), self.theme)
        if self._drawn is not None and self._drawn[0] == key:
            return self._drawn[1]
        drawing = self._build()
        self._drawn = (key, drawing)
        return drawing

    def _build(self) -> Content:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        series = self.series
        if series is not None and series.xs:
            xs, ys = plottable(series.xs, series.ys)
            dropped = " (not finite: left out)" if len(xs) < len(series.xs) else ""
            series = replace(series, ys=ys, xs=xs, title=series.title + dropped)
        if series is not None and series.xs:
            named = {"label": series.label} if series.more else {}
            plt.plot(series.xs, series.ys, marker="hd", color=self._colour(series.color),
                     **named)
            for line in series.more:
                xs, ys = plottable(line.xs, line.ys)
                if xs:
                    plt.plot(xs, ys, marker="hd", color=self._colour(line.color),
                             label=line.label)
            if series.title:
                plt.title(series.title)
            self._axes(series)
        built = super().render()
        assert isinstance(built, Text)
        return Content.from_rich_text(built, console=self.app.console)

    def _colour(self, colour: str) -> str | tuple[int, int, int]:
        if not colour.startswith("$"):
            return colour
        value = colours(self.app).colour(colour[1:])
        triplet = Color.parse(value).get_truecolor()
        return (triplet.red, triplet.green, triplet.blue)

    def _axes(self, series: Series) -> None:
        width, height = self.size
        plt = self.plt
        ys = [y for y in series.ys if math.isfinite(y)] + list(series.y_span or ())
        ys += [y for line in series.more for y in line.ys if math.isfinite(y)]
        rows = height - FRAME_ROWS - (1 if series.title else 0)
        if ys:
            y_axis = exact_axis(min(ys), max(ys), rows, clamp_low=series.y_from)
            if y_axis is not None:
                plt.ylim(y_axis.low, y_axis.high)
                plt.yticks(list(y_axis.ticks), list(y_axis.labels))
                width -= max(len(text) for text in y_axis.labels)
        all_xs = [*series.xs, *(x for line in series.more for x in line.xs)]
        gap = len(f"{max(all_xs):g}") + 2
        x_axis = exact_axis(min(all_xs), max(all_xs), width - FRAME_COLUMNS, gap,
                            clamp_low=0, whole=True)
        if x_axis is not None:
            plt.xlim(x_axis.low, x_axis.high)
            plt.xticks(list(x_axis.ticks), list(x_axis.labels))
