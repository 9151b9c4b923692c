"""The three methods as step functions: what each step records and costs, and a run that
stops cleanly ('diverged') with its last good state kept."""

from __future__ import annotations

import math
import random

import pytest

from nn101.engine import (
    SCENARIOS,
    DomainError,
    InputError,
    Method,
    Run,
    Settings,
    numerical_gradient,
    parse,
    random_search,
    step,
)


def neuron_run(settings: Settings) -> Run:
    return Run(SCENARIOS["neuron"].circuit(), settings)


@pytest.mark.parametrize(
    ("difference", "passes"), [("forward", 6), ("centered", 10)])
def test_numerical_cost_is_n_plus_1_or_2n(difference: str, passes: int) -> None:
    # The neuron has N = 5 inputs: forward differences f(x) + one nudge each = 6;
    # centered differences nudge each input both ways = 10.
    settings = Settings(Method.NUMERICAL, difference=difference)  # type: ignore[arg-type]
    (record,) = neuron_run(settings).run(1).steps
    assert record.forward_passes == passes
    assert record.backward_passes == 0


def test_numerical_gradient_leaves_the_inputs_as_found() -> None:
    c = SCENARIOS["neuron"].circuit()
    before, out = c.input_values(), c.output.value
    grad, passes = numerical_gradient(c, h=1e-3, difference="centered")
    assert passes == 10
    assert c.input_values() == before
    assert c.output.value == out
    assert set(grad) == set(before)


def test_analytic_step_moves_along_the_gradient() -> None:
    run = neuron_run(Settings(step_size=0.5)).run(1)
    (record,) = run.steps
    assert record.gradient is not None
    for name, x in run.start_inputs.items():
        assert record.inputs[name] == x + 0.5 * record.gradient[name]
    assert record.output > run.start_output  # uphill


def test_a_negative_step_size_goes_downhill() -> None:
    run = neuron_run(Settings(step_size=-0.01)).run(3)
    outputs = [run.start_output, *(s.output for s in run.steps)]
    assert outputs == sorted(outputs, reverse=True)


def test_every_method_climbs_over_many_steps() -> None:
    for method in Method:
        run = Run(SCENARIOS["single-gate"].circuit(), Settings(method, seed=3)).run(20)
        outputs = [run.start_output, *(s.output for s in run.steps)]
        assert run.status == "ok"
        assert outputs[-1] > outputs[0]
        if method is Method.RANDOM:
            # Random search only moves to a better try: it never goes down.
            assert outputs == sorted(outputs)


def test_random_search_tweaks_around_the_current_point() -> None:
    c = SCENARIOS["single-gate"].circuit()
    rng = random.Random(0)
    best, out = random_search(c, rng, tries=500, tweak=0.25)
    assert all(abs(best[n] - v) <= 0.25 for n, v in {"x": -2.0, "y": 3.0}.items())
    assert out == pytest.approx(best["x"] * best["y"], rel=1e-15)
    assert c.input_values() == {"x": -2.0, "y": 3.0}  # the search itself does not move


def test_random_search_with_no_better_try_stays_put() -> None:
    # f = -(x**2) at its peak x = 0: every try is lower, so the step keeps x = 0.
    c = parse("-(x**2)")
    c.set_inputs({"x": 0.0})
    c.forward()
    record = step(c, Settings(Method.RANDOM, tries=50), 1, random.Random(1))
    assert record.inputs == {"x": 0.0}
    assert record.output == 0.0


def test_a_diverging_run_stops_with_its_last_good_state() -> None:
    # The guide's two gates with a step size of 1e9: the inputs grow ~1e9-fold per step
    # and the product overflows after a few steps.
    run = Run(SCENARIOS["two-gates"].circuit(), Settings(step_size=1e9)).run(50)
    assert run.status == "diverged"
    assert 0 < len(run.steps) < 50
    assert f"iteration {len(run.steps) + 1}" in run.message
    assert "finite" in run.message
    last = run.steps[-1]
    assert all(math.isfinite(v) for v in (*last.inputs.values(), last.output))
    assert run.circuit.input_values() == last.inputs
    assert run.circuit.output.value == last.output
    taken = len(run.steps)
    assert run.step() is None  # stays stopped
    assert len(run.steps) == taken


def test_leaving_a_gates_domain_is_divergence_not_a_crash() -> None:
    # f = log(x) from x = 0.5 with step size -1: x -> 0.5 - 1/0.5 = -1.5, log refuses.
    c = parse("log(x)")
    c.set_inputs({"x": 0.5})
    run = Run(c, Settings(step_size=-1.0)).run(5)
    assert run.status == "diverged"
    assert run.steps == []
    assert "log of a non-positive number" in run.message
    assert c.input_values() == {"x": 0.5}
    assert c.output.value == pytest.approx(math.log(0.5), rel=1e-15)


def test_a_start_that_overflows_is_refused_with_the_reason() -> None:
    c = parse("exp(x)")
    c.set_inputs({"x": 1000.0})
    with pytest.raises(DomainError, match=r"not a finite number at the start point.*overflow"):
        Run(c, Settings())


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (Settings(step_size=math.nan), "step size"),
        (Settings(h=0.0), "h must be"),
        (Settings(h=-1e-4), "h must be"),
        (Settings(difference="sideways"), "difference"),  # type: ignore[arg-type]
        (Settings(tries=0), "tries"),
        (Settings(tweak=-0.1), "tweak"),
        (Settings(tweak=math.inf), "tweak"),
    ],
)
def test_unusable_settings_are_refused(settings: Settings, message: str) -> None:
    with pytest.raises(InputError, match=message):
        Run(SCENARIOS["mul"].circuit(), settings)


def test_run_counts_iterations_and_passes() -> None:
    run = Run(SCENARIOS["single-gate"].circuit(), Settings(Method.NUMERICAL)).run(4)
    assert run.iteration == 4
    assert [s.iteration for s in run.steps] == [1, 2, 3, 4]
    assert run.forward_passes == 4 * 3


def test_a_nudge_outside_the_domain_names_the_nudge() -> None:
    # log(x) at x = 5e-5 is fine, but centered differences with h = 1e-4 evaluate it at
    # 5e-5 - 1e-4 = -5e-5: the message must say where that number came from.
    c = parse("log(x)")
    c.set_inputs({"x": 5e-5})
    with pytest.raises(DomainError, match=r"nudged x to -5e-05.*try a smaller h"):
        numerical_gradient(c, h=1e-4, difference="centered")
    assert c.input_values() == {"x": 5e-5}
    assert c.output.value == pytest.approx(math.log(5e-5), rel=1e-15)
    # A run with that setting stops as diverged, with the same explanation.
    run = Run(c, Settings(Method.NUMERICAL, difference="centered")).run(3)
    assert run.status == "diverged" and "nudged x to -5e-05" in run.message
    # And a smaller h works.
    grad, _ = numerical_gradient(c, h=1e-6, difference="centered")
    assert grad["x"] == pytest.approx(1 / 5e-5, rel=1e-3)  # d(ln x)/dx = 1/x = 20,000


def test_random_tries_outside_the_domain_are_just_bad_tries() -> None:
    # log(x) at x = 0.005 with tweak 0.01: about a quarter of the tries land at x <= 0,
    # where log is undefined. They lose; the run still climbs (log grows with x).
    c = parse("log(x)")
    c.set_inputs({"x": 0.005})
    run = Run(c, Settings(Method.RANDOM, seed=1)).run(3)
    assert run.status == "ok", run.message
    assert run.steps[-1].output > run.start_output
    assert all(s.inputs["x"] > 0.0 for s in run.steps)
    # x**0.5 + (1e-12 - x)**0.5 is defined only on [0, 1e-12]: tweaks of up to 0.01 all
    # land outside (but for a chance of about 1e-10 each), so the step stays put.
    c = parse("x**0.5 + (1e-12 - x)**0.5")
    c.set_inputs({"x": 5e-13})
    start = c.forward()
    record = step(c, Settings(Method.RANDOM), 1, random.Random(0))
    assert record.inputs == {"x": 5e-13}
    assert record.output == start
