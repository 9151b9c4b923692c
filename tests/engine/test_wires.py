"""Gradients wire by wire, checked against sympy with each use of a variable split apart.

Rename the k-th use of x to its own symbol x__k: the partial derivative on x__k is what
that one wire carries (local x upstream), and the sum over k is df/dx.
"""

from __future__ import annotations

import re

import pytest

from nn101.engine import SCENARIOS, parse
from nn101.engine.circuit import Circuit
from nn101.engine.wires import wire_gradients
from tests.engine.oracle import from_text

CASES = [
    ("x*x", {"x": 3.0}),
    ("x*y + x", {"x": 3.0, "y": 5.0}),
    ("a*a + a", {"a": -1.5}),
    ("sig(a*x + b*y + c)", {"a": 1.0, "b": 2.0, "c": -3.0, "x": -1.0, "y": 3.0}),
    ("x*y*x + log(x) / y", {"x": 2.0, "y": -0.5}),
]


def split_uses(text: str, names: list[str]) -> tuple[str, dict[str, list[str]]]:
    """`text` with the k-th use of each name renamed name__k, and each name's new names."""
    uses: dict[str, list[str]] = {n: [] for n in names}

    def rename(match: re.Match[str]) -> str:
        name = match.group(0)
        if name not in uses:
            return name
        uses[name].append(f"{name}__{len(uses[name])}")
        return uses[name][-1]

    return re.sub(r"[A-Za-z_][A-Za-z0-9_]*", rename, text), uses


def expected_uses(text: str, point: dict[str, float], dx: float) -> dict[str, list[float]]:
    names = list(point)
    split, uses = split_uses(text, names)
    all_names = [u for n in names for u in uses[n]]
    oracle = from_text(split, all_names)
    at = {u: point[n] for n in names for u in uses[n]}
    grad = oracle.gradient(at)
    return {n: sorted(dx * grad[u] for u in uses[n]) for n in names}


def check(circuit: Circuit, text: str, point: dict[str, float], dx: float) -> None:
    circuit.set_inputs(point)
    wires = wire_gradients(circuit, dx)
    expected = expected_uses(text, point, dx)
    for name, want in expected.items():
        got = wires[name]
        assert sorted(u.product for u in got.uses) == pytest.approx(want, rel=1e-12, abs=1e-15)
        assert got.total == pytest.approx(sum(want), rel=1e-12, abs=1e-15)
        assert got.total == circuit.inputs[name].grad  # exactly the engine's backward
        for u in got.uses:
            assert u.product == u.local * u.upstream
            assert circuit.gates[u.gate_index] is u.gate
            assert u.gate.inputs[u.slot] is circuit.inputs[name]


@pytest.mark.parametrize(("text", "point"), CASES)
@pytest.mark.parametrize("dx", [1.0, -2.5])
def test_each_wire_carries_its_split_partial(text: str, point: dict[str, float],
                                             dx: float) -> None:
    check(parse(text), text, point, dx)


def test_the_neuron_scenario_wire_by_wire() -> None:
    scenario = SCENARIOS["neuron"]
    check(scenario.circuit(), "sig(a*x + b*y + c)", dict(scenario.defaults), 1.0)


def test_x_times_y_plus_x_reads_as_the_issue_says() -> None:
    c = parse("x*y + x")
    c.set_inputs({"x": 3.0, "y": 5.0})
    x = wire_gradients(c)["x"]
    # the + gate first (local 1, its second input), then the * gate (local y = 5)
    assert [(u.gate.name, u.slot, u.local, u.upstream) for u in x.uses] == [
        ("add", 1, 1.0, 1.0), ("multiply", 0, 5.0, 1.0)]
    assert x.total == 6.0


def test_x_times_x_has_two_wires_of_one_unit() -> None:
    c = parse("x*x")
    c.set_inputs({"x": 3.0})
    x = wire_gradients(c)["x"]
    assert [(u.slot, u.local, u.product) for u in x.uses] == [(0, 3.0, 3.0), (1, 3.0, 3.0)]
    assert x.total == 6.0
