"""Chapter 3's decision map: the plane coloured by the class the mlp says, its points on top.

Each cell is two pixels stacked (the upper half block "▀": foreground the upper pixel,
background the lower), as the two-class map draws. A pixel takes its class's colour (the
theme's `class-0`..`class-7`, Okabe and Ito's colour-blind-safe palette), faded towards grey
where the model is unsure (its probability for that class near 1/K). The points sit on top
as their class's glyph (● ▲ ■ ...), so the class reads without colour (NO_COLOR, or a
printout); the picked point is in reverse video. `legend` names glyph and colour per class.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from nn101.state.class_learning import ClassLearning
from nn101.tui.theme import DEFAULTS, Colours, colours, on_theme_change, variables
from nn101.tui.widgets.point_map import Bounds, PointMap, point_cells

RGB = tuple[int, int, int]
GLYPHS = ("●", "▲", "■", "◆", "★", "✚", "✖", "▼")
"""One shape per class (0..7): the class reads without colour."""
NAMES = ("blue", "orange", "green", "purple", "sky blue", "vermillion", "yellow", "grey")
NEUTRAL: RGB = (0x60, 0x60, 0x68)
LEVELS = 8
"""Shades from grey to the class's full colour."""


def legend(classes: int) -> str:
    """What each class looks like: `● 0 blue  ▲ 1 orange  ■ 2 green`."""
    return "  ".join(f"{GLYPHS[k]} {k} {NAMES[k]}" for k in range(classes))


def mode_legend(theme: Colours, classes: int) -> str:
    """The legend for what this mode draws (plain words: never markup): each class's
    glyph, with its colour's name where hues are drawn; in greys the regions are shades
    and the glyphs tell the classes; with no colour at all only the glyphs are drawn. (The
    picked point, in reverse video, is named by the probabilities pane's title.)"""
    hues = [theme.hue(f"class-{k}") for k in range(classes)]
    marks = "  ".join(f"{GLYPHS[k]} {k}" + (f" {hues[k]}" if hues[k] else "")
                      for k in range(classes))
    if theme.mode == "colour":
        return marks
    if theme.mode == "grey":
        return f"{marks}  (grey shades: the classes' regions)"
    return f"{marks}  (the regions need colour)"


def _rgb(colour: str) -> RGB:
    t = Color.parse(colour).get_truecolor()
    return (t.red, t.green, t.blue)


def palette(theme_variables: dict[str, str]) -> tuple[RGB, ...]:
    colours = variables(theme_variables)
    return tuple(_rgb(colours[f"class-{k}"]) for k in range(len(GLYPHS)))


DEFAULT_PALETTE = palette(DEFAULTS)


def level(confidence: float, classes: int) -> int:
    """0 (a toss-up: probability 1/K) .. LEVELS (certain)."""
    floor = 1.0 / classes
    share = (confidence - floor) / (1.0 - floor) if confidence > floor else 0.0
    return max(1, min(LEVELS, round(share * LEVELS)))


@cache
def shade(k: int, lvl: int, colours: tuple[RGB, ...] = DEFAULT_PALETTE) -> RGB:
    end = colours[k]
    f = 0.35 + 0.65 * lvl / LEVELS
    return (round(NEUTRAL[0] + (end[0] - NEUTRAL[0]) * f),
            round(NEUTRAL[1] + (end[1] - NEUTRAL[1]) * f),
            round(NEUTRAL[2] + (end[2] - NEUTRAL[2]) * f))


@cache
def pixel_style(top: tuple[int, int], bottom: tuple[int, int],
                colours: tuple[RGB, ...] = DEFAULT_PALETTE) -> Style:
    return Style(color=Color.from_rgb(*shade(*top, colours)),
                 bgcolor=Color.from_rgb(*shade(*bottom, colours)))


class ClassMap(PointMap):
    """Redrawn from a ClassLearning whenever `show` is called or the widget is resized.

    The cursor and clicks are the point map's (point_map.py), as on the two-class map. Its
    border's subtitle is the legend for the mode drawn (`mode_legend`)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._learning: ClassLearning | None = None

    def data_bounds(self) -> Bounds | None:
        return None if self._learning is None else self._learning.training.split.train.bounds()

    def show(self, learning: ClassLearning) -> None:
        self._learning = learning
        self._legend()
        self._rebuild()
        self.refresh()

    def on_mount(self) -> None:
        on_theme_change(self, self._new_theme)

    def _new_theme(self) -> None:
        self._legend()
        self.on_resize()

    def _legend(self) -> None:
        if self._learning is not None and self.is_mounted:
            self.border_subtitle = mode_legend(colours(self.app),
                                               self._learning.training.split.classes)

    def draw(self, bounds: Bounds, cols: int, rows: int) -> list[Strip]:
        learning = self._learning
        if learning is None:  # nothing shown (data_bounds says so first)
            return []
        train = learning.training.split.train
        classes = learning.training.split.classes
        grid = learning.grid(bounds, cols, 2 * rows)
        colours = palette(self.app.current_theme.variables) if self.is_mounted else \
            DEFAULT_PALETTE
        marks = point_cells(train.points, bounds, cols, rows, learning.picked)
        strips = []
        for row in range(rows):
            top = [(k, level(c, classes)) for k, c in grid[2 * row]]
            bottom = [(k, level(c, classes)) for k, c in grid[2 * row + 1]]
            segments: list[Segment] = []
            for col in range(cols):
                mark = marks.get((col, row))
                if mark is None:
                    segments.append(Segment("▀", pixel_style(top[col], bottom[col], colours)))
                    continue
                label, picked = mark
                under = shade(*bottom[col], colours)
                style = Style(color="#ffffff" if not picked else "#000000", bold=True,
                              bgcolor=Color.from_rgb(*under), reverse=picked)
                segments.append(Segment(GLYPHS[label], style))
            strips.append(self.with_cursor(Strip(segments, cols).simplify(), row, cols))
        return strips
