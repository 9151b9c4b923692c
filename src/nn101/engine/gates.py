"""The gates of the guide and a few more, each one's forward and local gradient side by side.

A gate is wired once by `forward(*units)` (as in the guide) and can then be re-run with
`rerun()` after its inputs change, so a circuit is built once and stepped many times.
`compute` is the forward formula and `local_gradients` the backward one: `backward()` adds
local gradient x output gradient into each input's grad. It accumulates, so a wire used
twice (a*a) collects both contributions (2a).

These two methods are the whole definition of a gate. The circuit's loops run the hot
gates (multiply, add, sigmoid, relu, max) through unrolled copies of the same formulas in
`passes.py`, checked bit for bit against these; how a gate reads as text is in
`nn101.state.formulas`.
"""

from __future__ import annotations

import math
from typing import ClassVar

from nn101.engine import numerics
from nn101.engine.errors import DomainError
from nn101.engine.unit import Unit, new_wire

_blank = object.__new__


class Gate:
    """A node of the circuit: `compute` is the forward, `local_gradients` the backward."""

    __slots__ = ("inputs", "out")

    symbol: ClassVar[str] = "?"
    name: ClassVar[str] = "gate"
    arity: ClassVar[int] = 0
    local_formulas: ClassVar[tuple[str, ...]] = ()
    """Each input's local gradient as the guide writes it, a template over the wires' names:
    {a} {b} (two inputs), {x} (one input), {out} (the output), {p} {p1} (a constant
    exponent and exponent - 1). The headless layer fills it in (nn101.state.notation)."""

    inputs: tuple[Unit, ...]
    out: Unit

    def forward(self, *units: Unit) -> Unit:
        """Wire the gate to `units`, compute its output and return it as a new Unit."""
        out = self.connect(*units)
        self.rerun()
        return out

    def connect(self, *units: Unit) -> Unit:
        """Wire the gate to `units` without computing (the output reads nan until rerun).

        A parser wires a whole formula before its inputs have their values, when a gate
        such as log(x - 1) may not yet be computable.
        """
        if len(units) != self.arity:
            raise TypeError(f"{self.name} gate takes {self.arity} input(s), got {len(units)}")
        self.inputs = units
        self.out = new_wire(self)
        return self.out

    def rerun(self) -> None:
        """Recompute the output in place from the inputs' current values."""
        self.out.value = self.compute(*(u.value for u in self.inputs))

    def backward(self) -> None:
        """Chain rule: add local gradient x the output's grad into every input's grad."""
        g = self.out.grad
        for unit, local in zip(self.inputs, self.local_gradients(), strict=True):
            unit.grad += local * g

    def compute(self, *values: float) -> float:
        raise TypeError(f"{type(self).__name__} does not define compute")

    def local_gradients(self) -> tuple[float, ...]:
        raise TypeError(f"{type(self).__name__} does not define local_gradients")


class BinaryGate(Gate):
    """Two inputs, kept as attributes `a` and `b` (the guide's names)."""

    __slots__ = ("a", "b")

    arity = 2
    a: Unit
    b: Unit

    def connect(self, *units: Unit) -> Unit:
        out = super().connect(*units)
        self.a, self.b = units
        return out

    def forward(self, *units: Unit) -> Unit:
        """`connect` then `rerun` in one call: a graph built anew every pass (define by
        run, as micrograd and PyTorch do) spends most of its time here."""
        if len(units) != 2:
            raise TypeError(f"{self.name} gate takes 2 input(s), got {len(units)}")
        a, b = self.a, self.b = self.inputs = units
        out = self.out = _blank(Unit)  # new_wire(self), inline
        out.value, out.grad, out.label, out.gate = math.nan, 0.0, "", self
        out.value = self.compute(a.value, b.value)
        return out

    def rerun(self) -> None:
        self.out.value = self.compute(self.a.value, self.b.value)

    def backward(self) -> None:
        da, db = self.local_gradients()
        g = self.out.grad
        self.a.grad += da * g
        self.b.grad += db * g


class UnaryGate(Gate):
    """One input, kept as attribute `x`."""

    __slots__ = ("x",)

    arity = 1
    x: Unit

    def connect(self, *units: Unit) -> Unit:
        out = super().connect(*units)
        (self.x,) = units
        return out

    def forward(self, *units: Unit) -> Unit:
        """`connect` then `rerun` in one call (see BinaryGate.forward)."""
        if len(units) != 1:
            raise TypeError(f"{self.name} gate takes 1 input(s), got {len(units)}")
        (x,) = self.inputs = units
        self.x = x
        out = self.out = _blank(Unit)  # new_wire(self), inline
        out.value, out.grad, out.label, out.gate = math.nan, 0.0, "", self
        out.value = self.compute(x.value)
        return out

    def rerun(self) -> None:
        self.out.value = self.compute(self.x.value)

    def backward(self) -> None:
        (dx,) = self.local_gradients()
        self.x.grad += dx * self.out.grad


# --- the guide's three gates -------------------------------------------------------------


class MultiplyGate(BinaryGate):
    __slots__ = ()

    symbol = "*"
    name = "multiply"
    local_formulas = ("{b}", "{a}")

    def compute(self, a: float, b: float) -> float:  # type: ignore[override]
        return a * b

    def local_gradients(self) -> tuple[float, float]:
        return self.b.value, self.a.value  # d(ab)/da = b, d(ab)/db = a


class AddGate(BinaryGate):
    __slots__ = ()

    symbol = "+"
    name = "add"
    local_formulas = ("1.0", "1.0")

    def compute(self, a: float, b: float) -> float:  # type: ignore[override]
        return a + b

    def local_gradients(self) -> tuple[float, float]:
        return 1.0, 1.0


class SigmoidGate(UnaryGate):
    __slots__ = ()

    symbol = "sig"
    name = "sigmoid"
    local_formulas = ("{out} * (1 - {out})",)

    def compute(self, x: float) -> float:  # type: ignore[override]
        return numerics.sigmoid(x)

    def local_gradients(self) -> tuple[float]:
        s = self.out.value
        return (s * (1.0 - s),)  # sig'(x) = sig(x) (1 - sig(x))


# --- more arithmetic ---------------------------------------------------------------------


class SubtractGate(BinaryGate):
    __slots__ = ()

    symbol = "-"
    name = "subtract"
    local_formulas = ("1.0", "-1.0")

    def compute(self, a: float, b: float) -> float:  # type: ignore[override]
        return a - b

    def local_gradients(self) -> tuple[float, float]:
        return 1.0, -1.0


class NegateGate(UnaryGate):
    __slots__ = ()

    symbol = "-"
    name = "negate"
    local_formulas = ("-1.0",)

    def compute(self, x: float) -> float:  # type: ignore[override]
        return -x

    def local_gradients(self) -> tuple[float]:
        return (-1.0,)


class ReciprocalGate(UnaryGate):
    """1/x: the guide writes division a/b as a * (1/b)."""

    __slots__ = ()

    symbol = "1/"
    name = "reciprocal"
    local_formulas = ("-1.0 / {x}**2",)

    def compute(self, x: float) -> float:  # type: ignore[override]
        if x == 0.0:
            raise DomainError("division by zero: a divisor reached 0")
        return 1.0 / x

    def local_gradients(self) -> tuple[float]:
        x = self.x.value
        return (-1.0 / (x * x) if x * x != 0.0 else -math.inf,)  # d(1/x)/dx = -1/x**2


class DivideGate(BinaryGate):
    __slots__ = ()

    symbol = "/"
    name = "divide"
    local_formulas = ("1.0 / {b}", "-{a} / {b}**2")

    def compute(self, a: float, b: float) -> float:  # type: ignore[override]
        if b == 0.0:
            raise DomainError("division by zero: the divisor is 0")
        return a / b

    def local_gradients(self) -> tuple[float, float]:
        a, b = self.a.value, self.b.value
        # d(a/b)/da = 1/b, d(a/b)/db = -a/b**2, divided twice: b * b underflows to 0 (and
        # -a / 0 raises ZeroDivisionError) once |b| < 1e-162, where a / b / b is +-inf.
        return 1.0 / b, -(a / b) / b


class PowGate(UnaryGate):
    """x ** p for a constant exponent p, as in the guide's x2 * x2 = x2**2."""

    __slots__ = ("exponent",)

    symbol = "**"
    name = "power"
    local_formulas = ("{p} * {x}**{p1}",)

    def __init__(self, exponent: float) -> None:
        self.exponent = float(exponent)

    def compute(self, x: float) -> float:  # type: ignore[override]
        return numerics.power(x, self.exponent)

    def local_gradients(self) -> tuple[float]:
        p = self.exponent
        if p == 0.0:
            return (0.0,)
        x = self.x.value
        try:
            return (p * numerics.power(x, p - 1.0),)  # d(x**p)/dx = p x**(p-1)
        except DomainError:
            return (math.inf,)  # 0 ** negative: the slope is infinite at 0


class PowerGate(BinaryGate):
    """a ** b with a variable exponent: needs a > 0, where d/db = a**b ln a is defined."""

    __slots__ = ()

    symbol = "**"
    name = "power"
    local_formulas = ("{b} * {a}**({b} - 1)", "{out} * log({a})")

    def compute(self, a: float, b: float) -> float:  # type: ignore[override]
        if a <= 0.0:
            raise DomainError(f"a ** b with a variable exponent needs a positive base, got {a:g}")
        return numerics.power(a, b)

    def local_gradients(self) -> tuple[float, float]:
        a, b, out = self.a.value, self.b.value, self.out.value
        return b * numerics.power(a, b - 1.0), out * math.log(a)


class ExpGate(UnaryGate):
    __slots__ = ()

    symbol = "exp"
    name = "exp"
    local_formulas = ("{out}",)

    def compute(self, x: float) -> float:  # type: ignore[override]
        return numerics.exp(x)

    def local_gradients(self) -> tuple[float]:
        return (self.out.value,)  # d(e^x)/dx = e^x


class LogGate(UnaryGate):
    __slots__ = ()

    symbol = "log"
    name = "log"
    local_formulas = ("1.0 / {x}",)

    def compute(self, x: float) -> float:  # type: ignore[override]
        if x <= 0.0:
            raise DomainError(f"log of a non-positive number ({x:g})")
        return math.log(x)

    def local_gradients(self) -> tuple[float]:
        return (1.0 / self.x.value,)  # d(ln x)/dx = 1/x


class TanhGate(UnaryGate):
    __slots__ = ()

    symbol = "tanh"
    name = "tanh"
    local_formulas = ("1 - {out}**2",)

    def compute(self, x: float) -> float:  # type: ignore[override]
        return math.tanh(x)

    def local_gradients(self) -> tuple[float]:
        t = self.out.value
        return (1.0 - t * t,)  # d(tanh x)/dx = 1 - tanh(x)**2


class ReluGate(UnaryGate):
    __slots__ = ()

    symbol = "relu"
    name = "relu"
    local_formulas = ("1 if {x} > 0 else 0",)

    def compute(self, x: float) -> float:  # type: ignore[override]
        return x if x > 0.0 else 0.0

    def local_gradients(self) -> tuple[float]:
        return (1.0 if self.x.value > 0.0 else 0.0,)  # the gradient passes only where x > 0


class MaxGate(BinaryGate):
    __slots__ = ()

    symbol = "max"
    name = "max"
    local_formulas = ("1 if {a} >= {b} else 0", "1 if {a} < {b} else 0")

    def compute(self, a: float, b: float) -> float:  # type: ignore[override]
        return a if a >= b else b

    def local_gradients(self) -> tuple[float, float]:
        return (1.0, 0.0) if self.a.value >= self.b.value else (0.0, 1.0)  # routes to the winner


FUNCTIONS: dict[str, type[UnaryGate]] = {
    "sigmoid": SigmoidGate,
    "sig": SigmoidGate,
    "exp": ExpGate,
    "log": LogGate,
    "tanh": TanhGate,
    "relu": ReluGate,
}
"""Functions of one argument that expressions may call, by name."""
