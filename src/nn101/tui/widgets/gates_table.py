"""Every gate in forward order: operation, inputs, value, local gradient(s), gradient in.

Local gradients are per wire (one per input of the gate, in order). After the gates, each
input used more than once gets a row with its gradient as the sum of its wires'
local·upstream shares (`Σ dx | 5·1 + 1·1 | 6`).

The table is refilled after the frame that answers a key, once per burst of updates: a
DataTable redraws every cell it shows when any cell changes (about 8 ms for the neuron on
a slow machine), and the circuit pane above already shows the same numbers at once.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import DataTable

from nn101.state.playground import Playground
from nn101.state.text import line
from nn101.tui.deferred import AfterFrame
from nn101.tui.display import grad_text, local_text, num, value_text
from nn101.tui.theme import colours
from nn101.tui.widgets.wire_sums import wire_sums

MAX_GATES = 400
"""Rows kept for a huge formula; the table scrolls, and the rest is counted in a last row."""
MAX_SUMS = 20
"""Sum rows kept for a formula with many shared inputs."""
COMPUTES_WIDTH = 16
"""Longer formulas are cut (the circuit pane shows each wire's full name)."""
COLUMNS = ("computes", "    value", " local grad(s)", "  grad in")


def spaced(number: Text) -> Text:
    """A number with at least one space before it: the columns have no padding, and a
    diverged run's numbers (-7.864e+293) are wider than the 9 columns they are given."""
    return number if number.plain.startswith(" ") else Text.assemble(" ", number)


class GatesTable(DataTable[Text | str]):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._refill = AfterFrame(self, self._fill)

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.cell_padding = 0
        self.zebra_stripes = True
        self.add_columns(*COLUMNS)

    _pg: Playground | None = None
    _hide = False

    def show(self, pg: Playground, *, hide_gradients: bool = False) -> None:
        """Refill after the next frame (the first fill at once); `hide_gradients` shows '?'
        for them (the quiz)."""
        first = self._pg is None
        self._pg = pg
        self._hide = hide_gradients
        if first:
            self._fill()  # in the table's first frame: later it would cost another layout
        else:
            self._refill.request()

    def _fill(self) -> None:
        pg = self._pg
        if pg is None:
            return
        gates = pg.circuit.gates
        walk_gate = pg.walk_gate
        naming = pg.naming
        known = pg.gradients_known and not self._hide
        theme = colours(self.app)
        self.clear()
        for i, gate in enumerate(gates[:MAX_GATES]):
            try:
                locals_ = () if self._hide else gate.local_gradients()
            except (ArithmeticError, ValueError):
                locals_ = ()
            local = (Text("").join(spaced(local_text(v, theme, 9)) for v in locals_) if locals_
                     else Text("        —"))
            grad_in = spaced(grad_text(gate.out.grad if known else None, theme, 9))
            mark = "▶ " if gate is walk_gate else ""
            formula = naming.defined(gate.out)  # `axpby = ax + by`: the wire's one name
            if len(formula) > COMPUTES_WIDTH:
                formula = formula[: COMPUTES_WIDTH - 1] + "…"
            self.add_row(mark + formula + " ", value_text(gate.out.value, theme, 9), local, grad_in,
                         key=str(i))
        if len(gates) > MAX_GATES:
            self.add_row(f"… {len(gates) - MAX_GATES} more", "", "", "")
        if known:
            for sum_line in wire_sums(pg)[:MAX_SUMS]:
                name, _, rest = sum_line.partition(": ")
                terms, _, total = rest.rpartition(" = ")
                self.add_row(Text(line(f"Σ d{name}"), style="bold"), "",
                             Text(" " + terms, style=theme.local),
                             Text(" " + total, style=theme.grad))
        self.show_cursor = walk_gate is not None
        if walk_gate is not None:
            index = gates.index(walk_gate)
            if index < MAX_GATES:
                self.move_cursor(row=index, animate=False)
        if not gates:
            self.add_row(Text("no gates: the output is an input", style="dim"),
                         num(pg.output), "", "")
