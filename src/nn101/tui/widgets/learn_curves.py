"""Accuracy and loss over the iterations, side by side.

The plots (textual-plotext) are imported and mounted when the pane mounts, so importing
the screen stays cheap; a long history is thinned to a few hundred points. They are
redrawn after the frame that answers a key (two plots cost more than the rest of the
screen), once per burst of updates.
"""

from __future__ import annotations

import math
from typing import Any

from textual.containers import Horizontal

from nn101.engine.learning import Evaluation

MAX_POINTS = 300


def thin(history: list[Evaluation], limit: int = MAX_POINTS) -> list[Evaluation]:
    """At most `limit` evaluations, evenly spaced, the first and the last kept."""
    if len(history) <= limit:
        return history
    stride = (len(history) - 1) / (limit - 1)
    return [history[i] for i in sorted({round(k * stride) for k in range(limit)})]


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


class LearnCurves(Horizontal):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._plots: dict[str, Any] = {}
        self._history: list[Evaluation] | None = None
        self._due = False

    def on_mount(self) -> None:
        from nn101.tui.widgets.exact_plot import ExactPlot

        for name in ("accuracy", "loss"):
            plot = ExactPlot(id=f"learn-{name}-plot")
            self._plots[name] = plot
            self.mount(plot)
        if self._history is not None:
            self.show(self._history)

    def show(self, history: list[Evaluation]) -> None:
        self._history = history
        if not self._plots or self._due:
            return
        self._due = True
        self.call_after_refresh(self._draw)

    def _draw(self) -> None:
        from nn101.tui.widgets.exact_plot import Series

        self._due = False
        history = self._history
        if history is None:
            return
        shown = thin(history)
        xs = [float(e.iteration) for e in shown]
        # Accuracy's axis spans 0..100 whatever the run reached; the loss starts at 0.
        ax, ay = plottable(xs, [100.0 * e.accuracy for e in shown])
        self._plots["accuracy"].show(Series(ax, ay, "green", "accuracy (%)",
                                            y_span=(0.0, 100.0)))
        lx, ly = plottable(xs, [e.loss for e in shown])
        dropped = " (not finite: left out)" if len(lx) < len(xs) else ""
        self._plots["loss"].show(Series(lx, ly, "red", "loss" + dropped, y_from=0.0))
