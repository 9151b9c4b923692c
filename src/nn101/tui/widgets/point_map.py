"""What the two decision maps share: points on a plane drawn two pixels a cell, and the
cursor where your own point goes.

The two-class map (decision_map.py) and chapter 3's K-class map (class_map.py) colour the
plane differently, but place the points, move the cursor, read a click and turn the cursor's
cell into data coordinates the same way: that is this base, so the two screens' keys and
clicks behave alike. A subclass says where its data lies (`data_bounds`) and draws its
rows (`draw`), marking the points with `point_cells` and the cursor with
`with_cursor`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from nn101.engine.learning.datasets import Point
from nn101.engine.learning.grid import pixel_of, square_pixels

Bounds = tuple[float, float, float, float]
CURSOR = "◎"
"""The cursor where your own points go: a shape no label uses."""


def point_cells(points: Iterable[Point], bounds: Bounds, cols: int, rows: int,
                picked: int | None) -> dict[tuple[int, int], tuple[int, bool]]:
    """(label, picked) of the point drawn in each cell of a `cols` x `rows` map (two
    pixels a cell): where points share a cell the picked one stays visible."""
    marks: dict[tuple[int, int], tuple[int, bool]] = {}
    for i, p in enumerate(points):
        pixel = pixel_of(bounds, cols, 2 * rows, p.x, p.y)
        if pixel is not None:
            cell = (pixel[0], pixel[1] // 2)
            if not (cell in marks and marks[cell][1]):
                marks[cell] = (p.label, i == picked)
    return marks


class PointMap(Widget):
    """A map with a cursor (cell col, row) where an own point goes; the screen moves it by
    keys, and a click moves it here and says so with `Clicked` (the screen decides what a
    click does)."""

    class Clicked(Message):
        def __init__(self, col: int, row: int) -> None:
            super().__init__()
            self.col, self.row = col, row

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._strips: list[Strip] = []
        self.cursor: tuple[int, int] | None = None

    def data_bounds(self) -> Bounds | None:
        """Where the shown data lies (None: nothing shown yet)."""
        return None

    def draw(self, bounds: Bounds, cols: int, rows: int) -> list[Strip]:
        """The map's rows for the data shown, `bounds` fitted to square pixels."""
        return []

    def _rebuild(self) -> None:
        """The strips for the data shown and the widget's size (none before either)."""
        cols, rows = self.size.width, self.size.height
        data = self.data_bounds()
        if data is None or cols < 1 or rows < 1:
            self._strips = []
            return
        self._strips = self.draw(square_pixels(data, cols, 2 * rows), cols, rows)

    def move_cursor(self, dcol: int, drow: int) -> tuple[int, int]:
        """Move (or show, at the centre) the cursor, kept inside the map."""
        cols, rows = max(1, self.size.width), max(1, self.size.height)
        col, row = self.cursor if self.cursor is not None else (cols // 2, rows // 2)
        if self.cursor is not None:
            col, row = col + dcol, row + drow
        self.cursor = (max(0, min(cols - 1, col)), max(0, min(rows - 1, row)))
        self._rebuild()
        self.refresh()
        return self.cursor

    def cursor_point(self) -> tuple[float, float] | None:
        """The data coordinates at the cursor's cell centre."""
        bounds = self.data_bounds()
        if self.cursor is None or bounds is None:
            return None
        cols, rows = self.size.width, self.size.height
        if cols < 1 or rows < 1:
            return None
        x0, x1, y0, y1 = square_pixels(bounds, cols, 2 * rows)
        col, row = self.cursor
        return (x0 + (col + 0.5) * (x1 - x0) / cols, y1 - (row + 0.5) * (y1 - y0) / rows)

    def on_click(self, event: events.Click) -> None:
        if event.x < 0 or event.y < 0:
            return
        self.cursor = (event.x, event.y)
        self.move_cursor(0, 0)
        self.post_message(self.Clicked(event.x, event.y))

    def on_resize(self) -> None:
        self._rebuild()
        self.refresh()

    def with_cursor(self, strip: Strip, row: int, cols: int) -> Strip:
        """The row's strip with the cursor drawn over its cell (when it is on this row)."""
        if self.cursor is None or self.cursor[1] != row:
            return strip
        col = self.cursor[0]
        mark = Strip([Segment(CURSOR, Style(bold=True, reverse=True))], 1)
        return Strip.join([strip.crop(0, col), mark, strip.crop(col + 1, cols)])

    def render_line(self, y: int) -> Strip:
        if y < len(self._strips):
            return self._strips[y]
        # Never a segment without a style: Textual's NO_COLOR filter (monochrome_style)
        # reads `style.color` of every segment and crashed the app on a None.
        return Strip.blank(self.size.width, self.rich_style)
