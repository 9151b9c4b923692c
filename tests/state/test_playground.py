"""The playground state model, driven as the app drives it, with no screen."""

from __future__ import annotations

import math

import pytest

from nn101.engine.errors import ExpressionError, InputError
from nn101.engine.methods import Method
from nn101.state import controls
from nn101.state.playground import Playground
from nn101.state.session import Session


def test_single_gate_compare_reproduces_the_seed() -> None:
    pg = Playground("single-gate")
    results = {r.method: r for r in pg.compare()}
    # analytic: x,y = -2 + 0.01*3, 3 + 0.01*(-2) = -1.97, 2.98; f = -1.97*2.98 = -5.8706
    assert results[Method.ANALYTIC].output == pytest.approx(-5.8706)
    assert results[Method.NUMERICAL].output == pytest.approx(-5.8706, abs=1e-6)
    # random search: 100 nudges of at most 0.01; best of them is about -5.95 (seed 1)
    assert results[Method.RANDOM].output == pytest.approx(-5.95, abs=0.01)
    # costs: 100 tries; N+1 = 3 forward passes; 1 forward (+1 backward)
    assert [results[m].forward_passes for m in Method] == [100, 3, 1]
    assert results[Method.ANALYTIC].backward_passes == 1


def test_two_gates_step_and_gradients() -> None:
    pg = Playground("two-gates")
    assert pg.output == -12.0
    assert pg.gradients() == {"x": -4.0, "y": -4.0, "z": 3.0}
    pg.step()
    # x,y,z = -2.04, 4.96, -3.97; (x+y)*z = 2.92 * -3.97 = -11.5924
    assert pg.output == pytest.approx(-11.5924)
    assert pg.forward_passes()[Method.ANALYTIC] == 1


def test_neuron_walk_order_and_gradients() -> None:
    pg = Playground("neuron")
    names = [pg.walk_step().gate.name for _ in range(5)]  # type: ignore[union-attr]
    assert names == ["sigmoid", "add", "add", "multiply", "multiply"]
    assert pg.walk_complete
    # s = sig(1) = 0.8808; ds/dq = s(1-s) = 0.104994; da = x*dq etc.
    dq = pg.output * (1 - pg.output)
    expected = {"a": -1 * dq, "b": 3 * dq, "c": dq, "x": 1 * dq, "y": 2 * dq}
    assert pg.circuit.gradients() == pytest.approx(expected)
    assert pg.walk_step().gate.name == "sigmoid"  # type: ignore[union-attr]  # starts over
    pg.step()
    assert pg.output == pytest.approx(0.882550, abs=1e-6)


def test_walk_mid_way_has_only_the_visited_gradients() -> None:
    pg = Playground("two-gates")
    pg.walk_step()  # the * gate: dq = z = -4, dz = q = 3; the + gate not yet walked
    assert pg.circuit.gradients() == {"x": 0.0, "y": 0.0, "z": 3.0}
    assert pg.walk_gate is pg.circuit.gates[-1]


def test_bad_text_keeps_the_last_good_value() -> None:
    pg = Playground("single-gate")
    pg.edit(controls.METHOD, "analytic")
    pg.step()
    for bad in ("abc", "nan", "inf", "1e400", "", "  "):
        with pytest.raises(InputError):
            pg.set_input("x", bad)
        with pytest.raises(InputError):
            pg.edit(controls.STEP_SIZE, bad)
    assert pg.inputs() == pytest.approx({"x": -1.97, "y": 2.98})
    assert pg.settings.step_size == 0.01
    assert pg.iteration == 1
    with pytest.raises(InputError):
        pg.edit(controls.H, "0")
    with pytest.raises(InputError):
        pg.edit(controls.TRIES, "2.5")
    with pytest.raises(InputError):
        pg.edit(controls.TWEAK, "-1")
    assert (pg.settings.h, pg.settings.tries, pg.settings.tweak) == (1e-4, 100, 0.01)


def test_editing_an_input_restarts_the_run_and_settings_keep_it() -> None:
    pg = Playground("single-gate")
    pg.edit(controls.METHOD, "analytic")
    pg.step()
    pg.edit(controls.STEP_SIZE, "0.1")
    assert pg.iteration == 1
    pg.set_input("x", "1")
    assert pg.iteration == 0 and pg.inputs() == {"x": 1.0, "y": pytest.approx(2.98)}
    assert pg.output == pytest.approx(2.98)


def test_division_refuses_a_zero_divisor_and_stops_at_the_pole() -> None:
    pg = Playground("division")
    with pytest.raises(InputError, match="division by zero"):
        pg.set_input("c", "-1")  # c + d = -1 + 1 = 0
    assert pg.inputs()["c"] == 2.0
    pg.edit(controls.STEP_SIZE, "1")
    # from (1,2,2,1): grads (1/3, 1/3, -1/3, -1/3); big steps push c+d through 0
    pg.step(50)
    assert pg.status == "diverged"
    assert "c + d" in pg.message and "across 0" in pg.message
    assert pg.inputs()["c"] + pg.inputs()["d"] > 0  # the last good point is kept
    assert pg.step() == []
    pg.reset()
    assert pg.status == "ok" and pg.output == 1.0


def test_cycle_method_and_reset() -> None:
    pg = Playground("single-gate")
    assert pg.settings.method is Method.RANDOM
    assert pg.cycle_method() is Method.NUMERICAL
    assert pg.cycle_method() is Method.ANALYTIC
    assert pg.cycle_method() is Method.RANDOM
    pg.edit(controls.TRIES, "7")
    pg.step(2)
    assert pg.forward_passes()[Method.RANDOM] == 14
    pg.reset()
    assert pg.iteration == 0 and pg.settings.tries == 100 and pg.output == -6.0


def test_forward_makes_gradients_unknown_until_walked() -> None:
    pg = Playground("two-gates")
    pg.forward()
    assert pg.gradients() is None
    pg.walk_step()
    assert pg.gradients() is not None


def test_gradient_check_passes_on_every_scenario() -> None:
    for name in ("single-gate", "two-gates", "neuron", "square", "division"):
        check = Playground(name).gradient_check()
        assert check.ok, name


def test_expression_and_bad_expression_keep_the_open_one() -> None:
    pg = Playground(expression="a*a")
    assert pg.gradients() == {"a": 2.0}  # d(a*a)/da = 2a = 2 at a = 1
    with pytest.raises(ExpressionError):
        pg.load_expression("a +")
    assert pg.expression == "a*a" or pg.expression == "a * a"


def test_a_session_round_trip_through_json_goes_on_the_same() -> None:
    pg = Playground("neuron")
    pg.edit(controls.STEP_SIZE, "0.05")
    pg.step(3)
    back = Playground.from_session(Session.from_json(pg.to_session().to_json()))
    assert back.to_session().to_dict() == pg.to_session().to_dict()
    back.step()
    pg.step()
    assert math.isclose(back.output, pg.output)


def test_an_input_named_like_a_setting_is_its_own_control() -> None:
    # An input called h and the numerical gradient's h are two controls: editing one never
    # touches the other, and each keeps its own refusal.
    pg = Playground(expression="h*x + step_size*tries")
    pg.edit(controls.input_control("h"), "3")
    assert pg.inputs()["h"] == 3.0 and pg.settings.h == 1e-4
    pg.edit(controls.H, "0.5")
    assert pg.inputs()["h"] == 3.0 and pg.settings.h == 0.5
    with pytest.raises(InputError):
        pg.edit(controls.H, "0")
    assert set(pg.errors) == {controls.H}
    pg.edit(controls.input_control("h"), "4")
    assert set(pg.errors) == {controls.H} and pg.inputs()["h"] == 4.0


def test_a_gradient_check_goes_stale_when_the_point_or_h_moves() -> None:
    pg = Playground("neuron")
    pg.gradient_check()
    assert not pg.check_stale
    pg.step()
    assert pg.check_stale  # made at iteration 0's point
    pg.gradient_check()
    assert not pg.check_stale
    pg.edit(controls.H, "1e-3")
    assert pg.check_stale
