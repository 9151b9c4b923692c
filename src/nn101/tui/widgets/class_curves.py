"""Chapter 3's curves: loss and accuracy over the iterations, training and validation on
the same axes; with a compared run, both runs' on the same axes (its "B" lines).

A curve pair (curve_pair.py) as the two-class curves are: the plots are mounted when the
pane mounts (plotext is not part of the first frame), drawn after the frame that asks, and
a long history is thinned.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from nn101.engine.learning.classify import ClassEvaluation
from nn101.tui.widgets.curve_pair import CurvePair
from nn101.tui.widgets.learn_curves import thin

TRAIN, VAL, OTHER = "$class-0", "$class-1", "$class-2"
"""Training, validation and the compared run's lines: the class palette's first three."""


def curves(history: Sequence[ClassEvaluation], other: Sequence[ClassEvaluation] | None = None,
           names: tuple[str, str] = ("A", "B")) -> dict[str, Any]:
    """The two plots' series: alone, training and validation; compared, each run's
    training loss and validation accuracy (the numbers the compare table ends with)."""
    from nn101.tui.widgets.exact_plot import Line, Series

    def xs(h: Sequence[ClassEvaluation]) -> list[float]:
        return [float(e.iteration) for e in h]

    def vals(h: Sequence[ClassEvaluation], key: str) -> tuple[list[float], list[float]]:
        kept = [e for e in h if getattr(e, key) is not None]
        return xs(kept), [float(getattr(e, key)) for e in kept]

    shown = thin(history)
    if other is None:
        vx, vl = vals(shown, "val_loss")
        ax, va = vals(shown, "val_accuracy")
        loss = Series(xs(shown), [e.loss for e in shown], TRAIN, "loss", y_from=0.0,
                      more=(Line(vx, vl, VAL, "validation"),) if vx else (),
                      label="training")
        accuracy = Series(xs(shown), [100.0 * e.accuracy for e in shown], TRAIN,
                          "accuracy (%)", y_span=(0.0, 100.0),
                          more=(Line(ax, [100.0 * v for v in va], VAL, "validation"),)
                          if ax else (), label="training")
        return {"loss": loss, "accuracy": accuracy}
    second = thin(other)
    ax, va = vals(shown, "val_accuracy")
    bx, vb = vals(second, "val_accuracy")
    loss = Series(xs(shown), [e.loss for e in shown], TRAIN, "training loss", y_from=0.0,
                  more=(Line(xs(second), [e.loss for e in second], OTHER, names[1]),),
                  label=names[0])
    accuracy = Series(ax, [100.0 * v for v in va], TRAIN, "validation accuracy (%)",
                      y_span=(0.0, 100.0),
                      more=(Line(bx, [100.0 * v for v in vb], OTHER, names[1]),),
                      label=names[0])
    return {"loss": loss, "accuracy": accuracy}


class ClassCurves(CurvePair):
    PLOT_ID = "class"

    def show(self, history: Sequence[ClassEvaluation],
             other: Sequence[ClassEvaluation] | None = None,
             names: tuple[str, str] = ("A", "B"), later: bool = True) -> None:
        """Draw the run (and a compared run) after the next frame, or (`later` False) in it."""
        self.show_series(lambda: curves(history, other, names), later)
