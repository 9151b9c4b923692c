"""The guide's dx: the output's gradient is given (1 by default) and every method uses it."""

from __future__ import annotations

import math
import random

import pytest

from nn101.engine import SCENARIOS, InputError, Method, Settings, gradient_check, parse, step
from nn101.engine.gradcheck import kinks
from tests.engine.oracle import from_text


@pytest.mark.parametrize("dx", [1.0, 0.0, -3.0, 0.25])
def test_backward_from_a_given_dx_scales_every_gradient(dx: float) -> None:
    c = SCENARIOS["neuron"].circuit()
    oracle = from_text("sig(a*x + b*y + c)", list(c.inputs))
    want = oracle.gradient(c.input_values())
    got = c.backward(dx)
    assert got == pytest.approx({n: dx * g for n, g in want.items()}, rel=1e-12, abs=1e-15)
    assert c.output.grad == dx


def test_walk_from_dx_ends_where_backward_does() -> None:
    c = parse("((a*b + c)*d)**2")
    c.set_inputs({"a": 1.0, "b": 2.0, "c": -3.0, "d": -1.0})
    c.forward()
    steps = list(c.backward_steps(2.0))
    walked = c.gradients()
    assert walked == c.backward(2.0)
    assert steps[0].out_grad == 2.0
    for s in steps:
        for slot, contribution in enumerate(s.contributions):
            assert contribution.slot == slot
            assert contribution.upstream == s.out_grad
            assert contribution.unit is s.gate.inputs[slot]
            assert contribution.added == contribution.local_gradient * s.out_grad


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_a_non_finite_dx_is_refused(bad: float) -> None:
    c = parse("x*y")  # backward() is the hot path and trusts its caller; these check
    with pytest.raises(InputError):
        next(c.backward_steps(bad))
    with pytest.raises(InputError):
        Settings(upstream=bad).validate()


@pytest.mark.parametrize("method", list(Method))
def test_every_method_raises_dx_times_the_output(method: Method) -> None:
    for dx in (1.0, -1.0):
        c = SCENARIOS["single-gate"].circuit()
        start = c.output.value
        record = step(c, Settings(method=method, upstream=dx, seed=1), 1, random.Random(1))
        assert dx * record.output > dx * start


def test_a_numerical_step_with_dx_matches_the_analytic_one() -> None:
    runs = []
    for method in (Method.NUMERICAL, Method.ANALYTIC):
        c = SCENARIOS["two-gates"].circuit()
        runs.append(step(c, Settings(method=method, upstream=-2.0), 1, random.Random(1)))
    assert runs[0].gradient == pytest.approx(runs[1].gradient, rel=1e-4)
    assert runs[1].gradient == {"x": 8.0, "y": 8.0, "z": -6.0}


def test_gradient_check_with_dx_compares_like_with_like() -> None:
    c = SCENARIOS["neuron"].circuit()
    check = gradient_check(c, upstream=-2.0)
    assert check.ok and check.upstream == -2.0
    assert check.analytic["a"] == pytest.approx(2 * 0.104994, rel=1e-4)
    assert check.kinks == {}


def test_a_tie_in_max_is_named_for_each_input_it_fails() -> None:
    c = parse("max(a, b)")
    c.forward()
    check = gradient_check(c)
    assert not check.ok
    assert check.failed() == ["b"]
    assert set(check.kinks) == {"a", "b"}
    assert "max(a, b)" in check.explained()["b"] and "tie" in check.explained()["b"]


def test_relu_at_zero_is_a_kink_and_away_from_it_is_not() -> None:
    c = parse("relu(x - y)")
    c.forward()
    check = gradient_check(c)
    assert not check.ok and set(check.explained()) == {"x"}
    assert "relu(x - y)" in check.kinks["x"] and "exactly 0" in check.kinks["x"]
    c.set_inputs({"x": 3.0})
    assert gradient_check(c).kinks == {}
    # within h of the kink: the nudge crosses it
    c.set_inputs({"x": 1.0 - 5e-5})
    assert "across 0" in kinks(c, 1e-4)["x"]
    assert c.input_values() == {"x": 1.0 - 5e-5, "y": 1.0}


def test_a_kink_the_nudge_does_not_reach_is_not_reported() -> None:
    c = parse("max(a, b) + relu(c)")
    c.set_inputs({"a": 2.0, "c": 0.0})
    c.forward()
    assert set(kinks(c)) == {"c"}
    assert set(kinks(c, difference="centered")) == {"c"}
