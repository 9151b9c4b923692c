"""Where the run is: iteration, output, forward passes per method, and the output's curve.

The plot widget (textual-plotext) is imported when the pane mounts, not when the app is
imported, so `nn101-tui --help` and the CLI stay fast.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from nn101.engine.methods import Method
from nn101.engine.playground import Playground
from nn101.tui.display import value_text

MAX_POINTS = 400
"""Points plotted: a long run is thinned evenly (first and last kept)."""
SHORT = {Method.RANDOM: "random", Method.NUMERICAL: "numerical", Method.ANALYTIC: "backprop"}


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

    def compose(self) -> ComposeResult:
        yield Static(id="progress-stats")

    def on_mount(self) -> None:
        from textual_plotext import PlotextPlot

        self._plot = PlotextPlot(id="progress-plot")
        self.mount(self._plot)
        if self._last is not None:
            self.call_after_refresh(self.show, self._last)

    def show(self, pg: Playground) -> None:
        self._last = pg
        stats = Text()
        stats.append(f"iteration {pg.iteration}  output ")
        stats.append_text(value_text(pg.output))
        stats.append("  (start ")
        stats.append_text(value_text(pg.start_output))
        stats.append(")\nfwd passes: ")
        spent = pg.forward_passes()
        stats.append(" · ".join(f"{SHORT[m]} {n}" for m, n in spent.items()))
        self.query_one("#progress-stats", Static).update(stats)
        if self._plot is None:
            return
        xs, ys = thin(pg.outputs())
        plt = self._plot.plt
        plt.clear_data()
        plt.clear_figure()
        plt.plot(xs, ys, marker="braille", color="green")
        plt.xlabel("iteration")
        plt.title("")
        self._plot.refresh()
