"""The playground's new readings: dx, per-wire gradients, the chain rule of the walk, the
equations, and how far each compared method moved the inputs."""

from __future__ import annotations

import math

import pytest

from nn101.engine.errors import InputError
from nn101.engine.methods import Method
from nn101.state.notation import sum_text
from nn101.state.playground import Playground


def test_dx_is_a_setting_that_scales_every_gradient_shown() -> None:
    pg = Playground("two-gates")
    assert pg.upstream == 1.0
    assert pg.set_upstream("-2") == -2.0
    assert pg.gradients() == {"x": 8.0, "y": 8.0, "z": -6.0}
    pg.walk_step()
    assert pg.walk[-1].out_grad == -2.0
    assert pg.gradient_check().ok
    eqs = pg.equations()
    assert eqs is not None and eqs.given == "df = -2"
    for bad in ("nan", "inf", "x", ""):
        with pytest.raises(InputError):
            pg.set_upstream(bad)
    assert pg.upstream == -2.0  # the last good value is kept
    pg.reset()
    assert pg.upstream == 1.0


def test_a_step_with_dx_follows_dx_times_the_output() -> None:
    pg = Playground("two-gates")
    pg.set_upstream("-1")
    pg.step()
    assert pg.output < -12.0  # dx = -1 asks the output to go down


def test_wires_show_each_contribution_and_the_sum() -> None:
    pg = Playground(expression="x*y + x @ x=3, y=5")
    wires = pg.wires()
    assert wires is not None
    assert sum_text(wires["x"]) == "x: 1·1 + 5·1 = 6"
    assert sum_text(wires["y"]) == "y: 3·1 = 3"
    assert pg.gradients() == {"x": 6.0, "y": 3.0}


def test_the_walk_writes_its_chain_rule() -> None:
    pg = Playground("neuron")
    assert pg.chain_rule() == []
    pg.walk_step()
    assert [t.text for t in pg.chain_rule()] == [
        "dq = (s * (1 - s)) × ds = 0.104994 × 1 = 0.104994"]
    for _ in range(4):
        pg.walk_step()
    assert [t.text for t in pg.chain_rule()] == [
        "da = x × dax = -1 × 0.104994 = -0.104994", "dx = a × dax = 1 × 0.104994 = 0.104994"]


def test_equation_lines_know_their_walk_step() -> None:
    pg = Playground("square")
    eqs = pg.equations()
    assert eqs is not None
    last_gate = len(pg.circuit.gates) - 1
    assert [e.formula for e in eqs.lines if last_gate in e.gates] == ["dx2 = 2 * x2 * dx"]


def test_compare_says_how_far_each_method_moved() -> None:
    pg = Playground("neuron")
    results = {r.method: r for r in pg.compare()}
    analytic, random_ = results[Method.ANALYTIC], results[Method.RANDOM]
    grads = pg.gradients()
    assert grads is not None
    assert analytic.moved_max == pytest.approx(0.01 * max(abs(g) for g in grads.values()))
    assert analytic.moved_l2 == pytest.approx(0.01 * math.sqrt(sum(g * g for g in
                                                                    grads.values())))
    # the surprise: random search beats one gradient step by moving further
    assert random_.output is not None and analytic.output is not None
    assert random_.output > analytic.output
    assert random_.moved_max is not None and analytic.moved_max is not None
    assert random_.moved_max > analytic.moved_max
    note = pg.compare_note()
    assert "random moved the inputs by at most" in note and "tweak" in note
