"""Each optimizer's update against PyTorch's rules worked by hand (p = 0.5, g = 0.2)."""

from __future__ import annotations

import math

import pytest

from nn101.engine import InputError
from nn101.engine.learning.optimizers import Optimizer, OptimizerSettings


def two_steps(settings: OptimizerSettings) -> tuple[float, float, Optimizer]:
    opt = Optimizer(settings, ["p"])
    first = opt.step({"p": 0.5}, {"p": 0.2})["p"]
    second = opt.step({"p": first}, {"p": -0.1})["p"]
    return first, second, opt


def test_sgd_with_weight_decay() -> None:
    # g' = 0.2 + 0.01*0.5 = 0.205; p = 0.5 - 0.1*0.205 = 0.4795
    # g' = -0.1 + 0.01*0.4795 = -0.095205; p = 0.4795 + 0.0095205 = 0.4890205
    first, second, opt = two_steps(OptimizerSettings("sgd", 0.1, weight_decay=0.01))
    assert first == pytest.approx(0.4795, abs=1e-15)
    assert second == pytest.approx(0.4890205, abs=1e-15)
    assert opt.state["p"]["step"] == pytest.approx(0.0095205, abs=1e-15)


def test_momentum_velocity_starts_at_the_gradient() -> None:
    # v1 = 0.2, p = 0.5 - 0.1*0.2 = 0.48; v2 = 0.9*0.2 - 0.1 = 0.08, p = 0.48 - 0.008 = 0.472
    first, second, opt = two_steps(OptimizerSettings("momentum", 0.1, momentum=0.9))
    assert first == pytest.approx(0.48, abs=1e-15)
    assert second == pytest.approx(0.472, abs=1e-15)
    assert opt.state["p"]["velocity"] == pytest.approx(0.08, abs=1e-15)


def test_adam_first_step_moves_by_lr_and_second_by_hand() -> None:
    # t=1: m = 0.1*0.2 = 0.02, v = 0.001*0.04 = 4e-5; m^ = 0.2, v^ = 0.04, sqrt 0.2
    #      p = 0.5 - 0.01 * 0.2/(0.2 + 1e-8) = 0.49000000050 (a step of lr, less eps's share)
    s = OptimizerSettings("adam", 0.01, beta1=0.9, beta2=0.999, eps=1e-8)
    first, second, opt = two_steps(s)
    assert first == pytest.approx(0.5 - 0.01 * 0.2 / (0.2 + 1e-8), abs=1e-15)
    # t=2: m = 0.9*0.02 + 0.1*(-0.1) = 0.008, v = 0.999*4e-5 + 0.001*0.01 = 4.996e-5
    #      m^ = 0.008/0.19 = 0.0421053, v^ = 4.996e-5/0.001999 = 0.0249925, sqrt 0.158090
    #      p = first - 0.01 * 0.0421053/0.158090 = first - 0.00266337
    m_hat, v_hat = 0.008 / (1 - 0.9**2), 4.996e-5 / (1 - 0.999**2)
    assert second == pytest.approx(first - 0.01 * m_hat / (math.sqrt(v_hat) + 1e-8), abs=1e-15)
    assert second == pytest.approx(first - 0.00266337, abs=1e-8)
    assert opt.state["p"]["m"] == pytest.approx(0.008, abs=1e-15)
    assert opt.state["p"]["v"] == pytest.approx(4.996e-5, abs=1e-18)
    assert opt.t == 2


def test_adam_puts_weight_decay_in_the_gradient_adamw_outside_it() -> None:
    # adam, wd 0.1: g' = 0.2 + 0.05 = 0.25 enters m and v: m = 0.025, v = 0.0000625
    adam = Optimizer(OptimizerSettings("adam", 0.01, weight_decay=0.1), ["p"])
    adam.step({"p": 0.5}, {"p": 0.2})
    assert adam.state["p"]["m"] == pytest.approx(0.025, abs=1e-15)
    # adamw, wd 0.1: p first shrinks by lr*wd: 0.5*(1 - 0.001) = 0.4995; m = 0.02 (g only)
    #   p = 0.4995 - 0.01 * 0.2/(0.2 + 1e-8)
    adamw = Optimizer(OptimizerSettings("adamw", 0.01, weight_decay=0.1), ["p"])
    new = adamw.step({"p": 0.5}, {"p": 0.2})["p"]
    assert adamw.state["p"]["m"] == pytest.approx(0.02, abs=1e-15)
    assert new == pytest.approx(0.4995 - 0.01 * 0.2 / (0.2 + 1e-8), abs=1e-15)


@pytest.mark.parametrize("bad", [OptimizerSettings("rmsprop"), OptimizerSettings(lr=0.0),
                                 OptimizerSettings(beta2=1.0), OptimizerSettings(eps=0.0),
                                 OptimizerSettings(weight_decay=-1.0)])
def test_bad_settings_are_refused(bad: OptimizerSettings) -> None:
    with pytest.raises(InputError):
        Optimizer(bad, ["p"])
