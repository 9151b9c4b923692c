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
