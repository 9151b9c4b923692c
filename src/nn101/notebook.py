"""The engine in a notebook: circuits that draw themselves, and a playground to step.

In Jupyter (or anything that speaks IPython's display protocol) a `Circuit` or a `Unit`
left as a cell's last line shows the app's drawing as SVG (`nn101.state.svg`): left to
right, every wire's name, value and gradient, a shared input drawn once. Nothing to
install: no graphviz, no `dot` binary, no widget library; where SVG cannot be shown the
same drawing comes as text. The engine's objects ask this module for it when a notebook
displays them (`nn101.engine.display`), so importing the engine still loads nothing but
the standard library.

- `draw(thing, palette="colour-blind")`: a drawing to display with another palette
  (`use_palette` changes the default for every later display).
- `Stepper("neuron")`: the app's playground (`nn101.state.playground.Playground`) to step
  from cells: `step()`, `walk()` (one gate of the backward pass), `forward()`, `reset()`;
  it displays as the drawing of its current state (the walked gate lit).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nn101.engine.circuit import Circuit, topological_order
from nn101.engine.gates import Gate
from nn101.engine.methods import Settings, StepRecord
from nn101.engine.unit import Unit
from nn101.state import notation
from nn101.state.controls import METHOD
from nn101.state.drawing import ROOMY, layout_of
from nn101.state.playground import Playground
from nn101.state.svg import PALETTES, circuit_svg

__all__ = ["Drawing", "Stepper", "circuit_of", "draw", "mimebundle", "use_palette"]

_palette = "default"
TEXT_GATES = 40
"""Gates listed by the text of a circuit too big to draw (the rest are counted)."""


def use_palette(name: str) -> None:
    """The palette of every later display: "default" or "colour-blind"."""
    global _palette
    if name not in PALETTES:
        raise ValueError(f"unknown palette {name!r} (palettes: {', '.join(PALETTES)})")
    _palette = name


def circuit_of(unit: Unit) -> Circuit:
    """The circuit that computes `unit`: its labelled leaves are the inputs (a leaf named
    by its own value, as `a * 2` makes it, or unnamed, is a constant)."""
    inputs: dict[str, Unit] = {}
    for gate in topological_order(unit):
        for wire in gate.inputs:
            if wire.gate is None and _is_input(wire):
                inputs.setdefault(wire.label, wire)
    if unit.gate is None and _is_input(unit):
        inputs.setdefault(unit.label, unit)
    return Circuit(inputs, unit)


def _is_input(unit: Unit) -> bool:
    return bool(unit.label) and unit.label != f"{unit.value:g}"


class Drawing:
    """A circuit's drawing as a notebook shows it (SVG, with the text as a fallback)."""

    def __init__(self, circuit: Circuit, *, gradients_known: bool = True,
                 walk_gate: Gate | None = None, palette: str | None = None,
                 naming: notation.Naming | None = None) -> None:
        self.circuit = circuit
        self.gradients_known = gradients_known
        self.walk_gate = walk_gate
        self.palette = palette or _palette
        if self.palette not in PALETTES:
            raise ValueError(f"unknown palette {self.palette!r} (palettes: {', '.join(PALETTES)})")
        self.naming = naming

    @property
    def svg(self) -> str | None:
        """The SVG text; None for a circuit too big to lay out (the text then stands in)."""
        return circuit_svg(self.circuit, gradients_known=self.gradients_known,
                           walk_gate=self.walk_gate, palette=self.palette, naming=self.naming)

    @property
    def text(self) -> str:
        """The terminal's drawing, or for a big circuit one line per gate."""
        layout = layout_of(self.circuit, ROOMY)
        if layout is not None:
            drawing = layout.render(self.gradients_known, self.walk_gate)
            return "\n".join(line.rstrip() for line in drawing.lines())
        gates = self.circuit.gates
        names = self.naming or notation.Naming(self.circuit)
        lines = [f"{len(gates)} gates, too many to draw" + (":" if gates else "")]
        lines.extend(f"{names(g.out)} = {notation.forward_formula(g, names)} = "
                     f"{notation.number(g.out.value)}" for g in gates[:TEXT_GATES])
        if len(gates) > TEXT_GATES:
            lines.append(f"... and {len(gates) - TEXT_GATES:,} more")
        return "\n".join(lines)

    def _repr_svg_(self) -> str | None:
        return self.svg

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        bundle = {"text/plain": self.text}
        svg = self.svg
        if svg is not None:
            bundle["image/svg+xml"] = svg
        return bundle

    def __repr__(self) -> str:
        return self.text


def draw(thing: Circuit | Unit, palette: str | None = None) -> Drawing:
    """A circuit, or the graph behind a unit, as a displayable drawing."""
    circuit = thing if isinstance(thing, Circuit) else circuit_of(thing)
    return Drawing(circuit, palette=palette)


def mimebundle(thing: Circuit | Unit) -> dict[str, str]:
    """What the engine's `_repr_mimebundle_` answers: see nn101.engine.display."""
    return draw(thing)._repr_mimebundle_()


class Stepper:
    """The app's playground in a notebook: the same scenarios, methods and backward walk.

    `Stepper("neuron")`, `Stepper(expression="(x + y) * z")`; `settings` is the
    playground's (`stepper.settings.step_size = 0.01`); every action returns what it did
    and the stepper itself displays as the drawing of where it is now.
    """

    def __init__(self, scenario: str | None = "single-gate", *, expression: str | None = None,
                 palette: str | None = None) -> None:
        self.playground = Playground(scenario if expression is None else None,
                                     expression=expression)
        self.palette = palette

    @property
    def circuit(self) -> Circuit:
        return self.playground.circuit

    @property
    def settings(self) -> Settings:
        return self.playground.settings

    @property
    def output(self) -> float:
        return self.playground.output

    def inputs(self) -> dict[str, float]:
        return self.playground.inputs()

    def gradients(self) -> dict[str, float] | None:
        return self.playground.gradients()

    def set_inputs(self, values: Mapping[str, float]) -> None:
        """Start again from these input values, each read as typing it in the app is (a
        refused one raises InputError with the app's message; the others are kept)."""
        for name, value in values.items():
            self.playground.set_input(name, str(value))

    def use(self, method: str) -> None:
        """"random", "numerical" or "analytic", for the next steps (refused with the
        app's message otherwise)."""
        self.playground.edit(METHOD, method)

    def step(self, count: int = 1) -> list[StepRecord]:
        """`count` steps of the current method (the output goes up)."""
        return self.playground.step(count)

    def forward(self) -> float:
        """A bare forward pass: the values, gradients unknown until a backward pass."""
        return self.playground.forward()

    def walk(self) -> str | None:
        """One gate of the backward pass, output side first: the chain rule it applied, as
        the app's walk writes it; None when the walk is complete."""
        taken = self.playground.walk_step()
        if taken is None:
            return None
        terms = self.playground.chain_rule()
        return "\n".join(term.text for term in terms) if terms else ""

    def reset(self) -> None:
        """Back to the scenario's start values and settings."""
        self.playground.reset()

    def drawing(self) -> Drawing:
        p = self.playground
        return Drawing(p.circuit, gradients_known=p.gradients_known, walk_gate=p.walk_gate,
                       palette=self.palette, naming=p.naming)

    def _repr_svg_(self) -> str | None:
        return self.drawing().svg

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        return self.drawing()._repr_mimebundle_()

    def __repr__(self) -> str:
        return self.drawing().text
