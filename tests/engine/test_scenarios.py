"""The scenario registry: its contract, and every scenario's gradient against sympy."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from nn101.engine import SCENARIOS, InputError, Method, Scenario, numerical_gradient, parse
from nn101.engine.scenarios import get
from tests.engine.oracle import Oracle, close, from_text

CONTRACT = {
    "single-gate": ("x * y", {"x": -2.0, "y": 3.0}),
    "two-gates": ("(x + y) * z", {"x": -2.0, "y": 5.0, "z": -4.0}),
    "neuron": ("sig(a*x + b*y + c)", {"a": 1.0, "b": 2.0, "c": -3.0, "x": -1.0, "y": 3.0}),
    "mul": ("a * b", None),
    "add": ("a + b", None),
    "add3": ("a + b + c", None),
    "mul-add": ("a * b + c", None),
    "square": ("((a*b + c)*d)**2", None),
    "division": ("(a + b) / (c + d)", None),
}
NAMES = list(SCENARIOS)
ORACLES: dict[str, Oracle] = {
    name: from_text(s.expression, list(s.defaults)) for name, s in SCENARIOS.items()
}
EXAMPLES = settings(max_examples=30, deadline=None)
# The neuron's inputs stay in [-2, 2] so that |a*x + b*y + c| <= 10: its sigmoid's local
# gradient s(1 - s) keeps 1e-9 relative precision there (see test_gates.SQUASH).
RANGE = {"neuron": 2.0}


def point_strategy(name: str) -> st.SearchStrategy[dict[str, float]]:
    r = RANGE.get(name, 5.0)
    value = st.floats(-r, r, allow_nan=False)
    return st.fixed_dictionaries({n: value for n in SCENARIOS[name].defaults})


def magnitude_point(name: str, point: dict[str, float]) -> dict[str, float]:
    """Where the formula adds the magnitudes of its terms (see test_gradient_equals_sympy)."""
    keep = {"c", "d"} if name == "division" else set()
    return {n: v if n in keep else abs(v) for n, v in point.items()}


def in_domain(name: str, point: dict[str, float]) -> bool:
    """Division needs c + d away from 0 (by more than the nudges, with room)."""
    return name != "division" or abs(point["c"] + point["d"]) >= 0.25


def test_the_registry_holds_the_contract_names_and_inputs() -> None:
    assert set(CONTRACT) <= set(SCENARIOS)
    for name, (expression, defaults) in CONTRACT.items():
        s = SCENARIOS[name]
        assert s.name == name
        assert s.expression == expression
        if defaults is not None:
            assert dict(s.defaults) == defaults


@pytest.mark.parametrize("name", NAMES)
def test_each_scenario_explains_itself_and_starts_finite(name: str) -> None:
    s = SCENARIOS[name]
    assert s.title.strip()
    assert s.explanation.count(".") >= 2  # "a few sentences"
    assert s.methods and all(isinstance(m, Method) for m in s.methods)
    c = s.circuit()
    assert c.input_values() == dict(s.defaults)
    assert math.isfinite(c.output.value)
    assert c.output.value == pytest.approx(ORACLES[name].value(s.defaults), rel=1e-12)


def test_the_single_gate_offers_all_three_methods() -> None:
    assert set(SCENARIOS["single-gate"].methods) == set(Method)


@pytest.mark.parametrize("name", NAMES)
def test_each_build_is_a_fresh_circuit(name: str) -> None:
    s = SCENARIOS[name]
    first, second = s.circuit(), s.circuit()
    moved = {n: v + 0.5 for n, v in s.defaults.items()}
    first.set_inputs(moved)
    first.forward()
    assert second.input_values() == dict(s.defaults)
    assert not set(map(id, first.gates)) & set(map(id, second.gates))


def test_hand_worked_exercise_gradients() -> None:
    # square at a=1, b=2, c=-3, d=-1: x1 = ab + c = -1, x2 = x1 d = 1, f = x2**2 = 1;
    # dx2 = 2 x2 = 2, dd = x1 dx2 = -2, dx1 = d dx2 = -2, da = b dx1 = -4, db = a dx1 = -2,
    # dc = dx1 = -2.
    square = SCENARIOS["square"].circuit()
    assert square.output.value == 1.0
    assert square.backward() == {"a": -4.0, "b": -2.0, "c": -2.0, "d": -2.0}
    # division at a=1, b=2, c=2, d=1: 3/3 = 1; da = db = 1/(c+d) = 1/3,
    # dc = dd = -(a+b)/(c+d)**2 = -3/9 = -1/3.
    division = SCENARIOS["division"].circuit()
    assert division.output.value == pytest.approx(1.0, rel=1e-15)
    third = 1.0 / 3.0
    assert division.backward() == pytest.approx(
        {"a": third, "b": third, "c": -third, "d": -third}, rel=1e-15)
    # mul-add at a=-2, b=3, c=4: -6 + 4 = -2; da = b = 3, db = a = -2, dc = 1.
    mul_add = SCENARIOS["mul-add"].circuit()
    assert mul_add.output.value == -2.0
    assert mul_add.backward() == {"a": 3.0, "b": -2.0, "c": 1.0}


@pytest.mark.parametrize("name", NAMES)
@EXAMPLES
@given(data=st.data())
def test_gradient_equals_sympy(name: str, data: st.DataObject) -> None:
    point = data.draw(point_strategy(name))
    assume(in_domain(name, point))
    c = SCENARIOS[name].circuit(point)
    oracle = ORACLES[name]
    # Relative error is measured against the size of the terms, not only of the result:
    # in ((a*b + c)*d)**2 at a = b = c = -0.99999, a*b + c cancels to 1e-5 and the 1e-16
    # rounding of a*b becomes 1e-11 of it. Evaluating the same formula at |inputs| sums
    # the magnitudes instead (keeping the divisor c + d as it is, since 1/(c + d) is not a
    # sum of terms); floats are good to 1e-9 of that, and the 1e-290 floor covers the
    # subnormal range (below 2.2e-308), where floats keep fewer digits.
    scale = magnitude_point(name, point)
    assert close(c.output.value, oracle.value(point), 1e-12,
                 floor=max(abs(oracle.value(scale)), 1e-290))
    grads = c.backward()
    exact = oracle.gradient(point)
    sizes = oracle.gradient(scale)
    for n, g in grads.items():
        assert close(g, exact[n], 1e-9, floor=max(abs(sizes[n]), 1e-290)), (n, g, exact[n])


@pytest.mark.parametrize("name", NAMES)
@EXAMPLES
@given(data=st.data())
def test_centered_differences_agree_with_sympy(name: str, data: st.DataObject) -> None:
    """Relative 1e-6 against max(|f'|, 1): a true slope of 0 has no relative error."""
    point = data.draw(point_strategy(name))
    assume(in_domain(name, point))
    c = SCENARIOS[name].circuit(point)
    grad, _ = numerical_gradient(c, h=1e-5, difference="centered")
    exact = ORACLES[name].gradient(point)
    for n, g in grad.items():
        assert close(g, exact[n], 1e-6, floor=1.0), (n, g, exact[n])
    assert c.input_values() == point  # the nudges are undone


@pytest.mark.parametrize("name", ["single-gate", "two-gates", "neuron"])
@EXAMPLES
@given(data=st.data())
def test_hand_wired_circuits_match_the_parsed_formula(name: str, data: st.DataObject) -> None:
    """The first three are wired gate by gate as the guide does; the parser must agree."""
    point = data.draw(point_strategy(name))
    wired = SCENARIOS[name].circuit(point)
    parsed = parse(SCENARIOS[name].expression)
    parsed.set_inputs(point)
    assert parsed.forward() == pytest.approx(wired.output.value, rel=1e-15)
    assert parsed.backward() == pytest.approx(wired.backward(), rel=1e-12)


def test_overrides_and_unknown_names() -> None:
    s: Scenario = get("two-gates")
    assert s.circuit({"z": 2.0}).output.value == 6.0  # (-2 + 5) * 2
    with pytest.raises(InputError, match="unknown input 'w'"):
        s.circuit({"w": 1.0})
    with pytest.raises(InputError, match=r"unknown scenario 'nope' \(scenarios: single-gate"):
        get("nope")


def test_division_stops_at_its_pole_as_explained() -> None:
    """The explanation's story, checked: the climb towards c + d = 0, then the jump refused."""
    from nn101.engine import Run, Settings, analytic_gradient

    run = Run(SCENARIOS["division"].circuit(), Settings()).run(200)
    assert run.status == "diverged" and run.iteration == 130
    assert "iteration 131" in run.message and "c + d across 0" in run.message
    assert 9.8 < run.steps[-1].output < 10.0
    last = run.steps[-1].inputs
    assert run.circuit.input_values() == last  # the last good point is kept
    # Step 131 by hand: where the refused step would have landed, on the other branch.
    circuit = SCENARIOS["division"].circuit(last)
    grad = analytic_gradient(circuit)
    after = {n: x + 0.01 * grad[n] for n, x in last.items()}
    assert last["c"] + last["d"] > 0.0 > after["c"] + after["d"]
    assert -117.0 < circuit.evaluate(after) < -115.0
    text = SCENARIOS["division"].explanation
    assert "9.9" in text and "step 130" in text and "-116" in text
