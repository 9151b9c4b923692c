"""What the two learning screens' curve panes share: an accuracy plot and a loss plot side
by side, mounted when the pane mounts and drawn after the frame that asks.

The plots (textual-plotext, through exact_plot.py) are imported and mounted when the pane
mounts, so importing a screen stays cheap. A pane is handed a way to make its two series
(`show_series`): they are made when the plots are drawn, after the frame that answers a
key (two plots cost more than the rest of the screen), once per burst of requests; while
training plays, in the frame that shows it (`later` False: a frame of its own would be one
more that a key may have to wait behind). The two-class curves (learn_curves.py) and
chapter 3's (class_curves.py) differ only in the series they make.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual.containers import Horizontal

from nn101.tui.deferred import AfterFrame

if TYPE_CHECKING:
    from nn101.tui.widgets.exact_plot import ExactPlot, Series

PLOTS = ("accuracy", "loss")
"""The two plots, left to right: each series maker answers one Series for each."""


class CurvePair(Horizontal):
    """Accuracy and loss side by side, from the series the last `show_series` makes."""

    PLOT_ID: ClassVar[str] = "curves"
    """The plots' ids are PLOT_ID-accuracy-plot and PLOT_ID-loss-plot (for the CSS)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._plots: dict[str, ExactPlot] = {}
        self._make: Callable[[], dict[str, Series]] | None = None
        self._redraw = AfterFrame(self, self._draw)

    def on_mount(self) -> None:
        from nn101.tui.widgets.exact_plot import ExactPlot

        for name in PLOTS:
            plot = ExactPlot(id=f"{self.PLOT_ID}-{name}-plot")
            self._plots[name] = plot
            self.mount(plot)
        if self._make is not None:
            self._redraw.request()

    def show_series(self, make: Callable[[], dict[str, Series]], later: bool) -> None:
        """Draw what `make` answers after the next frame, or (`later` False) in it."""
        self._make = make
        if not self._plots:
            return
        if later:
            self._redraw.request()
        else:
            self._draw()

    def _draw(self) -> None:
        if self._make is None:
            return
        series = self._make()
        for name, plot in self._plots.items():
            plot.show(series[name])
