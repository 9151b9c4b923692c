"""Accuracy and loss over the iterations of a two-class run, side by side.

The pane is a curve pair (curve_pair.py: mounted late, drawn after the frame that asks);
this module makes its two series, and thins a long history to a few hundred points (the
3-class curves thin theirs with it too).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

from nn101.engine.learning import Evaluation
from nn101.tui.widgets.curve_pair import CurvePair

if TYPE_CHECKING:
    from nn101.tui.widgets.exact_plot import Series

MAX_POINTS = 300
E = TypeVar("E")


def thin(history: Sequence[E], limit: int = MAX_POINTS) -> Sequence[E]:
    """At most `limit` evaluations, evenly spaced, the first and the last kept."""
    if len(history) <= limit:
        return history
    stride = (len(history) - 1) / (limit - 1)
    return [history[i] for i in sorted({round(k * stride) for k in range(limit)})]


class LearnCurves(CurvePair):
    PLOT_ID = "learn"

    def show(self, history: Sequence[Evaluation], later: bool = True) -> None:
        """Draw `history` after the next frame, or (`later` False) in it."""
        self.show_series(lambda: series(history), later)


def series(history: Sequence[Evaluation]) -> dict[str, Series]:
    """Accuracy's axis spans 0..100 whatever the run reached; the loss starts at 0."""
    from nn101.tui.widgets.exact_plot import Series

    shown = thin(history)
    xs = [float(e.iteration) for e in shown]
    accuracy = [100.0 * e.accuracy for e in shown]
    return {"accuracy": Series(xs, accuracy, "$plot-accuracy", "accuracy (%)",
                               y_span=(0.0, 100.0)),
            "loss": Series(xs, [e.loss for e in shown], "$plot-loss", "loss", y_from=0.0)}
