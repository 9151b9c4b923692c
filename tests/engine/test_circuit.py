"""The Circuit: topological order without recursion, backward that can be repeated, a
gate-by-gate walk, and gates reused from step to step."""

from __future__ import annotations

import math
import sys

import pytest

from nn101.engine import (
    SCENARIOS,
    AddGate,
    Circuit,
    InputError,
    Method,
    MultiplyGate,
    Run,
    Settings,
    SigmoidGate,
    Unit,
    parse,
    topological_order,
)

CHAIN = 100_000


def test_a_chain_of_100000_gates_runs_both_ways() -> None:
    # u_0 = x; then 50,000 times: u <- (u + k) * m, with k = 0.5 and m = 1 shared by all
    # the gates of their kind: 100,000 gates in a chain 100,000 deep.
    x, k, m = Unit(1.0, label="x"), Unit(0.5, label="k"), Unit(1.0, label="m")
    u = x
    for _ in range(CHAIN // 2):
        u = MultiplyGate().forward(AddGate().forward(u, k), m)
    assert sys.getrecursionlimit() * 50 < CHAIN  # any recursive walk would overflow
    c = Circuit({"x": x, "k": k, "m": m}, u)
    assert len(c) == CHAIN
    # Forward: m = 1, so the output is x + 50,000 * 0.5 = 1 + 25,000.
    assert c.forward() == 25_001.0
    grads = c.backward()
    # Backward: every m is 1, so every wire's grad is 1. dx = 1. k feeds all 50,000 adds:
    # dk = 50,000. The i-th multiply (i = 1..50,000) sees the value x + 0.5 i, so
    # dm = sum_i (1 + 0.5 i) = 50,000 + 0.5 * 50,000 * 50,001 / 2 = 625,062,500
    # (exact in floats: every partial sum is a multiple of 0.5 below 2**53).
    assert grads == {"x": 1.0, "k": 50_000.0, "m": 625_062_500.0}
    # Re-run from a new input: the same gates, the new value.
    c.set_inputs({"x": 3.0})
    assert c.forward() == 25_003.0
    assert c.backward()["x"] == 1.0
    # And the walk, one gate at a time, covers the whole chain without recursion.
    assert sum(1 for _ in c.backward_steps()) == CHAIN


def test_topological_order_puts_every_gate_after_its_inputs() -> None:
    c = parse("sig(a*b + c) * (a - exp(d)) / (b + max(c, d))")
    position = {id(g): i for i, g in enumerate(c.gates)}
    for i, gate in enumerate(c.gates):
        for u in gate.inputs:
            if u.gate is not None:
                assert position[id(u.gate)] < i
    assert c.gates[-1].out is c.output
    assert topological_order(Unit(2.0)) == []  # a bare input has no gates


def test_a_shared_subexpression_is_computed_once() -> None:
    x, y = Unit(2.0), Unit(3.0)
    q = AddGate().forward(x, y)
    f = MultiplyGate().forward(q, q)  # (x + y)**2 through one add gate
    c = Circuit({"x": x, "y": y}, f)
    assert len(c) == 2
    assert c.forward() == 25.0
    assert c.backward() == {"x": 10.0, "y": 10.0}  # 2 (x + y) = 10


def test_backward_twice_gives_the_same_gradients() -> None:
    c = SCENARIOS["neuron"].circuit()
    first = c.backward()
    wires = [(w.value, w.grad) for w in c.wires]
    assert c.backward() == first
    assert [(w.value, w.grad) for w in c.wires] == wires


def test_accumulation_through_a_circuit() -> None:
    # f = a*a + a at a = 3: df/da = 2a + 1 = 7; the a*a gate sends 3 + 3, the + sends 1.
    c = parse("a*a + a")
    c.set_inputs({"a": 3.0})
    assert c.forward() == 12.0
    assert c.backward() == {"a": 7.0}
    assert c.backward() == {"a": 7.0}


def test_the_same_gates_are_reused_after_set_inputs() -> None:
    c = SCENARIOS["two-gates"].circuit()
    gates, output, wires = list(c.gates), c.output, list(c.wires)
    c.set_inputs({"x": 1.0, "y": 1.0, "z": 5.0})
    assert c.forward() == 10.0  # (1 + 1) * 5
    assert all(a is b for a, b in zip(c.gates, gates, strict=True))
    assert c.output is output
    assert all(a is b for a, b in zip(c.wires, wires, strict=True))


def test_a_run_steps_the_same_circuit_object() -> None:
    c = SCENARIOS["neuron"].circuit()
    gates = list(c.gates)
    run = Run(c, Settings(Method.ANALYTIC)).run(10)
    assert run.circuit is c
    assert all(a is b for a, b in zip(c.gates, gates, strict=True))
    assert c.output.value == run.steps[-1].output
    assert c.input_values() == run.steps[-1].inputs


def test_the_backward_walk_ends_where_backward_ends() -> None:
    c = SCENARIOS["neuron"].circuit()
    expected = c.backward()
    expected_wires = [w.grad for w in c.wires]
    steps = list(c.backward_steps())
    assert c.gradients() == expected
    assert [w.grad for w in c.wires] == expected_wires
    # The first step is the sigmoid, seeded with grad 1, handing s(1-s) to its input.
    first = steps[0]
    s = 1.0 / (1.0 + math.exp(-2.0))
    assert first.out_grad == 1.0
    (contribution,) = first.contributions
    assert contribution.wire == "ax+by+c"
    assert contribution.local_gradient == pytest.approx(s * (1 - s), rel=1e-15)
    assert contribution.added == contribution.local_gradient
    assert contribution.grad_after == contribution.added
    # The last step is a*x: local gradients (x, a) = (-1, 1), times its out grad.
    last = steps[-1]
    assert [(ct.wire, ct.local_gradient) for ct in last.contributions] == [
        ("a", -1.0), ("x", 1.0)]
    assert [ct.added for ct in last.contributions] == [-last.out_grad, last.out_grad]


def test_the_walk_shows_a_wire_collecting_from_two_gates() -> None:
    # f = x*y + x at x=2, y=5: the + hands x 1, then the * hands it y = 5: 1 + 5 = 6.
    c = parse("x*y + x")
    c.set_inputs({"x": 2.0, "y": 5.0})
    c.forward()
    to_x = [ct for step in c.backward_steps() for ct in step.contributions if ct.wire == "x"]
    assert [(ct.added, ct.grad_after) for ct in to_x] == [(1.0, 1.0), (5.0, 6.0)]


def test_set_inputs_refuses_bad_values_and_keeps_the_last_good_state() -> None:
    c = SCENARIOS["two-gates"].circuit()
    before = c.input_values()
    with pytest.raises(InputError, match=r"unknown input 'w' \(inputs: x, y, z\)"):
        c.set_inputs({"x": 1.0, "w": 2.0})
    for bad in (math.nan, math.inf, -math.inf):
        with pytest.raises(InputError, match="must be a finite number"):
            c.set_inputs({"x": 7.0, "y": bad})
    with pytest.raises(InputError, match="must be a finite number"):
        c.set_inputs({"y": "3"})  # type: ignore[dict-item]
    assert c.input_values() == before  # nothing half-applied


def test_inputs_can_be_named_by_label() -> None:
    a, b = Unit(2.0, label="a"), Unit(4.0, label="b")
    c = Circuit([a, b], SigmoidGate().forward(MultiplyGate().forward(a, b)))
    assert list(c.inputs) == ["a", "b"]
    assert c.forward() == pytest.approx(1.0 / (1.0 + math.exp(-8.0)), rel=1e-15)
