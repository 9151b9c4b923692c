"""An independent oracle: sympy's symbolic derivatives, evaluated at 40 digits with mpmath.

The engine never sees sympy; these tests compare what it computes in floats with what
calculus says the answer is, so a wrong local gradient cannot hide behind a matching bug in
the numerical gradient.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import mpmath
import sympy as sp

DIGITS = 40


def _sigmoid(t: Any) -> Any:
    return 1 / (1 + sp.exp(-t))


def _relu(t: Any) -> Any:
    return sp.Piecewise((t, t > 0), (0, True))


FUNCTIONS: dict[str, Any] = {
    "sig": _sigmoid,
    "sigmoid": _sigmoid,
    "exp": sp.exp,
    "log": sp.log,
    "tanh": sp.tanh,
    "relu": _relu,
}


@dataclass(frozen=True)
class Oracle:
    names: tuple[str, ...]
    expr: Any
    _value: Callable[..., Any]
    _grads: dict[str, Callable[..., Any]]

    def value(self, point: Mapping[str, float]) -> float:
        with mpmath.workdps(DIGITS):
            return float(self._value(*(mpmath.mpf(point[n]) for n in self.names)))

    def gradient(self, point: Mapping[str, float]) -> dict[str, float]:
        with mpmath.workdps(DIGITS):
            args = [mpmath.mpf(point[n]) for n in self.names]
            return {n: float(f(*args)) for n, f in self._grads.items()}


def from_sympy(expr: Any, names: Sequence[str]) -> Oracle:
    symbols = [sp.Symbol(n, real=True) for n in names]
    expr = expr.subs({sp.Symbol(n): s for n, s in zip(names, symbols, strict=True)})
    value = sp.lambdify(symbols, expr, modules="mpmath")
    grads = {
        n: sp.lambdify(symbols, sp.diff(expr, s), modules="mpmath")
        for n, s in zip(names, symbols, strict=True)
    }
    return Oracle(tuple(names), expr, value, grads)


def from_text(text: str, names: Sequence[str]) -> Oracle:
    """The oracle of an engine formula (its `^` is `**`, `sig` the logistic function)."""
    local: dict[str, Any] = dict(FUNCTIONS)
    local.update({n: sp.Symbol(n) for n in names})
    return from_sympy(sp.sympify(text.replace("^", "**"), locals=local), names)


def close(actual: float, expected: float, rel: float, floor: float = 0.0) -> bool:
    """|actual - expected| <= rel * max(|expected|, floor): relative, with an optional floor
    for values that may sit at or near 0, where a relative error means nothing."""
    return abs(actual - expected) <= rel * max(abs(expected), floor)
