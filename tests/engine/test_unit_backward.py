"""`unit.backward()`: backprop from a wire with no circuit, as micrograd's `loss.backward()`.

Checked against `Circuit.backward` (same grads on every wire, to the bit: same order of
additions), against a numerical gradient, for repeatability (it zeroes first), on a chain
far deeper than Python's recursion limit, and on a wire no gate made.
"""

from __future__ import annotations

import math
import random
import struct

import pytest

from nn101.engine import SCENARIOS, AddGate, Circuit, MultiplyGate, SigmoidGate, Unit, backprop


def _bits(x: float) -> bytes:
    return struct.pack("<d", x)  # equal bits: 0.0 vs -0.0 and nan payloads told apart


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_grads_are_those_of_circuit_backward_on_every_seed_scenario(name: str) -> None:
    circuit = SCENARIOS[name].circuit()
    circuit.backward()
    expected = [_bits(w.grad) for w in circuit.wires]
    for wire in circuit.wires:
        wire.grad = 7.0  # stale grads from some earlier pass: backward must zero them
    circuit.output.backward()
    assert [_bits(w.grad) for w in circuit.wires] == expected
    assert circuit.output.grad == 1.0


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_grads_match_a_numerical_gradient_on_every_seed_scenario(name: str) -> None:
    circuit = SCENARIOS[name].circuit()
    circuit.output.backward()
    analytic = {n: u.grad for n, u in circuit.inputs.items()}
    h = 1e-6
    for n, unit in circuit.inputs.items():
        start = unit.value
        unit.value = start + h
        up = circuit.forward()
        unit.value = start - h
        down = circuit.forward()
        unit.value = start
        numerical = (up - down) / (2 * h)  # centered difference: error about h**2
        assert math.isclose(analytic[n], numerical, rel_tol=1e-5, abs_tol=1e-7), (n, name)


def test_the_guides_neuron_by_operators_and_twice_gives_the_same() -> None:
    # sig(a*x + b*y + c) at a=1, b=2, c=-3, x=-1, y=3: the sum is 2, s = sig(2) = 0.8808,
    # ds = s(1 - s) = 0.104994; then a's grad is x * ds = -0.105, b's y * ds = 0.315,
    # c's ds = 0.105, x's a * ds = 0.105, y's b * ds = 0.210 (the guide's numbers).
    a, b, c, x, y = (Unit(v) for v in (1.0, 2.0, -3.0, -1.0, 3.0))
    s = (a * x + b * y + c).sigmoid()
    s.backward()
    first = [u.grad for u in (a, b, c, x, y)]
    assert [round(g, 3) for g in first] == [-0.105, 0.315, 0.105, 0.105, 0.21]
    s.backward()  # zeroes first: not doubled
    assert [u.grad for u in (a, b, c, x, y)] == first
    s.backward(2.0)  # the output's gradient: every grad twice as big
    assert [u.grad for u in (a, b, c, x, y)] == [2 * g for g in first]


def test_a_wire_used_twice_collects_both_contributions() -> None:
    x = Unit(3.0)
    (x * x + x).backward()  # d(x^2 + x)/dx = 2x + 1 = 7
    assert x.grad == 7.0


def test_a_leaf_gets_its_grad_and_nothing_else_happens() -> None:
    x, y = Unit(2.0), Unit(5.0)
    q = x * y
    q.backward()
    assert (x.grad, y.grad) == (5.0, 2.0)
    x.backward()  # x was made by no gate: it gets grad 1, no other wire is touched
    assert (x.grad, y.grad, q.grad) == (1.0, 2.0, 1.0)
    x.backward(-3.5)
    assert x.grad == -3.5


def _chain(gates: int) -> tuple[Unit, Unit]:
    x, k, d = Unit(0.5), Unit(0.999), Unit(0.001)
    wire = x
    for i in range(gates):
        wire = wire * k if i % 2 == 0 else wire + d
    return x, wire


def test_a_chain_of_100000_gates_is_no_recursion_problem() -> None:
    # x * 0.999 + 0.001, 50,000 times: dout/dx = 0.999 ** 50,000 (the adds pass it on).
    x, out = _chain(100_000)
    out.backward()
    assert x.grad == pytest.approx(0.999**50_000, rel=1e-9)
    x.grad = 0.0
    out.backward()  # the stack walk zeroes too: the same again, not doubled
    assert x.grad == pytest.approx(0.999**50_000, rel=1e-9)
    assert len(backprop.order(out)) == 100_000


def test_a_deep_graph_gives_circuit_backward_bits() -> None:
    # Past the recursion limit the stack walk takes over: same order, so the same bits.
    rng = random.Random(5)
    x, k = Unit(0.3, label="x"), Unit(0.9, label="k")
    wire = x
    for _ in range(1_500):
        side = SigmoidGate().forward(wire) if rng.random() < 0.3 else k
        wire = AddGate().forward(MultiplyGate().forward(wire, k), side)
    circuit = Circuit([x, k], wire)
    circuit.backward()
    expected = [_bits(w.grad) for w in circuit.wires]
    wire.backward()
    assert [_bits(w.grad) for w in circuit.wires] == expected


def test_order_is_the_circuits_gate_order() -> None:
    a, b = Unit(1.0, label="a"), Unit(-2.0, label="b")
    shared = a * b
    out = (shared + a).relu() * shared.sigmoid()
    assert backprop.order(out) == Circuit([a, b], out).gates
    assert [g.name for g in backprop.order(out)] == [
        "multiply", "add", "relu", "sigmoid", "multiply"]
    assert backprop.order(a) == []


def test_a_gate_subclass_is_run_back_by_its_own_local_gradients() -> None:
    # A deliberately wrong multiply (d/da returned as a, not b): only an exact
    # MultiplyGate takes the inline lines; at (2, 3) x gets 2 (its formula), not 3.
    class WrongMultiply(MultiplyGate):
        def local_gradients(self) -> tuple[float, float]:
            return self.a.value, self.a.value

    x, y = Unit(2.0), Unit(3.0)
    WrongMultiply().forward(x, y).backward()
    assert (x.grad, y.grad) == (2.0, 2.0)
