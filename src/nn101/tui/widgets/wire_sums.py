"""Under the circuit: each variable used more than once, its gradient as the sum of its wires.

The guide's rule that a wire used twice gets its gradients added up is invisible in a total:
`x*y + x` at x=3, y=5 gives dx = 6, but only `x: 5·1 + 1·1 = 6` says where the 6 comes
from (y from the `*` wire, 1 from the `+` wire, each times its gate's upstream gradient).

The terms are read off the circuit as it stands (each gate's local gradient of that input
and the gate's output grad), never by another backward pass: after a step or a check the
grads are backprop's, and during the backward walk only the gates walked so far have
added their share, so the sum is written "so far".
"""

from __future__ import annotations

import weakref

from rich.text import Text

from nn101.engine.circuit import Circuit
from nn101.engine.gates import Gate
from nn101.engine.wires import WireGradient, WireUse
from nn101.state.notation import sum_text
from nn101.state.playground import Playground
from nn101.state.text import line
from nn101.tui.theme import colours
from nn101.tui.widgets.text_lines import TextLines

MAX_LINES = 12
"""Variables listed for a huge formula; the rest are counted."""


_SHARED: weakref.WeakKeyDictionary[Circuit, dict[str, list[tuple[int, Gate, int]]]] = (
    weakref.WeakKeyDictionary())


def shared_uses(circuit: Circuit) -> dict[str, list[tuple[int, Gate, int]]]:
    """For each input read by more than one gate input: (gate index, gate, slot) per wire,
    output side first (the order backprop adds them). Computed once per circuit: the
    screen asks on every frame of a run."""
    known = _SHARED.get(circuit)
    if known is None:
        known = _SHARED[circuit] = _shared_uses(circuit)
    return known


def _shared_uses(circuit: Circuit) -> dict[str, list[tuple[int, Gate, int]]]:
    uses: dict[int, list[tuple[int, Gate, int]]] = {id(u): [] for u in circuit.inputs.values()}
    for index in range(len(circuit.gates) - 1, -1, -1):
        gate = circuit.gates[index]
        for slot, unit in enumerate(gate.inputs):
            if id(unit) in uses:
                uses[id(unit)].append((index, gate, slot))
    return {name: uses[id(unit)] for name, unit in circuit.inputs.items()
            if len(uses[id(unit)]) > 1}


def wire_sums(pg: Playground) -> list[str]:
    """`x: 5·1 + 1·1 = 6` for every input used more than once; [] when the gradients are
    unknown. During the walk, only the wires walked so far, marked "so far"."""
    if not pg.gradients_known or pg.problem is not None:
        return []
    shared = shared_uses(pg.circuit)
    if not shared:
        return []
    lines = []
    if pg.walk_active:
        walked = {(s.index, c.slot): c for s in pg.walk for c in s.contributions}
        complete = pg.walk_complete
    for name, wires in shared.items():
        uses = []
        for index, gate, slot in wires:
            if pg.walk_active:
                c = walked.get((index, slot))
                if c is None:
                    continue
                uses.append(WireUse(index, gate, slot, c.local_gradient, c.upstream, c.added))
                continue
            try:
                local = gate.local_gradients()[slot]
            except (ArithmeticError, ValueError):
                continue
            upstream = gate.out.grad
            uses.append(WireUse(index, gate, slot, local, upstream, local * upstream))
        unit = pg.circuit.inputs[name]
        text = sum_text(WireGradient(name, tuple(uses), unit.grad))
        if pg.walk_active and not complete:
            text += f" so far ({len(uses)} of {len(wires)} wires)"
        lines.append(text)
    return lines


class WireSums(TextLines):
    """The sums, one line each, under a dim title; nothing when no input is shared."""

    _shown: object = None

    def show(self, pg: Playground, *, hide_gradients: bool = False) -> None:
        lines = [] if hide_gradients else wire_sums(pg)
        theme = colours(self.app)
        if (lines, theme) == self._shown:
            return
        self._shown = (lines, theme)
        self.display = bool(lines)
        if not lines:
            return
        text = Text()  # the title dim, not the sums (a Text's own style is every span's)
        text.append("gradients that add up (wire by wire: local·upstream):", style="dim")
        for sum_line in lines[:MAX_LINES]:
            text.append("\n")
            name, _, rest = sum_line.partition(": ")
            text.append(line(name), style="bold")  # an input's name from a typed formula
            text.append(": " + rest, style=theme.grad)
        if len(lines) > MAX_LINES:
            text.append(f"\n… {len(lines) - MAX_LINES} more shared inputs", style="dim")
        self.update(text)  # a re-layout only if its height changed
