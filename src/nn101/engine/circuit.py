"""A circuit: gates in topological order, run forward and backward many times.

The order is found once, when first needed, by following each wire back to the gate that
produced it (`backprop.order`: a chain of 100,000 gates has no recursion to overflow).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from nn101.engine import backprop, display, passes, straight
from nn101.engine.collector import paused
from nn101.engine.errors import InputError
from nn101.engine.gates import DivideGate, Gate, ReciprocalGate
from nn101.engine.numerics import is_finite
from nn101.engine.unit import Unit


@dataclass(frozen=True)
class Contribution:
    """What one gate's backward added to one of its input wires."""

    wire: str
    local_gradient: float
    added: float
    """local_gradient x upstream: this wire's own share, whatever else feeds the same unit."""
    grad_after: float
    slot: int = 0
    """Which input of the gate this wire is (0 the first): `a*a` has two wires into one unit."""
    upstream: float = 0.0
    """The gate output's grad when the gate ran backward (the guide's dx)."""
    unit: Unit | None = field(default=None, compare=False, repr=False)
    """The unit the wire comes from (an input, a constant or another gate's output)."""


@dataclass(frozen=True)
class BackwardStep:
    """One gate's turn in the backward walk, for the app to show gate by gate."""

    index: int
    """Position of the gate in topological order (the walk counts down)."""
    gate: Gate
    out_grad: float
    contributions: tuple[Contribution, ...]


def check_out_grad(out_grad: float) -> None:
    """The output's grad must be a finite number (InputError otherwise)."""
    if isinstance(out_grad, bool) or not isinstance(out_grad, (int, float)) \
            or not is_finite(float(out_grad)):
        raise InputError(f"the output's gradient must be a finite number, got {out_grad!r}")


def topological_order(output: Unit) -> list[Gate]:
    """Every gate the output depends on, each after the gates that feed it (no recursion
    limit: a deep graph is walked with a stack)."""
    return backprop.order(output)


_COLLECTOR_PAUSED = paused()

STRAIGHT_AFTER = 2
"""Passes (forward or backward) a circuit runs on the loops before a small one is given
straight-line code (`straight.py`): one built for a single pass never pays to compile."""


class Circuit:
    """Named inputs, the gates between them and one output wire.

    Inputs are the wires a method may change; any other leaf (a constant in an
    expression) keeps its value.
    """

    def __init__(
        self, inputs: Mapping[str, Unit] | Iterable[Unit], output: Unit, expression: str = ""
    ) -> None:
        self.expression = expression
        """The circuit as a formula, for people (e.g. "(x + y) * z")."""
        named = (dict(inputs) if isinstance(inputs, (dict, Mapping))
                 else {u.label: u for u in inputs})
        for name, unit in named.items():
            if not unit.label:
                unit.label = name
        self.inputs: dict[str, Unit] = named
        self.output = output
        self._gates: list[Gate] | None = None
        self._op_list: list[passes.Op] | None = None
        self._wires: list[Unit] | None = None
        self._divisors: list[Unit] | None = None
        self._runs = 0
        self._straight: straight.Passes | None = None

    @property
    def gates(self) -> list[Gate]:
        """The gates in topological order (`topological_order`).

        Found when first asked, or by the first `backward()`, whichever comes first: a
        circuit built for one backward pass (define by run) walks its graph once."""
        if self._gates is None:
            self._gates = backprop.order(self.output)
        return self._gates

    @property
    def _ops(self) -> list[passes.Op]:
        """The gates as the loops' ops (passes.py), made for the first forward pass."""
        if self._op_list is None:
            with _COLLECTOR_PAUSED:  # an op per gate, all kept: collector.py
                self._op_list = passes.compile_ops(self.gates)
        return self._op_list

    @property
    def wires(self) -> list[Unit]:
        """Every wire once: inputs, constants and gate outputs, inputs before outputs.

        Listed when first asked (a circuit built for one pass never needs the list: its
        first backward zeroes the wires through its ops)."""
        if self._wires is None:
            wires: dict[Unit, None] = dict.fromkeys(self.inputs.values())  # by identity
            for gate in self.gates:
                for u in gate.inputs:
                    wires[u] = None  # a wire seen before keeps its first place
                wires[gate.out] = None
            wires[self.output] = None
            self._wires = list(wires)
        return self._wires

    @property
    def divisors(self) -> list[Unit]:
        """The wires some gate divides by: a step that takes one across 0 jumps a pole."""
        if self._divisors is None:
            self._divisors = [
                g.x if isinstance(g, ReciprocalGate) else g.b
                for g in self.gates
                if isinstance(g, (ReciprocalGate, DivideGate))
            ]
        return self._divisors

    # --- forward ---------------------------------------------------------------------

    def forward(self) -> float:
        """Re-run every gate from the inputs' current values; return the output's value."""
        if self._straight is not None:
            return self._straight[0]()
        self._runs += 1
        if self._runs > STRAIGHT_AFTER:
            self._straighten()
        passes.forward(self._ops)
        return self.output.value

    def _straighten(self) -> None:
        """A small circuit run a third time gets straight-line passes (straight.py)."""
        if len(self._ops) <= straight.MAX_GATES:
            self._straight = straight.compile_passes(self._ops, self.wires, self.inputs,
                                                     self.output)

    def set_inputs(self, values: Mapping[str, float]) -> None:
        """Set some inputs by name; refuses unknown names and non-finite values."""
        for name, value in values.items():
            if name not in self.inputs:
                known = ", ".join(self.inputs) or "none"
                raise InputError(f"unknown input {name!r} (inputs: {known})")
            if not isinstance(value, (int, float)) or not is_finite(float(value)):
                raise InputError(f"input {name} must be a finite number, got {value!r}")
        for name, value in values.items():
            self.inputs[name].value = float(value)

    def evaluate(self, values: Mapping[str, float]) -> float:
        """The output at `values` (a full forward pass); the inputs keep `values`."""
        for name, value in values.items():
            self.inputs[name].value = value
        return self.forward()

    def input_values(self) -> dict[str, float]:
        return {name: u.value for name, u in self.inputs.items()}

    # --- backward --------------------------------------------------------------------

    def zero_grad(self) -> None:
        for wire in self.wires:
            wire.grad = 0.0

    def backward(self, grad: float = 1.0, *, accumulate: bool = False) -> dict[str, float]:
        """Backprop from the output's gradient `grad` (the guide's pull; 1 for df/dx).

        Grads are zeroed first, so calling it twice gives the same answer. With
        `accumulate`, the inputs' grads are not zeroed (the gate outputs are, as a fresh
        forward pass would make them): each gate adds into its inputs' grads, so a second
        call adds the same gradients again and they double. That is what forgetting to
        reset the gradients between steps does.
        """
        if accumulate:  # the slow road, rarely taken: a lesson's point, not a hot path
            for wire in self.wires:
                if wire.gate is not None:
                    wire.grad = 0.0
            self.output.grad = grad
            passes.backward(self._ops)
            return self.gradients()
        if self._straight is not None:
            return self._straight[1](grad)
        if self._gates is None:  # a fresh circuit: one walk orders, zeroes and runs back
            self._runs += 1
            for wire in self.inputs.values():
                wire.grad = 0.0  # an input no gate reads is not reached by the walk
            self._gates = list(backprop.backward(self.output, grad))
            return self.gradients()
        self._runs += 1
        if self._runs > STRAIGHT_AFTER:
            self._straighten()
        if self._runs > 1:
            for wire in self.wires:
                wire.grad = 0.0
        else:  # the first pass: no wire list to make (see `wires`)
            for wire in self.inputs.values():
                wire.grad = 0.0
            passes.zero(self._ops)
        self.output.grad = grad
        passes.backward(self._ops)
        return self.gradients()

    def gradients(self) -> dict[str, float]:
        return {name: u.grad for name, u in self.inputs.items()}

    def backward_steps(self, out_grad: float = 1.0) -> Iterator[BackwardStep]:
        """The backward pass one gate at a time, from the output back to the inputs.

        Grads are zeroed and the output's set to `out_grad` (1 unless given) when the walk
        starts; after the last step every wire holds the same grad as after `backward()`.
        """
        check_out_grad(out_grad)
        self.zero_grad()
        self.output.grad = float(out_grad)
        for index in range(len(self.gates) - 1, -1, -1):
            gate = self.gates[index]
            g = gate.out.grad
            locals_ = gate.local_gradients()
            gate.backward()
            contributions = tuple(
                Contribution(u.label, local, local * g, u.grad, slot, g, u)
                for slot, (u, local) in enumerate(zip(gate.inputs, locals_, strict=True))
            )
            yield BackwardStep(index, gate, g, contributions)

    def __len__(self) -> int:
        return len(self.gates)

    def _repr_mimebundle_(self, include: object = None, exclude: object = None
                          ) -> dict[str, str]:
        """In a notebook: the app's drawing as SVG, its text as the fallback."""
        return display.mimebundle(self)
