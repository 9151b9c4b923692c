"""Where the run is: iteration, output, forward passes per method, and the output's curve.

The plot widget (textual-plotext, ticks at their values) is imported when the pane is
composed, which the circuit screen does after the app's first frame, so `nn101-tui
--help`, the CLI and the app's first frame do not wait for plotext. The first curve is
drawn with the pane; later ones after the frame that answers a key (plotting costs more
than the rest of the pane), once per burst of updates.
"""

from __future__ import annotations

import math
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical

from nn101.engine.methods import Method
from nn101.state.playground import Playground
from nn101.tui.deferred import AfterFrame
from nn101.tui.display import value_text
from nn101.tui.theme import colours
from nn101.tui.widgets.text_lines import TextLines

MAX_POINTS = 400
"""Points plotted: a long run is thinned evenly (first and last kept)."""
SHORT = {Method.RANDOM: "random", Method.NUMERICAL: "numerical", Method.ANALYTIC: "backprop"}
LOG_ABOVE = 1e12
"""Outputs past this are plotted as sign * log10(1 + |output|): plotext draws an empty
plot for values past about 1e69 (a run at step size 1e9 reaches 1e293), and tick labels
of such numbers say nothing anyway."""


def symlog(value: float) -> float:
    """A log scale that keeps the sign and 0: 1e293 -> 293, -1e12 -> -12, 0 -> 0."""
    return math.copysign(math.log10(1.0 + abs(value)), value)


def thin(values: list[float], limit: int = MAX_POINTS) -> tuple[list[int], list[float]]:
    if len(values) <= limit:
        return list(range(len(values))), values
    stride = (len(values) - 1) / (limit - 1)
    xs = sorted({round(i * stride) for i in range(limit)})
    return xs, [values[i] for i in xs]


class ProgressPane(Vertical):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._plot: Any = None
        self._last: Playground | None = None
        self._redraw = AfterFrame(self, self._draw_plot)

    def compose(self) -> ComposeResult:
        # Imported here: the circuit screen mounts this pane after the app's first frame.
        from nn101.tui.widgets.exact_plot import ExactPlot

        yield TextLines(id="progress-stats")
        self._plot = ExactPlot(id="progress-plot")
        yield self._plot

    def show(self, pg: Playground) -> None:
        self._last = pg
        theme = colours(self.app)
        stats = Text()
        stats.append(f"iteration {pg.iteration}  output ")
        stats.append_text(value_text(pg.output, theme))
        stats.append("  (start ")
        stats.append_text(value_text(pg.start_output, theme))
        stats.append(")\nfwd passes: ")
        spent = pg.forward_passes()
        stats.append(" · ".join(f"{SHORT[m]} {n}" for m, n in spent.items()))
        self.query_one("#progress-stats", TextLines).update(stats)  # two lines (app.tcss)
        if self._plot is not None and self._plot.series is None:
            self._draw_plot()  # the first curve: in the pane's first frame
        else:
            self._redraw.request()

    def _draw_plot(self) -> None:
        pg = self._last
        if self._plot is None or pg is None:
            return
        xs, ys = thin(pg.outputs())
        huge = any(abs(y) > LOG_ABOVE for y in ys)
        if huge:
            ys = [symlog(y) for y in ys]
        from nn101.tui.widgets.exact_plot import Series

        title = "output as sign · log10(1 + |output|)" if huge else ""
        self._plot.show(Series([float(x) for x in xs], ys, "$wire-value", title))
