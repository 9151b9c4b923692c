"""Each gate's forward and local gradient against sympy, and centered differences.

The points come from hypothesis, inside each gate's domain (log of a positive number, a
divisor away from 0, a relu or max away from its kink by more than the nudge h).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import mpmath
import pytest
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from nn101.engine import (
    AddGate,
    Circuit,
    DivideGate,
    DomainError,
    ExpGate,
    Gate,
    LogGate,
    MaxGate,
    MultiplyGate,
    NegateGate,
    PowerGate,
    PowGate,
    ReciprocalGate,
    ReluGate,
    SigmoidGate,
    SubtractGate,
    TanhGate,
    Unit,
    numerical_gradient,
    sigmoid,
)
from tests.engine.oracle import Oracle, close, from_sympy

Floats = st.SearchStrategy[float]


def interval(lo: float, hi: float) -> Floats:
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


ANY = interval(-10.0, 10.0)
POSITIVE = interval(0.1, 10.0)
NONZERO = st.one_of(interval(-10.0, -0.1), POSITIVE)
# tanh and sigmoid compute their local gradient from the output (1 - t*t, s*(1 - s)) as
# the guide does; near saturation 1 - s cancels and keeps only about eps / (1 - s) of
# relative precision, so the 1e-9 comparison stays where 1 - s > 1e-6 (|x| <= 8).
# Saturation itself is tested separately below with an absolute bound.
SQUASH = interval(-8.0, 8.0)
AWAY_FROM_0 = st.one_of(interval(-10.0, -1e-3), interval(1e-3, 10.0))

a_, b_, x_ = sp.symbols("a b x", real=True)


@dataclass(frozen=True)
class Spec:
    id: str
    make: Callable[[], Gate]
    expr: Any
    domains: dict[str, Floats]
    kink: Callable[[dict[str, float]], bool] = lambda p: False
    """True at points closer to a kink than the nudge: centered differences straddle it."""

    @property
    def names(self) -> list[str]:
        return list(self.domains)

    def oracle(self) -> Oracle:
        return from_sympy(self.expr, self.names)


def _sig(t: Any) -> Any:
    return 1 / (1 + sp.exp(-t))


SPECS = [
    Spec("multiply", MultiplyGate, a_ * b_, {"a": ANY, "b": ANY}),
    Spec("add", AddGate, a_ + b_, {"a": ANY, "b": ANY}),
    Spec("subtract", SubtractGate, a_ - b_, {"a": ANY, "b": ANY}),
    Spec("negate", NegateGate, -x_, {"x": ANY}),
    Spec("reciprocal", ReciprocalGate, 1 / x_, {"x": NONZERO}),
    Spec("divide", DivideGate, a_ / b_, {"a": ANY, "b": NONZERO}),
    Spec("pow2", lambda: PowGate(2), x_**2, {"x": ANY}),
    Spec("pow3", lambda: PowGate(3), x_**3, {"x": ANY}),
    Spec("pow0", lambda: PowGate(0), sp.Integer(1), {"x": ANY}),
    Spec("pow-1", lambda: PowGate(-1), x_**-1, {"x": NONZERO}),
    Spec("pow-2", lambda: PowGate(-2), x_**-2, {"x": NONZERO}),
    Spec("pow0.5", lambda: PowGate(0.5), sp.sqrt(x_), {"x": POSITIVE}),
    Spec("pow-2.5", lambda: PowGate(-2.5), x_**sp.Rational(-5, 2), {"x": POSITIVE}),
    Spec("power", PowerGate, a_**b_, {"a": POSITIVE, "b": interval(-5.0, 5.0)}),
    Spec("exp", ExpGate, sp.exp(x_), {"x": interval(-50.0, 50.0)}),
    Spec("log", LogGate, sp.log(x_), {"x": POSITIVE}),
    Spec("tanh", TanhGate, sp.tanh(x_), {"x": SQUASH}),
    Spec("sigmoid", SigmoidGate, _sig(x_), {"x": SQUASH}),
    Spec("relu", ReluGate, sp.Piecewise((x_, x_ > 0), (0, True)), {"x": ANY},
         kink=lambda p: abs(p["x"]) <= 1e-3),
    Spec("max", MaxGate, sp.Piecewise((a_, a_ >= b_), (b_, True)), {"a": ANY, "b": ANY},
         kink=lambda p: abs(p["a"] - p["b"]) <= 1e-3),
]
ORACLES = {spec.id: spec.oracle() for spec in SPECS}
EXAMPLES = settings(max_examples=40, deadline=None)
TINY = 1e-290
"""Below about 2.2e-308 floats turn subnormal and keep fewer digits (3 x**2 at x = 1e-160
is 5.6e-320, good to 4 digits), so relative comparisons stop at this magnitude."""


def wire(spec: Spec, point: dict[str, float]) -> tuple[Gate, list[Unit]]:
    units = [Unit(point[n], label=n) for n in spec.names]
    gate = spec.make()
    gate.forward(*units)
    return gate, units


def draw_point(data: st.DataObject, spec: Spec) -> dict[str, float]:
    return {n: data.draw(s, label=n) for n, s in spec.domains.items()}


@pytest.mark.parametrize("spec", SPECS, ids=[s.id for s in SPECS])
@EXAMPLES
@given(data=st.data())
def test_forward_and_local_gradient_equal_sympy(spec: Spec, data: st.DataObject) -> None:
    point = draw_point(data, spec)
    oracle = ORACLES[spec.id]
    gate, _ = wire(spec, point)
    assert close(gate.out.value, oracle.value(point), 1e-12, floor=TINY)
    exact = oracle.gradient(point)
    local = dict(zip(spec.names, gate.local_gradients(), strict=True))
    for name in spec.names:
        assert close(local[name], exact[name], 1e-9, floor=TINY), (name, local[name], exact[name])


@pytest.mark.parametrize("spec", SPECS, ids=[s.id for s in SPECS])
@EXAMPLES
@given(data=st.data(), upstream=interval(-5.0, 5.0), before=interval(-3.0, 3.0))
def test_backward_adds_local_gradient_times_upstream(
    spec: Spec, data: st.DataObject, upstream: float, before: float
) -> None:
    """backward() accumulates: an input's grad grows by local * out.grad, never reset."""
    point = draw_point(data, spec)
    gate, units = wire(spec, point)
    for u in units:
        u.grad = before
    gate.out.grad = upstream
    gate.backward()
    exact = ORACLES[spec.id].gradient(point)
    for name, u in zip(spec.names, units, strict=True):
        added = exact[name] * upstream
        # Relative to the terms, not their sum, which may cancel to about 0.
        assert close(u.grad, before + added, 1e-9, floor=abs(before) + abs(added))


@pytest.mark.parametrize("spec", SPECS, ids=[s.id for s in SPECS])
@EXAMPLES
@given(data=st.data())
def test_centered_differences_agree(spec: Spec, data: st.DataObject) -> None:
    """Centered differences (error h**2 f'''/6 plus eps f / h, about 1e-9 here) agree with
    calculus to 1e-6, relative to max(|f'|, 1) so that a slope of 0 is not divided by."""
    point = draw_point(data, spec)
    assume(not spec.kink(point))
    gate, units = wire(spec, point)
    circuit = Circuit(dict(zip(spec.names, units, strict=True)), gate.out)
    grad, passes = numerical_gradient(circuit, h=1e-5, difference="centered")
    assert passes == 2 * len(spec.names)
    exact = ORACLES[spec.id].gradient(point)
    for name in spec.names:
        assert close(grad[name], exact[name], 1e-6, floor=1.0), (name, grad, exact)


# --- accumulation ----------------------------------------------------------------------


@given(a=ANY)
def test_a_times_a_gives_2a(a: float) -> None:
    u = Unit(a)
    gate = MultiplyGate()
    gate.forward(u, u).grad = 1.0
    gate.backward()
    assert u.grad == 2.0 * a  # d(a*a)/da = a + a, one contribution from each side


def test_a_wire_used_in_two_branches_sums() -> None:
    # f = x*y + x*z at x=2, y=3, z=-5: df/dx = y + z = -2 (one share per branch).
    x, y, z = Unit(2.0), Unit(3.0), Unit(-5.0)
    left, right = MultiplyGate(), MultiplyGate()
    top = AddGate()
    f = top.forward(left.forward(x, y), right.forward(x, z))
    f.grad = 1.0
    for gate in (top, right, left):
        gate.backward()
    assert (x.grad, y.grad, z.grad) == (-2.0, 2.0, 2.0)


def test_wrong_number_of_inputs_is_refused() -> None:
    with pytest.raises(TypeError, match="takes 2 input"):
        MultiplyGate().forward(Unit(1.0))
    with pytest.raises(TypeError, match="takes 1 input"):
        SigmoidGate().forward(Unit(1.0), Unit(2.0))


# --- domains: a clear DomainError, never a ZeroDivisionError or a complex number ----------


@pytest.mark.parametrize(
    ("make", "values", "message"),
    [
        (ReciprocalGate, (0.0,), "division by zero"),
        (DivideGate, (1.0, 0.0), "division by zero"),
        (LogGate, (0.0,), "log of a non-positive"),
        (LogGate, (-2.0,), "log of a non-positive"),
        (lambda: PowGate(0.5), (-1.0,), "no real value"),
        (lambda: PowGate(-1), (0.0,), "division by zero"),
        (PowerGate, (-2.0, 0.5), "positive base"),
        (PowerGate, (0.0, 2.0), "positive base"),
    ],
)
def test_outside_the_domain_is_a_domain_error(
    make: Callable[[], Gate], values: tuple[float, ...], message: str
) -> None:
    with pytest.raises(DomainError, match=message):
        make().forward(*(Unit(v) for v in values))


def test_overflow_gives_infinity_not_an_exception() -> None:
    assert ExpGate().forward(Unit(1000.0)).value == math.inf
    assert PowGate(3).forward(Unit(1e200)).value == math.inf
    assert PowGate(3).forward(Unit(-1e200)).value == -math.inf  # odd power keeps the sign
    assert PowerGate().forward(Unit(10.0), Unit(400.0)).value == math.inf


# --- the sigmoid cannot overflow -------------------------------------------------------


def test_the_guides_formula_would_overflow() -> None:
    """Why the engine branches on the sign: 1/(1 + e^-x) raises below about -709.78."""
    with pytest.raises(OverflowError):
        _ = 1.0 / (1.0 + math.exp(1000.0))


def test_sigmoid_at_plus_and_minus_1000() -> None:
    # sig(-1000) = e^-1000 / (1 + e^-1000) ~ 5e-435: below the smallest float (5e-324), so
    # 0.0 is the right float; sig(1000) = 1 - 5e-435 rounds to exactly 1.0.
    assert sigmoid(-1000.0) == 0.0
    assert sigmoid(1000.0) == 1.0
    gate = SigmoidGate()
    out = gate.forward(Unit(-1000.0))
    assert out.value == 0.0 and gate.local_gradients() == (0.0,)
    assert SigmoidGate().forward(Unit(1000.0)).value == 1.0


@given(x=st.floats(-1e308, 1e308, allow_nan=False))
def test_sigmoid_is_finite_and_right_everywhere(x: float) -> None:
    s = sigmoid(x)
    assert 0.0 <= s <= 1.0
    with mpmath.workdps(40):
        exact = float(1 / (1 + mpmath.exp(-mpmath.mpf(x))))
    # Relative 1e-12, down to 1e-290 where floats turn subnormal and lose digits.
    assert close(s, exact, 1e-12, floor=1e-290)


@given(x=interval(8.0, 40.0))
def test_saturated_squashing_gradients_stay_close_in_absolute_terms(x: float) -> None:
    """Past |x| = 8 the output-based formulas s(1-s), 1-t^2 lose relative digits (see
    SQUASH) but stay within a few eps of the truth, and never go negative."""
    for make, exact_of in (
        (SigmoidGate, lambda v: mpmath.exp(-v) / (1 + mpmath.exp(-v)) ** 2),
        (TanhGate, lambda v: 1 / mpmath.cosh(v) ** 2),
    ):
        for v in (x, -x):
            gate = make()
            gate.forward(Unit(v))
            (local,) = gate.local_gradients()
            with mpmath.workdps(40):
                exact = float(exact_of(mpmath.mpf(v)))
            assert local >= 0.0
            assert abs(local - exact) <= 1e-15
