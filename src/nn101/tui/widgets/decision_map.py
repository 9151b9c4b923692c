"""The data on the plane, over a heat map of the model's score: the decision map.

Each cell is two pixels stacked (the upper half block "▀" coloured by its foreground, the
lower half by its background), so a terminal cell shows two scores. Blue is a positive score
(the model says +1), orange negative, grey near the boundary; the points sit on top as their
label, + or -, and the point picked by the last step is in reverse video. The colours are
the theme's (nn101.tui.theme); blue is darker than grey and orange lighter, so the two sides
stay apart in greys (NO_COLOR) and the shapes carry the labels without colour. The map's
legend (its border's subtitle) comes from the same colours, so it names what is drawn:
hues in colour, shades in greys.
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any, NamedTuple

from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from nn101.engine.learning import Training, score_grid
from nn101.tui.theme import DEFAULTS, Colours, colours, on_theme_change, variables
from nn101.tui.widgets.point_map import CURSOR, Bounds, PointMap, point_cells

__all__ = ["CURSOR", "DecisionMap", "Palette", "level_rgb", "pixel_style", "point_style",
           "score_level"]

RGB = tuple[int, int, int]
MARK = {1: "+", -1: "-"}
"""A point is drawn as its label: the shape says the class, whatever the colours."""
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


class Palette(NamedTuple):
    neutral: RGB
    positive: RGB
    negative: RGB
    point_positive: str
    point_negative: str
    picked: str

    @classmethod
    def of(cls, theme_variables: dict[str, str]) -> Palette:
        """The map's colours from the theme's variables (DEFAULTS for the rest)."""
        colour = variables(theme_variables)
        return cls(_rgb(colour["map-neutral"]), _rgb(colour["map-positive"]),
                   _rgb(colour["map-negative"]), colour["point-positive"],
                   colour["point-negative"], colour["point-picked"])


def _rgb(colour: str) -> RGB:
    triplet = Color.parse(colour).get_truecolor()
    return (triplet.red, triplet.green, triplet.blue)


DEFAULT_PALETTE = Palette.of(DEFAULTS)


def level_rgb(level: int, palette: Palette = DEFAULT_PALETTE) -> RGB:
    """Any score off zero takes its side's hue at FLOOR at least, so the boundary (score 0)
    shows as a sharp edge; the size of the score shades it further."""
    neutral = palette.neutral
    end = palette.positive if level > 0 else palette.negative
    k = 0.0 if level == 0 else FLOOR + (1.0 - FLOOR) * abs(level) / LEVELS
    return (round(neutral[0] + (end[0] - neutral[0]) * k),
            round(neutral[1] + (end[1] - neutral[1]) * k),
            round(neutral[2] + (end[2] - neutral[2]) * k))


@cache
def pixel_style(top: int, bottom: int, palette: Palette = DEFAULT_PALETTE) -> Style:
    """Upper pixel in the foreground of "▀", lower pixel in its background."""
    return Style(color=Color.from_rgb(*level_rgb(top, palette)),
                 bgcolor=Color.from_rgb(*level_rgb(bottom, palette)))


@cache
def point_style(label: int, picked: bool, top: int, bottom: int,
                palette: Palette = DEFAULT_PALETTE) -> Style:
    """A point's label over the average shade of the cell it sits in; the picked point in
    reverse video (its colour behind it), which no colour scheme can take away."""
    colour = palette.picked if picked else (
        palette.point_positive if label > 0 else palette.point_negative)
    return Style(color=colour, bold=True, reverse=picked,
                 bgcolor=Color.from_rgb(*level_rgb((top + bottom) // 2, palette)))


class DecisionMap(PointMap):
    """Redrawn from a Training whenever `show` is called or the widget is resized; the
    cursor and clicks are the point map's (point_map.py)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._training: Training | None = None
        self._palette: tuple[Colours, Palette] | None = None
        """The palette and the colours it was made from (a new theme: a new palette)."""

    def data_bounds(self) -> Bounds | None:
        return None if self._training is None else self._training.dataset.bounds()

    def show(self, training: Training) -> None:
        self._training = training
        self._rebuild()
        self.refresh()

    def on_mount(self) -> None:
        self.border_subtitle = colours(self.app).map_legend()
        on_theme_change(self, self._new_theme)

    def _new_theme(self) -> None:
        self.border_subtitle = colours(self.app).map_legend()
        self.on_resize()

    def palette(self) -> Palette:
        theme = colours(self.app)
        if self._palette is None or self._palette[0] is not theme:
            self._palette = (theme, Palette.of(dict(theme.variables)))
        return self._palette[1]

    def draw(self, bounds: Bounds, cols: int, rows: int) -> list[Strip]:
        training = self._training
        if training is None:  # nothing shown (data_bounds says so first)
            return []
        grid = score_grid(training.model, bounds, cols, 2 * rows)
        picked = training.last.index if training.last is not None else None
        palette = self.palette()
        marks = point_cells(training.dataset.points, bounds, cols, rows, picked)
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
                    style = pixel_style(top[col], bottom[col], palette)
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
                segments.append(Segment(MARK[label], point_style(label, is_picked, top[col],
                                                                 bottom[col], palette)))
            if run_style is not None:
                segments.append(Segment("▀" * run, run_style))
            strips.append(self.with_cursor(Strip(segments, cols), row, cols))
        return strips
