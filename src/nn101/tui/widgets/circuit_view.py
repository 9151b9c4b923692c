"""The circuit drawn as a tree from the output back to the inputs: the way gradients flow.

Each row is one wire: its name, the gate that makes it, its value (green) and its gradient
(red). Reading down is reading the backward pass; reading up, the forward pass. A wire
used twice is drawn once and then referred to, and the drawing stops after MAX_ROWS rows
(a huge typed formula lists every gate in the gates table, which scrolls).
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from nn101.engine.gates import Gate
from nn101.engine.playground import Playground
from nn101.engine.unit import Unit
from nn101.tui.display import DIM, LOCAL, grad_text, local_text, num, value_text

MAX_ROWS = 120
LABEL_WIDTH = 30
NUMBER = 8
"""Columns for numbers never shrink below "-1.00000": a narrow pane cuts names first."""


class CircuitView(Static):
    """A Static whose content is rebuilt from the playground after every action."""

    _shape: tuple[int, int] = (-1, -1)

    def show(self, pg: Playground) -> None:
        table = self.render_circuit(pg)
        # Rows never wrap and the width is the pane's, so the height changes only with the
        # number of rows: a step (same rows, new numbers) repaints without a re-layout of
        # the whole screen, which costs more than drawing this table.
        shape = (table.row_count, len(table.columns))
        self.update(table, layout=shape != self._shape)
        self._shape = shape

    @staticmethod
    def render_circuit(pg: Playground) -> Table:
        table = Table(box=None, padding=(0, 1), collapse_padding=True, pad_edge=False,
                      expand=False, show_edge=False, show_header=False)
        table.add_column("wire", no_wrap=True, overflow="ellipsis", max_width=LABEL_WIDTH)
        table.add_column("gate", no_wrap=True, justify="center")
        table.add_column("value", justify="right", no_wrap=True, min_width=NUMBER)
        table.add_column("gradient", justify="right", no_wrap=True, min_width=NUMBER)
        walk_gate = pg.walk_gate
        locals_: dict[int, float] = {}
        if walk_gate is not None:
            last = pg.walk[-1]
            for unit, c in zip(walk_gate.inputs, last.contributions, strict=True):
                locals_[id(unit)] = c.local_gradient
            table.add_column("local", justify="right", no_wrap=True, style=LOCAL,
                             min_width=NUMBER)
        known = pg.gradients_known
        inputs = {id(u) for u in pg.circuit.inputs.values()}
        rows = 0
        seen: set[int] = set()
        stack: list[tuple[Unit, str, str, bool]] = [(pg.circuit.output, "", "", True)]
        while stack and rows < MAX_ROWS:
            unit, lead, branch, _last = stack.pop()
            gate: Gate | None = unit.gate
            repeated = gate is not None and id(gate) in seen
            name = Text(lead + branch, style=DIM)
            name.append(unit.label or num(unit.value), style="bold" if gate is None else "")
            if repeated:
                name.append("  (drawn above)", style=DIM)
            if gate is None:
                kind = Text("in" if id(unit) in inputs else "k", style=DIM)
            else:
                kind = Text(gate.symbol, style="bold")
            row: list[Text] = [name, kind, value_text(unit.value),
                               grad_text(unit.grad if known else None)]
            if walk_gate is not None:
                local = locals_.get(id(unit))
                row.append(local_text(local) if local is not None else Text(""))
            style = "bold on #3b3b1f" if gate is not None and gate is walk_gate else ""
            table.add_row(*row, style=style)
            rows += 1
            if gate is None or repeated:
                continue
            seen.add(id(gate))
            child_lead = lead + {"": "", "└ ": "  "}.get(branch, "│ ")
            children = list(gate.inputs)
            for i in range(len(children) - 1, -1, -1):
                last_child = i == len(children) - 1
                stack.append((children[i], child_lead, "└ " if last_child else "├ ",
                              last_child))
        if stack:
            table.add_row(Text(f"… more wires: the gates table lists all {len(pg.circuit)} "
                               "gates", style=DIM))
        return table
