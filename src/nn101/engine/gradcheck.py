"""Gradient check: does backprop agree with the numerical gradient, input by input?"""

from __future__ import annotations

from dataclasses import dataclass

from nn101.engine.circuit import Circuit
from nn101.engine.errors import DomainError
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

    @property
    def max_relative_error(self) -> float:
        return max(self.relative_error.values(), default=0.0)

    @property
    def ok(self) -> bool:
        return self.max_relative_error <= self.tolerance


def relative_error(a: float, n: float) -> float:
    """|a - n| / max(|a|, |n|) as in CS231n.

    0 when they differ by less than 1e-10: below that, the difference is the float
    round-off of (f(x+h) - f(x)) / h, not a wrong gradient (0 vs 1e-13 would read 100%).
    """
    if abs(a - n) < 1e-10:
        return 0.0
    scale = max(abs(a), abs(n))
    return abs(a - n) / scale


def gradient_check(
    circuit: Circuit, h: float = H, difference: Difference = "forward",
    tolerance: float = TOLERANCE,
) -> GradientCheck:
    """Analytic vs numerical gradient per input at the circuit's current inputs.

    Raises DomainError where a number overflows (a huge start value or h): an infinite
    gradient can be neither compared nor written as JSON, and the user can act on it.
    """
    analytic = analytic_gradient(circuit)
    if not is_finite(circuit.output.value):
        raise DomainError("the output is not a finite number here (a value overflowed a float)")
    numerical, _ = numerical_gradient(circuit, h, difference)
    if not is_finite(*analytic.values(), *numerical.values()):
        raise DomainError(
            "a gradient is not a finite number here (a value overflowed a float): "
            "try smaller values or a smaller h"
        )
    errors = {n: relative_error(analytic[n], numerical[n]) for n in analytic}
    return GradientCheck(circuit.input_values(), h, difference, analytic, numerical, errors,
                         tolerance)
