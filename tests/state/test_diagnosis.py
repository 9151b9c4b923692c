""""Why isn't it learning?" (issue 12): each line appears on a run made to trigger it and
is absent on a healthy run."""

from __future__ import annotations

import pytest

from nn101.state.diagnosis import diagnose
from nn101.state.learning import Learning


def keys(model: str, iterations: int, **config: object) -> set[str]:
    learning = Learning(model, config)
    learning.run(iterations)
    return {f.key for f in diagnose(learning.training)}


def test_healthy_runs_say_nothing() -> None:
    assert keys("net", 3000, dataset="moons", hidden=10, step_size=0.03,
                regularization=0.001) == set()
    assert keys("net", 2000, dataset="xor", hidden=10, step_size=0.03,
                regularization=0.001, activation="tanh") == set()
    assert keys("svm", 400, regularization=0.0) == set()
    assert keys("svm", 400, dataset="gauss", regularization=0.01) == set()


def test_nothing_is_said_at_the_start() -> None:
    assert keys("net", 50, dataset="moons") == set()


def test_most_relus_dead() -> None:
    # a step size of 1 knocks most of ten ReLUs below 0 on every point within 2000 steps
    assert "dead" in keys("net", 2000, dataset="moons", hidden=10, step_size=1.0,
                          regularization=0.001)
    # tanh and sigmoid neurons never output exactly 0
    assert "dead" not in keys("net", 2000, dataset="moons", hidden=10, step_size=1.0,
                              regularization=0.001, activation="tanh")


def test_the_guides_regularization_on_the_net() -> None:
    found = keys("net", 400, dataset="moons")  # R = 1, the guide's
    assert "regularization" in found
    assert "flat" in found  # and the score it leaves is flat: one class everywhere


def test_the_loss_rising_with_too_large_a_step() -> None:
    # step 2.5 x R 1: each step multiplies the weights by -1.5
    assert "rising" in keys("svm", 150, step_size=2.5)
    assert "rising" not in keys("svm", 150)


@pytest.mark.parametrize("model", ["svm", "net"])
def test_each_line_names_what_to_change(model: str) -> None:
    learning = Learning(model, {"dataset": "moons", "step_size": 2.5} if model == "svm"
                        else {"dataset": "moons"})
    learning.run(400 if model == "net" else 150)
    lines = diagnose(learning.training)
    assert lines
    for finding in lines:
        assert any(word in finding.text for word in ("lower", "reset", "try"))
