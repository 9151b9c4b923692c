"""The data on the plane, over a heat map of the model's score: the decision map.

Each cell is two pixels stacked (the upper half block "▀" coloured by its foreground, the
lower half by its background), so a terminal cell shows two scores. Blue is a positive score
(the model says +1), orange negative, grey near the boundary; the points sit on top as dots
in their label's colour, and the point picked by the last step is ringed.
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any

from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from nn101.engine.learning import Training, pixel_of, score_grid, square_pixels

NEUTRAL = (58, 58, 64)
POSITIVE = (31, 111, 235)
NEGATIVE = (222, 110, 30)
POINT = {1: "#bfe0ff", -1: "#ffd3a8"}
DOT, PICKED = "●", "◉"
SATURATION = 2.0
"""A score of about this size (or more) is drawn at full colour."""
FLOOR = 0.3
LEVELS = 24
"""Shades each side of grey: few enough to cache every style, more than the eye tells."""


def score_level(score: float) -> int:
    """The shade of a score, -LEVELS (full orange) .. 0 (grey) .. LEVELS (full blue);
    tanh keeps big scores in range."""
    if not math.isfinite(score):
        return 0
    return round(math.tanh(score / SATURATION) * LEVELS)


def level_rgb(level: int) -> tuple[int, int, int]:
    """Any score off zero takes its side's hue at FLOOR at least, so the boundary (score 0)
    shows as a sharp edge; the size of the score shades it further."""
    end = POSITIVE if level > 0 else NEGATIVE
    k = 0.0 if level == 0 else FLOOR + (1.0 - FLOOR) * abs(level) / LEVELS
    return (round(NEUTRAL[0] + (end[0] - NEUTRAL[0]) * k),
            round(NEUTRAL[1] + (end[1] - NEUTRAL[1]) * k),
            round(NEUTRAL[2] + (end[2] - NEUTRAL[2]) * k))


@cache
def pixel_style(top: int, bottom: int) -> Style:
    """Upper pixel in the foreground of "▀", lower pixel in its background."""
    return Style(color=Color.from_rgb(*level_rgb(top)),
                 bgcolor=Color.from_rgb(*level_rgb(bottom)))


@cache
def point_style(label: int, picked: bool, top: int, bottom: int) -> Style:
    """A point's dot over the average shade of the cell it sits in."""
    return Style(color="#ffff66" if picked else POINT[label], bold=True,
                 bgcolor=Color.from_rgb(*level_rgb((top + bottom) // 2)))


class DecisionMap(Widget):
    """Redrawn from a Training whenever `show` is called or the widget is resized."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._training: Training | None = None
        self._strips: list[Strip] = []

    def show(self, training: Training) -> None:
        self._training = training
        self._rebuild()
        self.refresh()

    def on_resize(self) -> None:
        self._rebuild()
        self.refresh()

    def _rebuild(self) -> None:
        training = self._training
        cols, rows = self.size.width, self.size.height
        if training is None or cols < 1 or rows < 1:
            self._strips = []
            return
        bounds = square_pixels(training.dataset.bounds(), cols, 2 * rows)
        grid = score_grid(training.model, bounds, cols, 2 * rows)
        picked = training.last.index if training.last is not None else None
        marks: dict[tuple[int, int], tuple[int, bool]] = {}
        for i, p in enumerate(training.dataset.points):
            pixel = pixel_of(bounds, cols, 2 * rows, p.x, p.y)
            if pixel is not None:
                cell = (pixel[0], pixel[1] // 2)
                if not (cell in marks and marks[cell][1]):
                    marks[cell] = (p.label, i == picked)
        strips = []
        for row in range(rows):
            top = [score_level(v) for v in grid[2 * row]]
            bottom = [score_level(v) for v in grid[2 * row + 1]]
            segments: list[Segment] = []
            run_style: Style | None = None
            run = 0
            for col in range(cols):
                mark = marks.get((col, row))
                if mark is None:
                    style = pixel_style(top[col], bottom[col])
                    if style is run_style:
                        run += 1
                        continue
                    if run_style is not None:
                        segments.append(Segment("▀" * run, run_style))
                    run_style, run = style, 1
                    continue
                if run_style is not None:
                    segments.append(Segment("▀" * run, run_style))
                run_style, run = None, 0
                label, is_picked = mark
                segments.append(Segment(PICKED if is_picked else DOT,
                                        point_style(label, is_picked, top[col], bottom[col])))
            if run_style is not None:
                segments.append(Segment("▀" * run, run_style))
            strips.append(Strip(segments, cols))
        self._strips = strips

    def render_line(self, y: int) -> Strip:
        if y < len(self._strips):
            return self._strips[y]
        # Never a segment without a style: Textual's NO_COLOR filter (monochrome_style)
        # reads `style.color` of every segment and crashed the app on a None.
        return Strip.blank(self.size.width, self.rich_style)
