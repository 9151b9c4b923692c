"""Accuracy and loss over the iterations, side by side.

The plots (textual-plotext) are imported and mounted when the pane mounts, so importing
the screen stays cheap; a long history is thinned to a few hundred points. They are
redrawn after the frame that answers a key (two plots cost more than the rest of the
screen), once per burst of updates; while training plays, in the frame that shows the
training (a frame of its own would be one more that a key may have to wait behind).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from textual.containers import Horizontal

from nn101.engine.learning import Evaluation
from nn101.tui.deferred import AfterFrame

MAX_POINTS = 300
E = TypeVar("E")


def thin(history: Sequence[E], limit: int = MAX_POINTS) -> Sequence[E]:
    """At most `limit` evaluations, evenly spaced, the first and the last kept."""
    if len(history) <= limit:
        return history
    stride = (len(history) - 1) / (limit - 1)
    return [history[i] for i in sorted({round(k * stride) for k in range(limit)})]


class LearnCurves(Horizontal):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._plots: dict[str, Any] = {}
        self._history: Sequence[Evaluation] | None = None
        self._redraw = AfterFrame(self, self._draw)

    def on_mount(self) -> None:
        from nn101.tui.widgets.exact_plot import ExactPlot

        for name in ("accuracy", "loss"):
            plot = ExactPlot(id=f"learn-{name}-plot")
            self._plots[name] = plot
            self.mount(plot)
        if self._history is not None:
            self.show(self._history)

    def show(self, history: Sequence[Evaluation], later: bool = True) -> None:
        """Draw `history` after the next frame, or (`later` False) in it."""
        self._history = history
        if not self._plots:
            return
        if later:
            self._redraw.request()
        else:
            self._draw()

    def _draw(self) -> None:
        from nn101.tui.widgets.exact_plot import Series

        history = self._history
        if history is None:
            return
        shown = thin(history)
        xs = [float(e.iteration) for e in shown]
        # Accuracy's axis spans 0..100 whatever the run reached; the loss starts at 0.
        accuracy = [100.0 * e.accuracy for e in shown]
        self._plots["accuracy"].show(Series(xs, accuracy, "$plot-accuracy", "accuracy (%)",
                                            y_span=(0.0, 100.0)))
        self._plots["loss"].show(Series(xs, [e.loss for e in shown], "$plot-loss", "loss",
                                        y_from=0.0))
