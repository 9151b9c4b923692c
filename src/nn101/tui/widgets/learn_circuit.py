"""The model's circuit at the last step's point: drawn left to right, walked gate by gate.

Draws a `ModelCircuit` (state/model_circuit.py) with the circuit screen's drawing widget;
where the drawing does not fit (a net's neuron needs about 132 columns) every wire is listed
as text instead, value and gradient, so nothing is lost on a narrow terminal. Under it:
the walk's chain rule, and each drawn parameter's gradient as the circuit's share plus the
regularization pull, the sum the update used.

Text only from numbers and our own wire names; shown as rich Text, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll

from nn101.state.drawing import number
from nn101.state.notation import Naming
from nn101.tui.widgets.circuit_drawing import CircuitDrawing, Drawable
from nn101.tui.widgets.text_lines import TextLines

TABLE_NOTE = ("the parameters table's backprop column is exactly these circuit gradients; "
              "its gradient column adds the reg pull")

MID_WALK_NOTE = ("mid-walk: a parameter the walk has not reached shows 0 from the circuit; "
                 "after the last gate these are the table's backprop column")


class Line(Protocol):
    @property
    def text(self) -> str: ...


class CircuitView(Drawable, Protocol):
    """What the pane reads: the learning screen's ModelCircuit, or chapter 3's ClassCircuit
    (one neuron through softmax and the loss): what the drawing reads (`Drawable`), and
    the walk and the lines under it. `notes`, when it has them: the mid-walk and the
    after-walk notes (else the learning screen's)."""

    @property
    def walk_active(self) -> bool: ...
    @property
    def walk_complete(self) -> bool: ...
    @property
    def title(self) -> str: ...
    @property
    def naming(self) -> Naming: ...
    def walk_text(self) -> list[str]: ...
    def param_lines(self) -> Sequence[Line]: ...


class LearnCircuit(VerticalScroll):
    """Title, drawing (or its text fallback), walk and the per-parameter sums."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.drawn = False
        """The last `show` drew the circuit (False: the text fallback or nothing)."""

    def compose(self) -> ComposeResult:
        # Rewritten on every step: re-laid out only when their height changes.
        yield TextLines(id="learn-circuit-title")
        yield CircuitDrawing(id="learn-circuit-drawing")
        yield TextLines(id="learn-circuit-wires")
        yield TextLines(id="learn-circuit-walk")

    def show(self, view: CircuitView | None, width: int, height: int | None, *,
             hide_gradients: bool = False) -> bool:
        """Draw `view` in `width` x `height` cells for the drawing; answers whether it was
        drawn (False: listed as text). `hide_gradients`: a lesson asks them (`?`)."""
        title = self.query_one("#learn-circuit-title", TextLines)
        drawing = self.query_one(CircuitDrawing)
        wires = self.query_one("#learn-circuit-wires", TextLines)
        walk = self.query_one("#learn-circuit-walk", TextLines)
        if view is None:
            title.update(Text("no step yet: space steps once, then the circuit of the point "
                              "it picked is shown here"))
            drawing.clear()
            wires.display = False
            walk.update(Text(""))
            self.drawn = False
            return False
        title.update(Text(view.title, style="bold"))
        self.drawn = drawing.show(view, width, height, hide_gradients=hide_gradients)
        drawing.display = self.drawn
        wires.display = not self.drawn
        if not self.drawn:
            wires.update(_wire_list(view, hide_gradients))
        if hide_gradients:
            walk.update(Text("gradients hidden until the question is answered", style="dim"))
            return self.drawn
        text = Text()
        for i, line in enumerate(view.walk_text()):
            text.append(("\n" if i else "") + line, style="bold" if i == 0 else "")
        for p in view.param_lines():
            text.append("\n" + p.text)
        mid_walk = view.walk_active and not view.walk_complete
        notes = getattr(view, "notes", (MID_WALK_NOTE, TABLE_NOTE))
        text.append("\n" + (notes[0] if mid_walk else notes[1]), style="dim")
        walk.update(text)
        return self.drawn


def _wire_list(view: CircuitView, hide_gradients: bool = False) -> Text:
    """Every wire as `name  value  g gradient`, inputs first then each gate's output with
    what it is (`axpby = ax + by`): the names the walk below uses."""
    text = Text("too narrow to draw: each wire's value and gradient\n", style="dim")
    naming = view.naming
    units = [*view.circuit.inputs.values(), *(g.out for g in view.circuit.gates)]
    for i, unit in enumerate(units):
        grad = number(unit.grad) if view.gradients_known and not hide_gradients else "?"
        text.append(("\n" if i else "") + f"{naming(unit):>6} ")
        text.append(f"{number(unit.value):>9}", style="bold")
        text.append(f"  g{grad}")
        if unit.gate is not None:  # the key to the name: `axpby = ax + by`
            text.append("  " + naming.defined(unit), style="dim")
    return text
