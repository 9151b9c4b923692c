"""Gradient check: does backprop agree with the numerical gradient, input by input?"""

from __future__ import annotations

from dataclasses import dataclass, field

from nn101.engine.circuit import Circuit
from nn101.engine.errors import DomainError
from nn101.engine.gates import Gate, MaxGate, ReluGate
from nn101.engine.methods import Difference, H, analytic_gradient, numerical_gradient
from nn101.engine.numerics import is_finite

TOLERANCE = 1e-3
"""Largest relative error that passes. Forward differences with h = 1e-4 are off by about
h * f''/f' (1e-5 to 1e-4 on the guide's circuits); 1e-3 leaves room and still catches a
wrong local gradient, which is off by far more."""


@dataclass(frozen=True)
class GradientCheck:
    inputs: dict[str, float]
    h: float
    difference: Difference
    analytic: dict[str, float]
    numerical: dict[str, float]
    relative_error: dict[str, float]
    tolerance: float
    kinks: dict[str, str] = field(default_factory=dict)
    """Inputs whose nudge by h meets a kink (relu at 0, max at a tie), each with a sentence
    saying which gate and why: there the function has no single slope, so backprop (one
    side's slope) and the numerical gradient (an average across the kink) may disagree
    without either being wrong."""
    upstream: float = 1.0
    """The output's gradient both sides start from (the guide's dx)."""

    @property
    def max_relative_error(self) -> float:
        return max(self.relative_error.values(), default=0.0)

    @property
    def ok(self) -> bool:
        return self.max_relative_error <= self.tolerance

    def failed(self) -> list[str]:
        """The inputs whose relative error is over the tolerance."""
        return [n for n, e in self.relative_error.items() if e > self.tolerance]

    def explained(self) -> dict[str, str]:
        """For each failing input at a kink, why; a failure not listed here is unexplained."""
        return {n: self.kinks[n] for n in self.failed() if n in self.kinks}


def relative_error(a: float, n: float) -> float:
    """|a - n| / max(|a|, |n|) as in CS231n.

    0 when they differ by less than 1e-10: below that, the difference is the float
    round-off of (f(x+h) - f(x)) / h, not a wrong gradient (0 vs 1e-13 would read 100%).
    """
    if abs(a - n) < 1e-10:
        return 0.0
    scale = max(abs(a), abs(n))
    return abs(a - n) / scale


def _branch(gate: Gate) -> tuple[bool, bool]:
    """(which side of its kink the gate is on, whether it sits exactly on the kink)."""
    if isinstance(gate, ReluGate):
        return gate.x.value > 0.0, gate.x.value == 0.0
    assert isinstance(gate, MaxGate)
    return gate.a.value >= gate.b.value, gate.a.value == gate.b.value


def _describe(gate: Gate, tie: bool, name: str, h: float) -> str:
    what = gate.out.label or f"a {gate.name} gate"
    if isinstance(gate, ReluGate):
        where = (f"its input {gate.x.label or 'x'} is exactly 0" if tie else
                 f"nudging {name} by h = {h:g} takes its input across 0")
        return (f"{what} is at its kink: {where}; relu has slope 0 on one side and 1 on the "
                "other, so the two gradients need not agree here")
    where = ("its two inputs are equal (a tie)" if tie else
             f"nudging {name} by h = {h:g} swaps which input is larger")
    return (f"{what} is at a kink: {where}; max passes the gradient to one input only, so "
            "the two gradients need not agree here")


def kinks(circuit: Circuit, h: float = H, difference: Difference = "forward") -> dict[str, str]:
    """Inputs whose numerical nudge meets a kink, each with why (see GradientCheck.kinks).

    A kink is met when a relu or max gate sits exactly on it at the current point, or when
    nudging the input by +h (and -h for centered differences) flips the gate's side. The
    inputs are left as found.
    """
    gates = [g for g in circuit.gates if isinstance(g, (ReluGate, MaxGate))]
    if not gates:
        return {}
    circuit.forward()
    base = [_branch(g) for g in gates]
    seen = [tuple(u.value for u in g.inputs) for g in gates]
    found: dict[str, str] = {}
    start = circuit.input_values()
    steps = (h, -h) if difference == "centered" else (h,)
    try:
        for name, x in start.items():
            for dh in steps:
                circuit.inputs[name].value = x + dh
                try:
                    circuit.forward()
                except DomainError:
                    continue
                for gate, (side, tie), was in zip(gates, base, seen, strict=True):
                    moved = _branch(gate)[0] != side
                    reached = tuple(u.value for u in gate.inputs) != was
                    if moved or (tie and reached):
                        found.setdefault(name, _describe(gate, tie, name, h))
                        break
                if name in found:
                    break
            circuit.inputs[name].value = x
    finally:
        for name, x in start.items():
            circuit.inputs[name].value = x
        circuit.forward()
    return found


def gradient_check(
    circuit: Circuit, h: float = H, difference: Difference = "forward",
    tolerance: float = TOLERANCE, upstream: float = 1.0,
) -> GradientCheck:
    """Analytic vs numerical gradient per input at the circuit's current inputs.

    Both start from the output's gradient `upstream` (the guide's dx): backprop from it,
    the numerical slope multiplied by it (the chain rule). Inputs whose nudge meets a kink
    (relu at 0, max at a tie) are named in `kinks`, with why.

    Raises DomainError where a number overflows (a huge start value or h): an infinite
    gradient can be neither compared nor written as JSON, and the user can act on it.
    """
    analytic = analytic_gradient(circuit, upstream)
    if not is_finite(circuit.output.value):
        raise DomainError("the output is not a finite number here (a value overflowed a float)")
    numerical, _ = numerical_gradient(circuit, h, difference)
    numerical = {n: upstream * g for n, g in numerical.items()}
    if not is_finite(*analytic.values(), *numerical.values()):
        raise DomainError(
            "a gradient is not a finite number here (a value overflowed a float): "
            "try smaller values or a smaller h"
        )
    errors = {n: relative_error(analytic[n], numerical[n]) for n in analytic}
    found = kinks(circuit, h, difference)
    analytic_gradient(circuit, upstream)  # leave the grads as backprop made them
    return GradientCheck(circuit.input_values(), h, difference, analytic, numerical, errors,
                         tolerance, found, float(upstream))
