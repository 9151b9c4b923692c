"""Plot axes whose ticks sit exactly at their values, evenly spaced.

plotext draws value v on cell floor(0.5 + (cells - 1) * (v - low) / (high - low)) of the
canvas (rows or columns, counted from the axis). Its own ticks are seven values spread
evenly over the limits, each rounded to the nearest cell: they came out unevenly spaced,
a label beside a cell that is not at its value, and a tick that fell on an occupied row
was dropped (accuracy showed 100, 83.3, 66.7, 33.3, 16.7, 0: no 50).

`exact_axis` chooses a round step and a whole number of cells per step, and sets the
limits so that the canvas's cells fall on multiples of the step: each tick lands exactly on
a cell, and the ticks are evenly spaced. The axis may run a little past the data (up to
one step) so that this works at any size.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

NICE = (1.0, 2.0, 2.5, 5.0)
"""Steps are these times a power of ten."""
MAX_DECIMALS = 6


@dataclass(frozen=True)
class Axis:
    low: float
    high: float
    ticks: tuple[float, ...]
    labels: tuple[str, ...]
    cells_per_step: int


def exact_axis(low: float, high: float, cells: int, min_gap: int = 2,
               clamp_low: float | None = None, whole: bool = False) -> Axis | None:
    """Limits and ticks for data from `low` to `high` drawn on `cells` cells, ticks at
    least `min_gap` cells apart; None when there is no room for two ticks.

    `clamp_low`: the axis does not start below this (0 for a loss, an accuracy).
    `whole`: an axis of iterations: whole steps, no preference for a middle tick.
    """
    if cells < 2 or not (math.isfinite(low) and math.isfinite(high)):
        return None
    if high < low:
        low, high = high, low
    if high == low:
        pad = abs(low) / 2 or 1.0
        low, high = low - pad, high + pad
        if clamp_low is not None:
            low = max(low, clamp_low)
    for gap in dict.fromkeys((min_gap, 1)):  # a tiny canvas: ticks on neighbouring cells
        axis = _best_axis(low, high, cells - 1, gap, whole)
        if axis is not None:
            return axis
    return None


def _best_axis(low: float, high: float, intervals: int, min_gap: int,
               whole: bool) -> Axis | None:
    smallest = (high - low) / intervals
    exponent = math.floor(math.log10(smallest))
    best: tuple[float, Axis] | None = None
    for power in range(exponent - 1, max(exponent + 3, 1)):
        for nice in NICE:
            step = float(f"{nice:g}e{power}")  # 5e-06, not 5 * 10.0 ** -6 (4.99...e-06)
            if whole and (step < 1 or step != int(step)):
                continue
            start = math.floor(low / step + 1e-9) * step
            steps = max(1, math.ceil((high - start) / step - 1e-9))
            per_step = intervals // steps
            if per_step < min_gap:
                continue
            top = start + intervals * step / per_step
            fill = (high - low) / (top - start)  # the share of the axis the data spans
            # The data fills the canvas, with enough ticks to read (up to 5 intervals) and,
            # for a value axis, a middle tick (an even count of steps); on a tie the larger
            # step, less crowded.
            middle = 0.3 if steps % 2 == 0 and not whole else 0.0
            score = fill + 0.06 * min(steps, 5) + middle
            if best is None or score > best[0] + 1e-9:
                count = intervals // per_step + 1
                ticks = tuple(start + i * step for i in range(count))
                axis = Axis(start, top, ticks,
                            tuple(label(t, step) for t in ticks), per_step)
                best = (score, axis)
    return best[1] if best is not None else None


def label(value: float, step: float) -> str:
    """A tick's value with just the decimals its step needs: 0, 25, 50; 0.05, 0.1."""
    decimals = 0
    while decimals < MAX_DECIMALS and abs(round(step, decimals) - step) > 1e-9 * abs(step):
        decimals += 1
    if decimals == MAX_DECIMALS or abs(value) >= 1e7:
        return f"{value:.3g}"
    text = f"{value:.{decimals}f}"
    return "0" if text.lstrip("-").strip("0.") == "" else text

