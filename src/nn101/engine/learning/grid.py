"""The score over a rectangle of the plane, sampled on a grid: the decision map's pixels."""

from __future__ import annotations

from nn101.engine.errors import InputError
from nn101.engine.learning.models import Model
from nn101.engine.numerics import is_finite

MAX_CELLS = 1_000_000


def score_grid(
    model: Model, bounds: tuple[float, float, float, float], cols: int, rows: int
) -> list[list[float]]:
    """rows x cols scores at pixel centres; row 0 is the top (largest y), as a screen draws.

    Uses the model's plain-arithmetic scorer (checked against the circuit in the tests):
    a terminal-sized map is a few thousand points, redrawn many times a second.
    """
    x0, x1, y0, y1 = bounds
    if not is_finite(x0, x1, y0, y1) or x1 <= x0 or y1 <= y0:
        raise InputError(f"bounds must be finite with x0 < x1 and y0 < y1, got {bounds}")
    if cols < 1 or rows < 1 or cols * rows > MAX_CELLS:
        raise InputError(f"a grid needs 1 to {MAX_CELLS} cells, got {cols}x{rows}")
    score = model.fast_scorer()
    dx = (x1 - x0) / cols
    dy = (y1 - y0) / rows
    xs = [x0 + (i + 0.5) * dx for i in range(cols)]
    return [[score(x, y1 - (j + 0.5) * dy) for x in xs] for j in range(rows)]


def square_pixels(
    bounds: tuple[float, float, float, float], cols: int, rows: int
) -> tuple[float, float, float, float]:
    """Widen the narrower side of `bounds`, about its centre, so every pixel of a cols x rows
    grid covers as much x as y: a circle then looks round (half-block pixels are square)."""
    x0, x1, y0, y1 = bounds
    dx = (x1 - x0) / max(cols, 1)
    dy = (y1 - y0) / max(rows, 1)
    d = max(dx, dy)
    cx, cy = (x0 + x1) / 2.0, (y0 + y1) / 2.0
    half_w, half_h = d * cols / 2.0, d * rows / 2.0
    return cx - half_w, cx + half_w, cy - half_h, cy + half_h


def pixel_of(
    bounds: tuple[float, float, float, float], cols: int, rows: int, x: float, y: float
) -> tuple[int, int] | None:
    """The (col, row) of the grid pixel holding (x, y), row 0 at the top; None outside."""
    x0, x1, y0, y1 = bounds
    col = int((x - x0) / (x1 - x0) * cols) if x1 > x0 else -1
    row = int((y1 - y) / (y1 - y0) * rows) if y1 > y0 else -1
    if 0 <= col < cols and 0 <= row < rows and x >= x0 and y <= y1:
        return col, row
    return None
