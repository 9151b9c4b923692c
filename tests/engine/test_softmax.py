"""Softmax and cross-entropy as gates: values and gradients against sympy, p - y on the walk."""

from __future__ import annotations

import math

import pytest
import sympy as sp

from nn101.engine import Circuit, Unit
from nn101.engine.gates import MaxGate, SubtractGate
from nn101.engine.learning.softmax import cross_entropy, cross_entropy_value, softmax


def build(logits: list[float], label: int) -> tuple[Circuit, list[Unit]]:
    zs = [Unit(z, label=f"z{k}") for k, z in enumerate(logits)]
    ts = [Unit(1.0 if k == label else 0.0, label=f"t{k}") for k in range(len(logits))]
    loss = cross_entropy(zs, ts)
    return Circuit({u.label: u for u in zs + ts}, loss), zs


def test_softmax_by_hand() -> None:
    # z = (1, 2, 3): e^{z-3} = (e^-2, e^-1, 1) = (0.135335, 0.367879, 1), sum 1.503215
    # p = (0.090031, 0.244728, 0.665241)
    assert softmax([1.0, 2.0, 3.0]) == pytest.approx([0.0900306, 0.2447285, 0.6652410],
                                                     abs=1e-7)


def test_cross_entropy_and_its_gradient_against_sympy() -> None:
    z = sp.symbols("z0:3")
    loss = -sp.log(sp.exp(z[1]) / sum(sp.exp(v) for v in z))  # the target is class 1
    at = {z[0]: sp.Rational(1, 2), z[1]: sp.Rational(-13, 10), z[2]: sp.Rational(21, 10)}
    circuit, _ = build([0.5, -1.3, 2.1], 1)
    assert circuit.forward() == pytest.approx(float(loss.subs(at).evalf(30)), rel=1e-14)
    grads = circuit.backward()
    for k in range(3):
        want = float(sp.diff(loss, z[k]).subs(at).evalf(30))
        assert grads[f"z{k}"] == pytest.approx(want, rel=1e-13, abs=1e-15)


def test_large_logits_do_not_overflow() -> None:
    # e^1000 overflows a float; the log-sum-exp form takes e^{z - m} = e^0, e^-1:
    # L = log(1 + e^-1) + 1000 - 999 = 1.313262 (target class 1, the smaller)
    circuit, _ = build([1000.0, 999.0], 1)
    assert circuit.forward() == pytest.approx(math.log(1 + math.exp(-1)) + 1.0, rel=1e-12)
    assert cross_entropy_value([1000.0, 999.0], 1) == pytest.approx(1.3132617, rel=1e-7)


def test_the_walk_shows_p_minus_y_as_the_sum_of_each_logits_contributions() -> None:
    logits, label = [0.3, 1.7, -0.4], 0
    circuit, zs = build(logits, label)
    circuit.forward()
    p = softmax(logits)
    added: dict[int, list[tuple[str, float]]] = {k: [] for k in range(3)}
    for step in circuit.backward_steps():
        for c in step.contributions:
            for k, z in enumerate(zs):
                if c.unit is z:
                    added[k].append((step.gate.name, c.added))
    for k in range(3):
        y = 1.0 if k == label else 0.0
        # z_k feeds: s_k = z_k - m (adds p_k), the pick t_k * z_k (adds -t_k), and the max
        # chain (adds m's grad, 1 - sum p = 0 up to rounding, to the winner only)
        from_shift = [a for name, a in added[k] if name == "subtract"]
        from_pick = [a for name, a in added[k] if name == "multiply"]
        assert from_shift == [pytest.approx(p[k], rel=1e-12)]
        assert from_pick == [-y]
        total = sum(a for _, a in added[k])
        assert total == pytest.approx(p[k] - y, abs=1e-15)
        assert zs[k].grad == pytest.approx(p[k] - y, abs=1e-15)


def test_the_max_wire_collects_about_zero() -> None:
    circuit, _ = build([0.3, 1.7, -0.4], 2)
    circuit.forward()
    circuit.backward()
    maxes = [g for g in circuit.gates if isinstance(g, MaxGate)]
    m = maxes[-1].out
    assert m.value == 1.7
    assert abs(m.grad) < 1e-15  # 1 - (p0 + p1 + p2)
    shifted = [g for g in circuit.gates if isinstance(g, SubtractGate)]
    assert all(g.out.value <= 0.0 for g in shifted[:3])  # every exponent <= 0
