"""The gates of the guide and a few more, each one's forward and local gradient side by side.

A gate is wired once by `forward(*units)` (as in the guide) and can then be re-run with
`rerun()` after its inputs change, so a circuit is built once and stepped many times.
`backward()` adds local gradient x output gradient into each input's grad: it accumulates,
so a wire used twice (a*a) collects both contributions (2a).

Speed: the circuit calls `rerun()` and `backward()` once per gate per pass. The gates a
network is made of (multiply, add, sigmoid, relu, max) restate their two formulas in those
two methods (marked `@unrolled`, just below `compute` and `local_gradients`), so a pass
makes one call and no tuple per gate: about 1.5x faster. The formulas keep the last word:
a subclass that overrides `compute` or `local_gradients` gets the generic `rerun` or
`backward` back, and tests/engine/test_perf_equivalence.py checks that every gate's
`rerun`/`backward` give exactly what its `compute`/`local_gradients` say.
Gates have `__slots__`: smaller, and quicker to reach, in circuits of 100,000 gates.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import ClassVar, TypeVar

from nn101.engine import numerics
from nn101.engine.errors import DomainError
from nn101.engine.unit import Unit

_Method = TypeVar("_Method", bound=Callable[..., None])
_UNROLLED: set[object] = set()
_FORMULA_OF = {"rerun": "compute", "backward": "local_gradients"}


def unrolled(method: _Method) -> _Method:
    """Mark a gate's `rerun` or `backward` that restates its own class's formula inline."""
    _UNROLLED.add(method)
    return method


def name_of(unit: Unit) -> str:
    """A wire's label, or its value for an unlabelled constant."""
    return unit.label or f"{unit.value:g}"


def looseness(text: str) -> int:
    """How loosely a formula's outermost operator binds: 0 a name, number or call;
    1 a power; 2 a product, quotient or leading minus; 3 a sum or difference."""
    depth, level, previous = 0, 0, ""
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0 and ch != " ":
            if ch in "+-" and previous not in ("", "(", "*", "/", "+", "-", "e"):
                level = 3
            elif ch in "+-":
                level = max(level, 2)
            elif text.startswith("**", i):
                level = max(level, 1)
                i += 1
            elif ch in "*/":
                level = max(level, 2)
        if ch != " ":
            previous = ch
        i += 1
    return level


def operand(unit: Unit, loosest: int = 0) -> str:
    """The wire's name as an operand: bracketed when its own outermost operator binds
    more loosely than `loosest` allows, so a gate fed by `c + d` reads `1/(c + d)`."""
    name = name_of(unit)
    return f"({name})" if looseness(name) > loosest else name


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

    def __init_subclass__(cls, **kwargs: object) -> None:
        """A subclass that changes a formula must not inherit its parent's unrolled copy of it.

        E.g. a gate deriving from MultiplyGate with its own `local_gradients` gets the
        generic `backward`, which calls that `local_gradients`.
        """
        super().__init_subclass__(**kwargs)
        for fast, formula in _FORMULA_OF.items():
            if formula in vars(cls) and fast not in vars(cls) and getattr(cls, fast) in _UNROLLED:
                generic = next(
                    vars(base)[fast]
                    for base in cls.__mro__
                    if fast in vars(base) and vars(base)[fast] not in _UNROLLED
                )
                setattr(cls, fast, generic)

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
        self.out = Unit(math.nan)
        self.out.gate = self
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

    def formula(self) -> str:
        """How the gate reads in the guide's notation, from its wires' labels."""
        if self.arity == 2:
            left, right = {"+": (3, 3), "-": (3, 2), "*": (2, 2), "/": (2, 1),
                           "**": (0, 0)}.get(self.symbol, (0, 0))
            return (f"{operand(self.inputs[0], left)} {self.symbol} "
                    f"{operand(self.inputs[1], right)}")
        return f"{self.symbol}({name_of(self.inputs[0])})"


class BinaryGate(Gate):
    """Two inputs, kept as attributes `a` and `b`: the common case, unrolled for speed."""

    __slots__ = ("a", "b")

    arity = 2
    a: Unit
    b: Unit

    def connect(self, *units: Unit) -> Unit:
        out = super().connect(*units)
        self.a, self.b = units
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

    @unrolled
    def rerun(self) -> None:  # the two formulas above, unrolled for the circuit's loops
        self.out.value = self.a.value * self.b.value

    @unrolled
    def backward(self) -> None:
        a, b, g = self.a, self.b, self.out.grad
        a.grad += b.value * g
        b.grad += a.value * g


class AddGate(BinaryGate):
    __slots__ = ()

    symbol = "+"
    name = "add"
    local_formulas = ("1.0", "1.0")

    def compute(self, a: float, b: float) -> float:  # type: ignore[override]
        return a + b

    def local_gradients(self) -> tuple[float, float]:
        return 1.0, 1.0

    @unrolled
    def rerun(self) -> None:  # the two formulas above, unrolled for the circuit's loops
        self.out.value = self.a.value + self.b.value

    @unrolled
    def backward(self) -> None:
        g = self.out.grad  # local gradients 1 and 1: 1.0 * g is g, bit for bit
        self.a.grad += g
        self.b.grad += g


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

    @unrolled
    def rerun(self) -> None:  # the two formulas above, unrolled for the circuit's loops
        self.out.value = numerics.sigmoid(self.x.value)

    @unrolled
    def backward(self) -> None:
        s = self.out.value
        self.x.grad += s * (1.0 - s) * self.out.grad


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

    def formula(self) -> str:
        return f"-{operand(self.x, 1)}"


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

    def formula(self) -> str:
        return f"1/{operand(self.x, 1)}"


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

    def formula(self) -> str:
        return f"{operand(self.x)}**{self.exponent:g}"


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

    @unrolled
    def rerun(self) -> None:  # the two formulas above, unrolled for the circuit's loops
        x = self.x.value
        self.out.value = x if x > 0.0 else 0.0

    @unrolled
    def backward(self) -> None:
        # multiplied even where x <= 0: 0 * inf is nan, as in the generic rule
        self.x.grad += (1.0 if self.x.value > 0.0 else 0.0) * self.out.grad


class MaxGate(BinaryGate):
    __slots__ = ()

    symbol = "max"
    name = "max"
    local_formulas = ("1 if {a} >= {b} else 0", "1 if {a} < {b} else 0")

    def compute(self, a: float, b: float) -> float:  # type: ignore[override]
        return a if a >= b else b

    def local_gradients(self) -> tuple[float, float]:
        return (1.0, 0.0) if self.a.value >= self.b.value else (0.0, 1.0)  # routes to the winner

    @unrolled
    def rerun(self) -> None:  # the two formulas above, unrolled for the circuit's loops
        a, b = self.a.value, self.b.value
        self.out.value = a if a >= b else b

    @unrolled
    def backward(self) -> None:
        a, b, g = self.a, self.b, self.out.grad
        da, db = (1.0, 0.0) if a.value >= b.value else (0.0, 1.0)
        a.grad += da * g
        b.grad += db * g

    def formula(self) -> str:
        return f"max({name_of(self.a)}, {name_of(self.b)})"


FUNCTIONS: dict[str, type[UnaryGate]] = {
    "sigmoid": SigmoidGate,
    "sig": SigmoidGate,
    "exp": ExpGate,
    "log": LogGate,
    "tanh": TanhGate,
    "relu": ReluGate,
}
"""Functions of one argument that expressions may call, by name."""
