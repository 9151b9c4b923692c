"""Every number of the seed (DESIGN.md's table), through the engine's public API.

The guide prints its numbers rounded (-5.87, 0.8808, -0.105 ...); each test computes the
exact value by hand in a comment, asserts the engine matches it to float precision, and
that it rounds to the guide's figure.
"""

from __future__ import annotations

import math

import pytest

from nn101.engine import SCENARIOS, Circuit, Method, Run, Settings, gradient_check


def circuit(name: str) -> Circuit:
    return SCENARIOS[name].circuit()


def one_step(name: str, settings: Settings) -> Run:
    return Run(circuit(name), settings).run(1)


# --- single gate: x * y at (-2, 3) ------------------------------------------------------


def test_single_gate_starts_at_minus_6() -> None:
    c = circuit("single-gate")
    assert c.input_values() == {"x": -2.0, "y": 3.0}
    assert c.output.value == -6.0  # -2 * 3


@pytest.mark.parametrize("seed", range(20))
def test_random_search_reaches_about_minus_5_95_in_100_passes(seed: int) -> None:
    run = one_step("single-gate", Settings(Method.RANDOM, seed=seed))
    (record,) = run.steps
    # Every try is (-2 + dx)(3 + dy) with |dx|, |dy| <= tweak = 0.01, so the best possible
    # is x = -1.99, y = 2.99: -1.99 * 2.99 = -5.9501. To first order -6 + 3 dx - 2 dy: at
    # most -6 + 0.03 + 0.02 = -6 + 0.05 = -5.95, less the dx*dy = 0.0001 term. The guide's
    # "-5.95" is that ceiling, approached by the best of 100 tries.
    assert -6.0 < record.output <= -5.9501 + 1e-12
    # Getting stuck at or below -5.97 needs all 100 tries to have 3u - 2v <= 3 (u, v the
    # uniform draws in [-1, 1]): that region misses a triangle of area 1/3 of the 4-unit
    # square, so p = (11/12)**100 ~ 1.7e-4 per seed; these seeded runs all clear it.
    assert record.output > -5.97
    assert record.forward_passes == 100  # the guide: "100 times with random tweaking"
    assert record.gradient is None
    # The step moved to the best try, and the circuit agrees with the record.
    assert record.inputs["x"] * record.inputs["y"] == pytest.approx(record.output, abs=1e-15)
    assert run.circuit.output.value == record.output


def test_random_search_is_reproducible_with_a_seed() -> None:
    first = one_step("single-gate", Settings(Method.RANDOM, seed=7)).steps[0]
    again = one_step("single-gate", Settings(Method.RANDOM, seed=7)).steps[0]
    other = one_step("single-gate", Settings(Method.RANDOM, seed=8)).steps[0]
    assert first.inputs == again.inputs and first.output == again.output
    assert other.inputs != first.inputs


def test_numerical_gradient_reaches_minus_5_87_in_n_plus_1_passes() -> None:
    (record,) = one_step("single-gate", Settings(Method.NUMERICAL, h=1e-4)).steps
    assert record.gradient is not None
    # df/dx = y = 3 and df/dy = x = -2; forward differences on a bilinear f are exact up to
    # round-off ((x+h)y - xy)/h = y.
    assert record.gradient["x"] == pytest.approx(3.0, rel=1e-9)
    assert record.gradient["y"] == pytest.approx(-2.0, rel=1e-9)
    # x = -2 + 0.01*3 = -1.97, y = 3 + 0.01*(-2) = 2.98, f = -1.97*2.98 = -5.8706.
    assert record.output == pytest.approx(-5.8706, abs=1e-9)
    assert round(record.output, 2) == -5.87
    # f(x, y), f(x+h, y), f(x, y+h): N + 1 = 3 forward passes for N = 2 inputs.
    assert record.forward_passes == 3


def test_centered_differences_spend_2n_passes() -> None:
    (record,) = one_step(
        "single-gate", Settings(Method.NUMERICAL, difference="centered")).steps
    assert record.forward_passes == 4  # f(x±h, y), f(x, y±h): 2N for N = 2
    assert record.output == pytest.approx(-5.8706, abs=1e-9)


def test_analytic_gradient_reaches_minus_5_87_in_one_pass() -> None:
    (record,) = one_step("single-gate", Settings(Method.ANALYTIC)).steps
    assert record.gradient == {"x": 3.0, "y": -2.0}  # df/dx = y, df/dy = x: exact
    assert record.inputs == pytest.approx({"x": -1.97, "y": 2.98}, abs=1e-15)
    assert record.output == pytest.approx(-5.8706, abs=1e-12)
    assert record.forward_passes == 1
    assert record.backward_passes == 1


def test_the_guides_cost_ladder_100_vs_n_plus_1_vs_1() -> None:
    costs = {
        m: one_step("single-gate", Settings(m, seed=0)).forward_passes for m in Method
    }
    assert costs == {Method.RANDOM: 100, Method.NUMERICAL: 3, Method.ANALYTIC: 1}


# --- two gates: (x + y) * z at (-2, 5, -4) ----------------------------------------------


def test_two_gates_start_and_gradient() -> None:
    c = circuit("two-gates")
    assert c.output.value == -12.0  # q = -2 + 5 = 3, f = 3 * -4 = -12
    # df/dx = df/dy = z = -4 (the + gate passes it on), df/dz = q = 3.
    assert c.backward() == {"x": -4.0, "y": -4.0, "z": 3.0}


def test_two_gates_one_step_reaches_minus_11_59() -> None:
    (record,) = one_step("two-gates", Settings()).steps
    # x = -2 - 0.04 = -2.04, y = 5 - 0.04 = 4.96, z = -4 + 0.03 = -3.97;
    # q = 2.92, f = 2.92 * -3.97 = -11.5924.
    assert record.inputs == pytest.approx({"x": -2.04, "y": 4.96, "z": -3.97}, abs=1e-15)
    assert record.output == pytest.approx(-11.5924, abs=1e-12)
    assert round(record.output, 2) == -11.59


def test_two_gates_numerical_check_agrees() -> None:
    check = gradient_check(circuit("two-gates"))
    assert check.ok
    # The guide's own test: both gradients round to [-4, -4, 3].
    assert [round(check.numerical[n]) for n in "xyz"] == [-4, -4, 3]
    assert check.analytic == {"x": -4.0, "y": -4.0, "z": 3.0}
    assert check.max_relative_error < 1e-6


# --- the neuron: sig(a*x + b*y + c) at a=1, b=2, c=-3, x=-1, y=3 --------------------------


def test_neuron_forward_is_0_8808() -> None:
    c = circuit("neuron")
    # a*x + b*y + c = -1 + 6 - 3 = 2; sig(2) = 1 / (1 + e^-2) = 0.880797...
    assert c.output.value == pytest.approx(1.0 / (1.0 + math.exp(-2.0)), rel=1e-15)
    assert round(c.output.value, 4) == 0.8808


def test_neuron_gradients_match_the_guide() -> None:
    c = circuit("neuron")
    grads = c.backward()
    # The sigmoid's local gradient s(1 - s) = 0.880797 * 0.119203 = 0.104994; the adds pass
    # it on; each multiply hands one input the other's value times it:
    # da = x * 0.104994 = -0.104994, db = y * ... = 0.314981, dc = 0.104994,
    # dx = a * ... = 0.104994, dy = b * ... = 0.209987.
    s = 1.0 / (1.0 + math.exp(-2.0))
    ds = s * (1.0 - s)
    expected = {"a": -ds, "b": 3 * ds, "c": ds, "x": ds, "y": 2 * ds}
    assert grads == pytest.approx(expected, rel=1e-12)
    guide = {"a": -0.105, "b": 0.315, "c": 0.105, "x": 0.105, "y": 0.21}
    assert {n: round(g, 3) for n, g in grads.items()} == guide


def test_neuron_one_step_reaches_0_8825() -> None:
    (record,) = one_step("neuron", Settings()).steps
    # New inputs: each moves by 0.01 * its gradient; a*x + b*y + c becomes
    # 0.998950*-0.998950 + 2.003150*3.002100 - 2.998950 = 2.016804, sig of it = 0.882550.
    # The guide prints 0.8825, truncating 0.882550 (rounding would give 0.8826), so the
    # test accepts anything within 1e-4 of the guide's figure.
    assert abs(record.output - 0.8825) < 1e-4
    a, b, c, x, y = (record.inputs[n] for n in "abcxy")
    assert record.output == pytest.approx(1.0 / (1.0 + math.exp(-(a * x + b * y + c))),
                                          rel=1e-15)
    assert record.output == pytest.approx(0.882550, abs=5e-7)


def test_neuron_numerical_check_agrees() -> None:
    check = gradient_check(circuit("neuron"))
    assert check.ok
    assert {n: round(g, 3) for n, g in check.numerical.items()} == {
        "a": -0.105, "b": 0.315, "c": 0.105, "x": 0.105, "y": 0.21}


def test_neuron_backward_walk_order_is_the_guides() -> None:
    c = circuit("neuron")
    steps = list(c.backward_steps())
    # The guide: sigmoid_gate, add_gate_1, add_gate_0, multiply_gate_1, multiply_gate_0.
    assert [s.gate.name for s in steps] == ["sigmoid", "add", "add", "multiply", "multiply"]
    assert [s.gate.out.label for s in steps] == ["s", "ax+by+c", "ax+by", "by", "ax"]
    assert [s.index for s in steps] == [4, 3, 2, 1, 0]
