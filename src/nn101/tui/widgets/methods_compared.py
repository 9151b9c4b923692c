"""The guide's point in one glance: each method's first step from the start, and its cost.

Random search pays `tries` forward passes, the numerical gradient one per input plus one,
backprop one forward and one backward; all land near the same output. Under the table, how
far each step moved the inputs (pg.compare_note): one random try may move an input by up to
`tweak`, a gradient step by step size × gradient, so random search can win one step on
the neuron without being the better method.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from nn101.engine.methods import Method
from nn101.state.playground import MethodResult, Playground
from nn101.tui.display import DIM, value_text
from nn101.tui.theme import colours

SHORT = {Method.RANDOM: "random", Method.NUMERICAL: "numerical", Method.ANALYTIC: "backprop"}


def cost_note(pg: Playground) -> str:
    """Where each count comes from, for this circuit (N inputs)."""
    n = len(pg.circuit.inputs)
    numerical = f"N+1 = {n + 1}" if pg.settings.difference == "forward" else f"2N = {2 * n}"
    return f"tries · {numerical} · 1 (+1 backward)"


def moved_note(results: list[MethodResult], upstream: float = 1.0) -> str:
    """What the "moved" column means, and why random search may win one step."""
    by = {r.method: r for r in results}
    random, backprop = by.get(Method.RANDOM), by.get(Method.ANALYTIC)
    note = "moved: largest change of one input"
    if (random is not None and backprop is not None and random.output is not None
            and backprop.output is not None and random.moved_max is not None
            and backprop.moved_max is not None
            and random.output * upstream > backprop.output * upstream
            and random.moved_max > backprop.moved_max):
        note += "; random won by moving further, not by a better direction"
    return note


class MethodsCompared(Static):
    _shape: tuple[int, str, str] = (-1, "", "")
    _shown: object = None
    """What the pane shows: a step from the same start changes none of it, so the pane is
    not redrawn (a rich Table costs a few ms, in the frame that answers the key)."""

    def show(self, pg: Playground) -> None:
        results = pg.compare()
        why = pg.compare_note()
        theme = colours(self.app)
        shown = (tuple(results), pg.settings.method, pg.start_output, cost_note(pg),
                 theme, why)
        if shown == self._shown:
            return
        self._shown = shown
        table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold",
                      expand=True, pad_edge=False, collapse_padding=True)
        table.add_column("method", no_wrap=True)
        table.add_column("output", justify="right", no_wrap=True)
        table.add_column("passes", justify="right", no_wrap=True)
        table.add_column("moved", justify="right", no_wrap=True)
        for result in results:
            if result.method is pg.settings.method:
                name = Text("▸ " + SHORT[result.method], style="bold")
            else:
                name = Text("  " + SHORT[result.method])
            if result.output is None:
                table.add_row(name, Text("stops", style=theme.fail), "", "")
                continue
            moved = "" if result.moved_max is None else f"{result.moved_max:.1g}"
            table.add_row(name, value_text(result.output, theme), str(result.forward_passes), moved)
        table.add_row(Text("  start", style=DIM), value_text(pg.start_output, theme), "", "")
        note = cost_note(pg) + "\n" + moved_note(results, pg.upstream)
        self.tooltip = why  # the whole sentence, per method
        # Cells never wrap and the width is the pane's: the height changes only with the
        # rows or the note, so a step repaints without re-laying out the whole screen.
        shape = (table.row_count, note, why)
        self.update(Group(table, Text(note, style=DIM)), layout=shape != self._shape)
        self._shape = shape
