"""The wire of a circuit, as the guide names it."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from nn101.engine.numerics import power as _power
from nn101.engine.numerics import sigmoid as _sigmoid

if TYPE_CHECKING:
    from nn101.engine.gates import Gate


class Unit:
    """A wire: `value` flows forward, `grad` flows backward.

    `gate` is the gate whose output this wire is (None for inputs and constants); the
    circuit follows it to find its gates without asking the caller for a list.
    """

    __slots__ = ("gate", "grad", "label", "value")

    def __init__(self, value: float, grad: float = 0.0, label: str = "") -> None:
        self.value = float(value)
        self.grad = float(grad)
        self.label = label
        self.gate: Gate | None = None

    def __repr__(self) -> str:
        name = f"{self.label}, " if self.label else ""
        return f"Unit({name}value={self.value:.6g}, grad={self.grad:.6g})"

    def _repr_mimebundle_(self, include: object = None, exclude: object = None
                          ) -> dict[str, str]:
        """In a notebook: the graph that computes this wire, drawn (see Circuit's)."""
        return _display.mimebundle(self)

    def backward(self, grad: float = 1.0) -> None:
        """Backprop from this wire, as micrograd's `loss.backward()`: every wire it depends
        on gets its gradient in `.grad`.

        Grads are zeroed first (calling it twice gives the same answer) and this wire's is
        set to `grad` (1 for d(this)/d(each wire); the guide's pull otherwise). The gates
        are ordered and run back as `Circuit.backward` does them, to the same bits, with
        no circuit to build (`backprop.py`). A wire no gate made (an input) just gets
        `grad`.
        """
        _backward(self, grad)

    # --- operators: `a * b + c` wires the guide's gates, as micrograd's Value does ---------
    # Each one wires the guide's gate (its names in every pane and table are the guide's):
    # `SomeGate().forward(...)`, or for the gates a network is made of (*, +, ** number,
    # sigmoid, relu) the same lines written out here, without forward's checks and calls:
    # two units are known to be two. tests/engine/test_perf_equivalence.py checks them against
    # `forward` bit for bit. A number becomes a constant wire named by its value, as in a
    # parsed formula.

    def __add__(self, other: Unit | float) -> Unit:
        if type(other) is not Unit:
            other = _wire(other)
        gate = _gates.AddGate()
        gate.a = self
        gate.b = other
        gate.inputs = (self, other)
        out = _blank(Unit)
        out.value = self.value + other.value
        out.grad = 0.0
        out.label = ""
        out.gate = gate
        gate.out = out
        return out

    def __radd__(self, other: float) -> Unit:
        return _wire(other) + self

    def __mul__(self, other: Unit | float) -> Unit:
        if type(other) is not Unit:
            other = _wire(other)
        gate = _gates.MultiplyGate()
        gate.a = self
        gate.b = other
        gate.inputs = (self, other)
        out = _blank(Unit)
        out.value = self.value * other.value
        out.grad = 0.0
        out.label = ""
        out.gate = gate
        gate.out = out
        return out

    def __rmul__(self, other: float) -> Unit:
        return _wire(other) * self

    def __sub__(self, other: Unit | float) -> Unit:
        return _gates.SubtractGate().forward(self, other if type(other) is Unit else _wire(other))

    def __rsub__(self, other: float) -> Unit:
        return _gates.SubtractGate().forward(_wire(other), self)

    def __truediv__(self, other: Unit | float) -> Unit:
        return _gates.DivideGate().forward(self, other if type(other) is Unit else _wire(other))

    def __rtruediv__(self, other: float) -> Unit:
        return _gates.DivideGate().forward(_wire(other), self)

    def __neg__(self) -> Unit:
        return _gates.NegateGate().forward(self)

    def __pow__(self, other: Unit | float) -> Unit:
        """A number exponent is the power gate x**p; a wire is a ** b (base > 0)."""
        if isinstance(other, Unit):
            return _gates.PowerGate().forward(self, other)
        gate = _blank(_gates.PowGate)  # PowGate(other), its __init__ inline
        gate.exponent = p = float(other)
        gate.inputs = (self,)
        gate.x = self
        out = _blank(Unit)
        out.value = _power(self.value, p)
        out.grad = 0.0
        out.label = ""
        out.gate = gate
        gate.out = out
        return out

    def sigmoid(self) -> Unit:
        gate = _gates.SigmoidGate()
        gate.inputs = (self,)
        gate.x = self
        out = _blank(Unit)
        out.value = _sigmoid(self.value)
        out.grad = 0.0
        out.label = ""
        out.gate = gate
        gate.out = out
        return out

    def relu(self) -> Unit:
        gate = _gates.ReluGate()
        gate.inputs = (self,)
        gate.x = self
        x = self.value
        out = _blank(Unit)
        out.value = x if x > 0.0 else 0.0
        out.grad = 0.0
        out.label = ""
        out.gate = gate
        gate.out = out
        return out

    def tanh(self) -> Unit:
        return _gates.TanhGate().forward(self)

    def exp(self) -> Unit:
        return _gates.ExpGate().forward(self)

    def log(self) -> Unit:
        return _gates.LogGate().forward(self)


def _wire(other: Unit | float) -> Unit:
    """A wire as it is, a number as a constant wire (refused if it is not a number)."""
    if isinstance(other, Unit):
        return other
    if isinstance(other, bool) or not isinstance(other, (int, float)):
        raise TypeError(f"a gate's input must be a Unit or a number, got {other!r}")
    return Unit(other, label=f"{float(other):g}")


_blank = object.__new__


def new_wire(gate: Gate) -> Unit:
    """A gate's output wire, nan until computed: what `Unit(nan)` gives, without the call
    to `__init__` and its conversions (a gate's output is made once per gate per build)."""
    out: Unit = _blank(Unit)
    out.value = math.nan
    out.grad = 0.0
    out.label = ""
    out.gate = gate
    return out


def _backward_once_imported(output: Unit, grad: float) -> None:
    """`Unit.backward`'s first call: backprop.py needs the gate classes, which need this
    module, so it is imported here, once, and then called directly."""
    global _backward
    from nn101.engine.backprop import backward

    _backward = backward
    backward(output, grad)


_backward: Callable[[Unit, float], object] = _backward_once_imported


# Last: gates.py imports this module for Unit; the operators look gates up when called.
from nn101.engine import display as _display  # noqa: E402
from nn101.engine import gates as _gates  # noqa: E402
